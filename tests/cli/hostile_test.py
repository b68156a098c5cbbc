#!/usr/bin/env python3
"""Hostile inputs: every reproducer of the reliability review, each run under a memory
limit (RLIMIT_AS, 4 GiB) and a wall-clock timeout. A reproducer passes when the command
ends within both with an expected exit status (0, 1, 2 or 3, never a signal or 70), and,
when it refuses, with exactly one error line that names the file (or the option) and
says what is wrong, at most MAX_LINE characters of valid UTF-8. Output: TAP; each
result's time and peak memory are printed as a TAP comment for the benchmark notes.

usage: hostile_test.py INFOCERT SOURCE_ROOT
"""
import json
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from fractions import Fraction

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tap  # noqa: E402

EXE, ROOT = sys.argv[1], os.path.abspath(sys.argv[2])
CASES = os.path.join(ROOT, "data", "cases")
CE = os.path.join(ROOT, "tests", "data", "baseline", "counterexamples")
MEMORY = 4 << 30
TIMEOUT = 75
MAX_LINE = 400
tmp = tempfile.mkdtemp(prefix="infocert-hostile-")
results = []
timings = []


def limit():
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def run(args, timeout=TIMEOUT):
    """Runs infocert; returns (exit status or -signal or None on timeout, stdout, stderr,
    seconds, peak resident MB)."""
    start = time.monotonic()
    # Without meson's MALLOC_PERTURB_: glibc then fills every freed chunk, and a chunk that
    # merges with a large free region costs a memset of all of it (a type-class sum that
    # takes 1.7 s takes over 75 s so), which would measure glibc and not the command.
    env = {k: v for k, v in os.environ.items() if k != "MALLOC_PERTURB_"}
    p = subprocess.Popen([EXE, "--quiet", *args], stdin=subprocess.DEVNULL, env=env,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=limit)
    chunks = {"out": [], "err": []}
    readers = [threading.Thread(target=lambda f=f, k=k: chunks[k].append(f.read()))
               for f, k in ((p.stdout, "out"), (p.stderr, "err"))]
    for t in readers:
        t.start()
    code, usage = None, None
    while time.monotonic() - start < timeout:
        pid, status, usage = os.wait4(p.pid, os.WNOHANG)
        if pid:
            code = os.waitstatus_to_exitcode(status)
            break
        time.sleep(0.01)
    if code is None:
        p.kill()
        os.wait4(p.pid, 0)
    p.returncode = code if code is not None else -9
    for t in readers:
        t.join()
    mb = usage.ru_maxrss / 1024 if code is not None else 0
    return code, b"".join(chunks["out"]), b"".join(chunks["err"]), time.monotonic() - start, mb


def write(name, text):
    path = os.path.join(tmp, name)
    with open(path, "w" if isinstance(text, str) else "wb") as f:
        f.write(text)
    return path


def reproducer(name, args, exits, says=(), timeout=TIMEOUT):
    """exits: the allowed exit statuses; says: strings the one error line must contain.
    HOSTILE_ONLY (a regular expression) runs only the reproducers whose name matches."""
    if os.environ.get("HOSTILE_ONLY") and not re.search(os.environ["HOSTILE_ONLY"], name):
        return
    def check():
        code, out, err, secs, mb = run(args() if callable(args) else args, timeout)
        timings.append((name, code, secs, mb))
        if code is None:
            return f"no answer within {timeout} s"
        if code < 0:
            return f"killed by signal {-code}; stderr {err[-300:]!r}"
        if code not in exits:
            return f"exit {code}, expected one of {sorted(exits)}; stderr {err[-400:]!r}"
        try:
            text = err.decode("utf-8")
        except UnicodeDecodeError as e:
            return f"stderr is not UTF-8 ({e}): {err[:200]!r}"
        if code in (2, 3):
            lines = text.splitlines()
            if len(lines) != 1 or not text.endswith("\n"):
                return f"{len(lines)} error lines, expected one: {text[:400]!r}"
            if len(lines[0]) > MAX_LINE:
                return f"error line of {len(lines[0])} characters: {lines[0][:200]!r}..."
            if os.environ.get("HOSTILE_SHOW"):
                print("# " + lines[0][:300])
            for s in says:
                if s not in lines[0]:
                    return f"error line lacks {s!r}: {lines[0]!r}"
            if code == 2 and out:
                return f"bad input, yet stdout holds {len(out)} bytes"
        return None

    try:
        msg = check()
    except Exception as e:  # the harness itself failing is a failure too
        msg = f"{type(e).__name__}: {e}"
    results.append((msg is None, name, msg or ""))


def case(name, doc):
    return write(name, json.dumps(doc))


def load(name):
    return json.load(open(os.path.join(CASES, name)))


def with_components_absolute(doc):
    """Component "file" references resolve against the referencing file's folder."""
    for key in ("components", "pool"):
        for c in doc.get(key, []):
            if "file" in c:
                c["file"] = os.path.join(CASES, c["file"])
    return doc


# ---- crashes ------------------------------------------------------------------------------

for kind, base in (("markov", "chain-a.json"), ("am", "am-2.json"), ("mixture", "mixture-ab.json"),
                   ("sparse-mixture", "sparse-finite.json")):
    doc = with_components_absolute(load(base))
    doc["tokens"] = 0
    path = case(f"tokens0-{kind}.json", doc)
    reproducer(f"tokens 0 ({kind}): measure", ["measure", path], {2}, [path, "tokens"])
    reproducer(f"tokens 0 ({kind}): decide", ["decide", path, "H(X1) = 0"], {2}, [path, "tokens"])
    reproducer(f"tokens 0 ({kind}): check", ["check", "lemma_a", "--case", path], {2}, [path, "tokens"])
    doc = dict(doc, claim="independence.uniform-zero")
    doc["assert"] = ["H(X1) >= 0"]
    vpath = case(f"tokens0-{kind}-verify.json", doc)
    reproducer(f"tokens 0 ({kind}): verify", ["verify", vpath], {2}, [vpath, "tokens"])

venn = os.path.join(CASES, "venn.json")
reproducer("8000 nested parentheses", ["measure", venn, "-q", "(" * 8000 + "H(X)" + ")" * 8000], {2},
           ["nested"])
reproducer("30000 unary minus signs", ["measure", venn, "-q", "-" * 30000 + "H(X)"], {2}, ["nested"])
deep = dict(load("venn.json"), claim="def.mi-symmetric", **{"assert": ["(" * 8000 + "H(X)" + ")" * 8000 + " >= 0"]})
deep_path = case("deep-assert.json", deep)
reproducer("8000 nested parentheses in an assert list", ["verify", deep_path], {2}, [deep_path, "nested"])
for c in ("venn.json", "transformer-small.json", "xor.json"):
    p = os.path.join(CASES, c)
    reproducer(f"check jeon_decomposition --case {c}", ["check", "jeon_decomposition", "--case", p], {2}, [p])
uz = os.path.join(CE, "independence.uniform-zero.json")
for h in (20, 24, 30):
    doc = json.load(open(uz))
    doc["recheck"] = {"horizon_process": h}
    p = case(f"recheck-{h}.json", doc)
    reproducer(f"verify recheck horizon_process {h}", ["verify", p], {0, 1, 2, 3}, [p])

# ---- budgets ------------------------------------------------------------------------------

p = case("am-99999.json", {"kind": "am", "alphabet": ["a"], "horizon": 99999, "table": {"": {"a": "1"}}, "tokens": 5})
reproducer("am horizon 99999", ["measure", p], {0, 2}, [p])
am2 = os.path.join(CASES, "am-2.json")
reproducer("am-2 at horizon 25, H(X2..X25)", ["measure", am2, "--horizon", "25", "-q", "H(X2..X25)"], {0, 2, 3},
           ["--max-memory"])
reproducer("am-2 at horizon 29", ["measure", am2, "--horizon", "29"], {0, 2, 3}, ["--max-"])
mab = os.path.join(CASES, "mixture-ab.json")
reproducer("mixture-ab at T = 1000", ["measure", mab, "--horizon", "1000"], {0, 3}, ["--max-work"])
rng = random.Random(7)
chains = []
for i in range(100):
    a, b = Fraction(rng.randint(1, 9), 10), Fraction(rng.randint(1, 9), 10)
    chains.append({"name": f"c{i}", "weight": "1/100",
                   "model": {"kind": "markov", "alphabet": ["a", "b"], "start": "a",
                             "transition": {"a": {"a": str(a), "b": str(1 - a)}, "b": {"a": str(b), "b": str(1 - b)}}}})
p = case("chains-100.json", {"kind": "mixture", "components": chains, "tokens": 200})
reproducer("100 chains at T = 200", ["measure", p], {0, 3}, ["--max-work"])
for v in ("nan", "inf", "-1"):
    reproducer(f"--max-work {v}", ["measure", mab, "--max-work", v], {2}, ["--max-work"])
    reproducer(f"--max-memory {v}", ["measure", mab, "--max-memory", v], {2}, ["--max-memory"])


def channel(n, m, seed):
    r = random.Random(seed)
    rows = {}
    for i in range(n):
        w = [r.randint(1, 100) for _ in range(m)]
        s = sum(w)
        rows[str(i)] = {str(j): str(Fraction(w[j], s)) for j in range(m)}
    return case(f"channel-{n}x{m}-{seed}.json", {"kind": "channel", "inputs": [str(i) for i in range(n)],
                                                 "outputs": [str(j) for j in range(m)], "rows": rows})


for n in (5, 10, 50, 200):
    p = channel(n, n, n)
    reproducer(f"capacity of a random {n}x{n} channel", ["capacity", p], {0, 3}, ["capacity"])
bsc = os.path.join(CASES, "channel-bsc.json")
for d in ("323", "400", "10000", "10001"):
    reproducer(f"capacity --digits {d}", ["capacity", bsc, "--digits", d], {0, 2, 3}, ["--digits"])

p = case("joint-200k.json", {"kind": "joint", "variables": ["X"],
                             "pmf": {str(i): "1/200000" for i in range(200000)}})
reproducer("joint of 200000 symbols", ["measure", p, "--digits", "10"], {0})
p = case("am-87k.json", {"kind": "am", "alphabet": ["a", "b"], "horizon": 17,
                         "table": {" ".join(format(i, "b").replace("0", "a ").replace("1", "b ").split()): {"a": "1/2", "b": "1/2"}
                                   for i in range(87000)}, "tokens": 5})
reproducer("am table of 87000 contexts", ["measure", p], {2}, [p])
p = write("pmf-1e5-digits.json", '{"kind": "joint", "variables": ["X"], "pmf": {"0": "1/2", "1": "%s"}}'
          % ("0.4" + "9" * 99999))
reproducer("a pmf whose sum misses 1 at the 100000th digit (check definitions)",
           ["check", "definitions", "--case", p], {2}, [p, "sum"])
p = write("pmf-1e5-exact.json", '{"kind": "joint", "variables": ["X"], "pmf": {"0": "0.%s", "1": "0.%s"}}'
          % ("4" * 99999 + "5", "5" * 99999 + "5"))
reproducer("a pmf that sums to 1 only at the 100000th digit (check definitions)",
           ["check", "definitions", "--case", p], {0, 1, 2, 3})


def transformer(d, K, L, r, tokens):
    g = random.Random(3)
    num = lambda: str(Fraction(g.randint(-9, 9), 10))
    return {"kind": "transformer", "d": d, "K": K, "L": L, "r": r,
            "embeddings": [[num() for _ in range(r)] for _ in range(d)],
            "first": {str(i + 1): str(Fraction(1, d)) for i in range(d)},
            "weights": {"A": [[[num() for _ in range(r)] for _ in range(r)] for _ in range(L)],
                        "V": [[[num() for _ in range(r)] for _ in range(r)] for _ in range(L - 1)]
                        + [[[num() for _ in range(r)] for _ in range(d)]]},
            "tokens": tokens}


p = case("transformer-big.json", transformer(16, 8, 8, 16, 5))
reproducer("transformer d = 16, K = 8, L = 8, r = 16, 5 tokens", ["measure", p], {0, 2, 3}, ["--max-"])

fifo = os.path.join(tmp, "fifo.json")
os.mkfifo(fifo)
reproducer("a FIFO as the case file", ["measure", fifo], {2}, [fifo], timeout=20)
p = case("fifo-component.json", {"kind": "mixture", "components": [{"name": "A", "weight": "1", "file": fifo}],
                                  "tokens": 2})
reproducer("a FIFO as a component file", ["measure", p], {2}, [p], timeout=20)

# ---- unclear errors and wrong results -----------------------------------------------------

for T in (300, 1000):
    doc = with_components_absolute(load("mixture-ab.json"))
    doc.update(tokens=T, claim="independence.uniform-zero", **{"assert": [f"H(X1..X{T}) >= 0"]})
    p = case(f"verify-T{T}.json", doc)
    reproducer(f"verify at T = {T}", ["verify", p], {0, 1, 2, 3}, [p])
ts = os.path.join(CASES, "transformer-small.json")
reproducer("decide transformer-small 'H(X9)>0'", ["decide", ts, "H(X9)>0"], {2}, [ts, "X9"])
ca = os.path.join(CASES, "chain-a.json")
reproducer("check lemma_b --case chain-a.json", ["check", "lemma_b", "--case", ca], {2}, [ca])
reproducer("a directory as the case file", ["measure", tmp], {2}, [tmp, "is a folder, not a file"])
reproducer("measure on a channel", ["measure", bsc], {2}, [bsc, "capacity"])
broken = case("broken-component.json", {"kind": "markov", "alphabet": ["a"], "start": "a",
                                       "transition": {"a": {"a": "1/2"}}})
p = case("refers-broken.json", {"kind": "mixture", "components": [{"name": "A", "weight": "1", "file": broken}],
                                 "tokens": 2})
reproducer("an error inside a component file names both files", ["measure", p], {2}, [p, broken])
p = write("long-sum.json", '{"kind": "joint", "variables": ["X"], "pmf": {"0": "1/%s", "1": "1/3"}}' % ("7" * 100000))
reproducer("a 100000-digit sum is elided in the error line", ["measure", p], {2}, [p, "digits"])
reproducer("a lone non-UTF-8 byte in a query", lambda: ["measure", venn, "-q", "H(\udcc3)"], {2}, [])
doc = json.load(open(uz))
doc["recheck"] = {"horizon_process": 4294967297}
p = case("recheck-huge.json", doc)
reproducer("horizon_process 4294967297", ["verify", p], {2}, [p, "horizon_process"])
tok = os.path.join(CASES, "tokens.json")
reproducer("zero-padded names X01..X03", ["measure", tok, "-q", "H(X01..X03)"], {2}, ["X01"])
reproducer("mixed padding X1..X03", ["measure", tok, "-q", "H(X1..X03)"], {2}, ["X03"])
reproducer("the query 1.2.3", ["measure", venn, "-q", "1.2.3"], {2}, ["1.2.3"])
p = write("nul.json", open(venn).read() + "\0garbage")
reproducer("valid JSON followed by a NUL byte", ["measure", p], {2}, [p])

for name, code, secs, mb in timings:
    print(f"# {secs:6.2f} s {mb:7.0f} MB  exit {code}  {name}")
shutil.rmtree(tmp, ignore_errors=True)
tap.finish(results)
