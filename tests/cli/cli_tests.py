#!/usr/bin/env python3
"""Command-line tests for infocert: run the built binary, compare exit status, stdout and
the exact error line. Values are checked against an independent computation with Python's
decimal module at 80 digits. Output: TAP.

usage: cli_tests.py INFOCERT SOURCE_ROOT
"""
import json
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tap  # noqa: E402
import tempfile
from decimal import Decimal, getcontext, localcontext

getcontext().prec = 80

EXE, ROOT = sys.argv[1], sys.argv[2]
CASES = os.path.join(ROOT, "data", "cases")
results = []


def run(*args):
    p = subprocess.run([EXE, *args], capture_output=True, text=True, timeout=120)
    return p.returncode, p.stdout, p.stderr


def test(name):
    def wrap(fn):
        try:
            fn()
            results.append((True, name, ""))
        except AssertionError as e:
            results.append((False, name, str(e)))
        except Exception as e:  # a crash in the test itself is a failure too
            results.append((False, name, f"{type(e).__name__}: {e}"))
        return fn
    return wrap


def expect(cond, msg):
    if not cond:
        raise AssertionError(msg)


def bad_input(args, message):
    code, out, err = run(*args)
    expect(code == 2, f"exit {code}, expected 2 (stderr: {err!r})")
    expect(out == "", f"stdout not empty: {out!r}")
    expect(err == message + "\n", f"stderr {err!r}\n   expected {message + chr(10)!r}")


tmp = tempfile.mkdtemp(prefix="infocert-cli-")


def case_file(name, text):
    path = os.path.join(tmp, name)
    with open(path, "w") as f:
        f.write(text)
    return path


def ln(x):
    return Decimal(x).ln()


def within(value, lo, hi, what):
    expect(Decimal(lo) <= value <= Decimal(hi), f"{what}: {value} not in [{lo}, {hi}]")


# ---- help and version ------------------------------------------------------------------

@test("--version prints the version")
def _():
    code, out, _ = run("--version")
    expect(code == 0 and out.startswith("infocert 0."), f"{code} {out!r}")


@test("--help of every subcommand exits 0")
def _():
    for sub in ([], ["measure"], ["decide"], ["check"], ["claims"], ["sync"], ["verify"], ["report"]):
        code, out, _ = run(*sub, "--help")
        expect(code == 0 and "Usage: infocert" in out, f"{sub}: {code} {out[:80]!r}")


# ---- measure ----------------------------------------------------------------------------

@test("measure venn: exact forms and enclosures agree with an independent computation")
def _():
    venn = os.path.join(CASES, "venn.json")
    code, out, err = run("measure", venn, "-q", "H(X)", "-q", "H(X|Y)", "-q", "I(X;Y)", "--format", "json")
    expect(code == 0, f"exit {code}: {err}")
    doc = json.loads(out)
    expect(doc["case"] == venn and doc["unit"] == "nat", str(doc))
    r = {x["query"]: x for x in doc["results"]}
    expect(r["H(X)"]["exact"] == "2 ln 2 - 3/4 ln 3", r["H(X)"]["exact"])
    expect(r["H(X|Y)"]["exact"] == "1/2 ln 2", r["H(X|Y)"]["exact"])
    expect(r["I(X;Y)"]["exact"] == "3/2 ln 2 - 3/4 ln 3", r["I(X;Y)"]["exact"])
    # Independently: -Σ p ln p from the table p(0,0)=1/2, p(0,1)=p(1,1)=1/4.
    hx = -(Decimal(3) / 4 * ln(Decimal(3) / 4) + Decimal(1) / 4 * ln(Decimal(1) / 4))
    hxy = -(Decimal(1) / 2 * ln(Decimal(1) / 2) + 2 * Decimal(1) / 4 * ln(Decimal(1) / 4))
    hy = ln(2)
    for q, v in (("H(X)", hx), ("H(X|Y)", hxy - hy), ("I(X;Y)", hx + hy - hxy)):
        within(v, r[q]["lo"], r[q]["hi"], q)
        expect(Decimal(r[q]["hi"]) - Decimal(r[q]["lo"]) <= Decimal("1e-40"), f"{q} too wide")
        expect(not r[q]["is_zero"], q)
        # A value off by 1e-9 is outside.
        expect(not (Decimal(r[q]["lo"]) <= v + Decimal("1e-9") <= Decimal(r[q]["hi"])), f"{q} accepts +1e-9")
        # The printed value is the true value rounded to its digits.
        digits = len(r[q]["value"].split(".")[1])
        expect(digits == 40, f"{q}: {digits} digits")
        expect(abs(Decimal(r[q]["value"]) - v) <= Decimal("0.5e-40"), f"{q} value not correctly rounded")


@test("measure a Beta prior: closed forms at T = 1, 2; theta only where its entropies cancel")
def _():
    beta = os.path.join(CASES, "beta-uniform.json")
    # Beta(1, 1): P(aa) = P(bb) = 1/3, P(ab) = P(ba) = 1/6 and E[h(theta)] = 1/2 nat per token, so
    # I(X1; theta) = ln 2 - 1/2 and I(X1, X2; theta) = ln 3 + (1/3) ln 2 - 1.
    code, out, err = run("measure", beta, "--horizon", "2", "-q", "I(X1; theta)", "-q", "I(X1..X2; theta)",
                         "-q", "H(X1..X2 | theta)", "-q", "I(X1; X2 | theta)", "-q", "P(X2 = a | X1 = a)",
                         "--digits", "30", "--format", "json")
    expect(code == 0, f"exit {code}: {err}")
    r = {x["query"]: x for x in json.loads(out)["results"]}
    for q, v in (("I(X1; theta)", ln(2) - Decimal("0.5")), ("I(X1..X2; theta)", ln(3) + ln(2) / 3 - 1),
                 ("H(X1..X2 | theta)", Decimal(1)), ("I(X1; X2 | theta)", Decimal(0))):
        within(v, r[q]["lo"], r[q]["hi"], q)
        expect(Decimal(r[q]["hi"]) - Decimal(r[q]["lo"]) <= Decimal("1e-30"), f"{q} too wide")
        expect(not (Decimal(r[q]["lo"]) <= v + Decimal("1e-20") <= Decimal(r[q]["hi"])), f"{q} accepts +1e-20")
    # The posterior predictive (alpha_a + 1) / (alpha0 + 1), exactly.
    expect(r["P(X2 = a | X1 = a)"]["exact"] == "2/3", str(r["P(X2 = a | X1 = a)"]))
    # The default queries at the file's T = 1000, and a decision by an enclosure.
    code, out, err = run("measure", beta)
    expect(code == 0 and "I(X1..X1000;theta)=(noexactform:anenclosure)" in out.replace(" ", ""), out + err)
    # Independently, for Beta(1, 1) every count k of b is equally likely: H(X1..XT) =
    # ln(T + 1) + (1/(T + 1)) Σ_k ln C(T, k), and E[H(X1..XT | theta)] = T/2.
    import math
    with localcontext() as c:
        c.prec = 60
        t = 1000
        h = ln(t + 1) + sum(Decimal(math.comb(t, k)).ln() for k in range(t + 1)) / (t + 1)
        info = h - Decimal(t) / 2
    value = Decimal(out.split("I(X1..X1000;theta)")[1].split("value")[1].split()[0])
    expect(abs(value - info) <= Decimal("1e-39"), f"I(X1..X1000; theta) = {value}, closed form {info}")
    code, out, err = run("decide", beta, "I(X1..XT; theta) > 1/2 ln(T) - 1")
    expect(code == 0, f"exit {code}: {out} {err}")
    code, out, err = run("decide", beta, "I(X1..XT; theta) > 1/2 ln(T)")
    expect(code == 1, f"exit {code}: {out} {err}")
    # H(theta) and H(theta | X1) are differential entropies: refused, as is an event on theta.
    for q in ("H(theta)", "H(theta | X1)", "H(X1, theta)"):
        bad_input(["measure", beta, "-q", q],
                  f'{beta}: query "{q}": theta is continuous and has no entropy here; use it where '
                  "its entropies cancel, as in I(X1..XT; theta) or H(X1..XT | theta)")


@test("a chain with Beta rows: a hand value at T = 2, prefixes only")
def _():
    rows = os.path.join(CASES, "beta-rows.json")
    # Start a, both rows uniform: P(aa) = 1/3, P(ab) = 1/6, P(ba) = P(bb) = 1/4, and
    # H(X1, X2 | theta) = E h(theta_a) + E[theta_a h(theta_a) + (1 - theta_a) h(theta_b)] = 1/2 + 1/2.
    code, out, err = run("measure", rows, "--horizon", "2", "-q", "I(X1..X2; theta)", "-q", "P(X2 = a | X1 = a)",
                         "--format", "json")
    expect(code == 0, f"exit {code}: {err}")
    r = {x["query"]: x for x in json.loads(out)["results"]}
    h = ln(3) / 3 + ln(6) / 6 + ln(2)
    within(h - 1, r["I(X1..X2; theta)"]["lo"], r["I(X1..X2; theta)"]["hi"], "I(X1..X2; theta)")
    expect(r["P(X2 = a | X1 = a)"]["exact"] == "2/3", str(r))
    bad_input(["measure", rows, "-q", "I(X2; theta)"],
              f"{rows}: a chain with Beta rows is not exchangeable: entropies and events are of prefixes X1..Xn only")
    f = case_file("rows-bad.json", '{"kind": "dirichlet", "alphabet": ["a", "b"], "start": "a", '
                                   '"alpha": {"a": [1, 1], "c": [1, 1]}, "tokens": 4}')
    bad_input(["measure", f], f'{f}: alpha.c: not a state of the chain (states: a, b)')
    for name, text, message in (
            ("rows-start.json", '"start": "c", "alpha": {"a": [1, 1], "b": [1, 1]}', 'start: unknown symbol "c"'),
            ("rows-missing.json", '"start": "a", "alpha": {"a": [1, 1]}', 'alpha: missing the row of state "b"')):
        f = case_file(name, '{"kind": "dirichlet", "alphabet": ["a", "b"], ' + text + ', "tokens": 4}')
        bad_input(["measure", f], f"{f}: {message}")
    f = case_file("rows-three.json", '{"kind": "dirichlet", "alphabet": ["a", "b", "c"], "start": "a", '
                                     '"alpha": {"a": [1, 1, 1]}, "tokens": 4}')
    bad_input(["measure", f], f"{f}: alphabet: Beta rows of a Markov chain are read for two symbols only")
    f = case_file("beta-long.json", '{"kind": "beta", "alphabet": ["a", "b"], "alpha": [1, 1], "tokens": 20000000}')
    bad_input(["measure", f], f"{f}: tokens: the horizon must be from 1 to 10000000 tokens")
    # --horizon: up to 10^7 each, at most 1000 horizons in a sweep.
    for h in ("1..1001", "100000000"):
        bad_input(["measure", rows, "--horizon", h], "infocert measure: --horizon must be T, FIRST..LAST or a list "
                  f'T1,T2,..., each from 1 to 10000000 and at most 1000 of them, not "{h}"')


@test("beta and dirichlet case files: bad parameters name the place")
def _():
    f = case_file("beta-bad.json", '{"kind": "beta", "alphabet": ["a", "b"], "alpha": [1, 0], "tokens": 5}')
    bad_input(["measure", f], f"{f}: alpha[1]: expected an integer from 1 to 1000 (integer parameters "
                              "keep every probability rational), found 0")
    f = case_file("beta-three.json", '{"kind": "beta", "alphabet": ["a", "b", "c"], "alpha": [1, 1, 1], "tokens": 5}')
    bad_input(["measure", f], f'{f}: alphabet: a beta prior has two symbols; use kind "dirichlet" for 3')
    f = case_file("dirichlet-short.json", '{"kind": "dirichlet", "alphabet": ["a", "b", "c"], "alpha": [1, 2], "tokens": 5}')
    bad_input(["measure", f], f"{f}: alpha: expected an array of 3 parameters, one per symbol")
    f = case_file("dirichlet-rational.json", '{"kind": "dirichlet", "alphabet": ["a", "b"], "alpha": ["1/2", 1], "tokens": 5}')
    bad_input(["measure", f], f'{f}: alpha[0]: expected an integer from 1 to 1000 (integer parameters '
                              'keep every probability rational), found "1/2"')
    f = case_file("dirichlet-notokens.json", '{"kind": "dirichlet", "alphabet": ["a", "b"], "alpha": [1, 1]}')
    bad_input(["measure", f], f'{f}: a sequence model needs a horizon: give --horizon T or "tokens" in the file')


@test("measure --bits and --digits")
def _():
    code, out, _ = run("measure", os.path.join(CASES, "xor.json"), "-q", "I(X;Y|Z)", "-q", "H(X,Y,Z)",
                       "--bits", "--digits", "60", "--format", "json")
    expect(code == 0, out)
    r = json.loads(out)["results"]
    expect(json.loads(out)["unit"] == "bit", out)
    expect(r[0]["exact"] == "1" and r[0]["value"] == "1", str(r[0]))
    expect(r[1]["exact"] == "2" and r[1]["lo"] == "2", str(r[1]))


@test("measure: I(X;Y) = 0 is exact in the xor case, and default queries")
def _():
    code, out, _ = run("measure", os.path.join(CASES, "xor.json"), "-q", "I(X;Y)", "--format", "json")
    r = json.loads(out)["results"][0]
    expect(r["is_zero"] is True and r["exact"] == "0" and r["lo"] == "0" and r["hi"] == "0", str(r))
    code, out, _ = run("measure", os.path.join(CASES, "tokens.json"))
    expect(code == 0, out)
    lines = [l for l in out.splitlines() if not l.startswith(" ")]
    expect(lines[1:] == ["H(X1) = 2 ln 2 - 3/4 ln 3", "H(X2) = 4 ln 2 - 5/16 ln 5 - 11/16 ln 11",
                         lines[3], lines[4]], out)
    expect(lines[4].startswith("H(X1..X3) = "), out)


@test("measure tokens: H(X1..X3) equals the chain's entropy rate sum, computed independently")
def _():
    code, out, _ = run("measure", os.path.join(CASES, "tokens.json"), "-q", "H(X1..X3)", "--format", "json")
    r = json.loads(out)["results"][0]
    def h(*ps):
        return -sum(Decimal(p) * ln(Decimal(p)) for p in ps if p)
    # Chain rule: H(X1) + H(X2|X1) + H(X3|X2) with x0 = a.
    pa1 = Decimal(3) / 4
    pa2 = pa1 * Decimal(3) / 4 + (1 - pa1) / 2
    ha, hb = h(Decimal(3) / 4, Decimal(1) / 4), h(Decimal(1) / 2, Decimal(1) / 2)
    v = ha + (pa1 * ha + (1 - pa1) * hb) + (pa2 * ha + (1 - pa2) * hb)
    within(v, r["lo"], r["hi"], "H(X1..X3)")


@test("measure output is deterministic")
def _():
    a = run("measure", os.path.join(CASES, "tokens.json"), "--format", "json")
    b = run("measure", os.path.join(CASES, "tokens.json"), "--format", "json")
    expect(a == b, "two runs differ")


# ---- decide -----------------------------------------------------------------------------

@test("decide: exit 0 when the claim holds, 1 when not; tiers")
def _():
    xor = os.path.join(CASES, "xor.json")
    code, out, _ = run("decide", xor, "I(X;Y) = 0", "--format", "json")
    doc = json.loads(out)
    expect(code == 0 and doc["holds"] is True and doc["decided_by"] == "exact", out)
    code, out, _ = run("decide", xor, "I(X;Y|Z) = 0", "--format", "json")
    doc = json.loads(out)
    expect(code == 1 and doc["holds"] is False and doc["decided_by"] == "exact", out)
    expect(doc["lhs"]["exact"] == "ln 2" and doc["rhs"]["exact"] == "0", out)
    venn = os.path.join(CASES, "venn.json")
    code, out, _ = run("decide", venn, "H(X|Y) < H(X)", "--format", "json")
    doc = json.loads(out)
    expect(code == 0 and doc["holds"] is True and doc["decided_by"] == "enclosure", out)
    code, out, _ = run("decide", venn, "H(X) <= H(X|Y)")
    expect(code == 1 and out.startswith("H(X) <= H(X|Y): does not hold (decided by an enclosure at "), out)
    # Constants: H(Y) is exactly 1 bit and exactly ln 2 nats.
    expect(run("decide", venn, "H(Y) = 1", "--bits")[0] == 0, "H(Y) = 1 bit")
    expect(run("decide", venn, "H(Y) = ln(2)")[0] == 0, "H(Y) = ln 2")
    expect(run("decide", venn, "H(Y) = 1")[0] == 1, "H(Y) = 1 nat must fail")
    expect(run("decide", venn, "H(X,Y) = H(X) + H(Y|X)")[0] == 0, "chain rule")


# ---- check and claims -------------------------------------------------------------------

@test("check definitions: statuses, json shape, determinism")
def _():
    code, out, err = run("check", "definitions", "--format", "json")
    expect(code == 0, err)
    doc = json.loads(out)
    expect(doc["checker"] == "definitions", out[:100])
    status = {c["id"]: c["status"] for c in doc["claims"]}
    expect(status == {"def.cond-entropy": "checked-exact", "def.cond-entropy-literal": "refuted",
                      "def.entropy-expectation": "refuted", "def.mi-symmetric": "proved",
                      "def.venn-additive": "proved", "def.bits-nats": "checked-exact",
                      "def.continuous-infinite": "not-checkable"}, str(status))
    names = [t["name"] for t in doc["tables"]]
    expect(names == ["definitions_cases", "definitions_literal_readings", "definitions_venn"], str(names))
    expect(run("check", "definitions", "--format", "json")[1] == out, "two runs differ")


@test("check definitions on a user case")
def _():
    code, out, _ = run("check", "definitions", "--case", os.path.join(CASES, "venn.json"), "--format", "json")
    doc = json.loads(out)
    expect(code == 0, out[:200])
    lit = [c for c in doc["claims"] if c["id"] == "def.cond-entropy-literal"][0]
    expect(lit["cases"][0]["case"].endswith("venn.json") and lit["cases"][0]["conclusion_holds"] is False, str(lit))


@test("claims lists every catalogue id")
def _():
    code, out, _ = run("claims", "--format", "json")
    doc = json.loads(out)
    ids = [c["id"] for c in doc["claims"]]
    expect(code == 0 and len(ids) == 34 and len(set(ids)) == 34, str(ids))
    st = {c["id"]: c["status"] for c in doc["claims"]}
    expect(st["def.cond-entropy"] == "checked-exact" and st["jeon.thm3.5"] == "not-informative", str(st))
    expect(st["jeon.thm4.5"] == "transcription-differs" and "not-implemented" not in st.values(), str(st))
    expect(st["lemmaB1"] == "checked-exact" and st["independence.max-prior"] == "refuted", str(st))
    expect(st["lemmaA"] == "checked-exact" and st["hypothesisB"] == "supported", str(st))
    expect(st["jeon.thm4.2-restated"] == "refuted" and st["jeon.thm3.2"] == "proved", str(st))
    code, out, _ = run("claims")
    expect(code == 0 and out.startswith("| id | claim | status |"), out[:80])


# ---- sequence models ----------------------------------------------------------------------

from fractions import Fraction as Fr
from itertools import product as cartesian

CHAIN_A = {"a": {"a": Fr(3, 4), "b": Fr(1, 4)}, "b": {"a": Fr(1, 2), "b": Fr(1, 2)}}
CHAIN_B = {"a": {"a": Fr(1, 3), "b": Fr(2, 3)}, "b": {"a": Fr(1, 5), "b": Fr(4, 5)}}


def chain_prob(chain, seq, start="a"):
    p, s = Fr(1), start
    for x in seq:
        p *= chain[s][x]
        s = x
    return p


def dec_entropy(probs):
    return -sum(Decimal(p.numerator) / Decimal(p.denominator) * (Decimal(p.numerator) / Decimal(p.denominator)).ln()
                for p in probs if p)


@test("measure a Markov chain: the same exact value as its joint table, and brute force")
def _():
    code, out, err = run("measure", os.path.join(CASES, "chain-a.json"), "--format", "json")
    expect(code == 0, err)
    r = json.loads(out)["results"][0]
    code, out2, _ = run("measure", os.path.join(CASES, "tokens.json"), "-q", "H(X1..X3)", "--format", "json")
    r2 = json.loads(out2)["results"][0]
    expect(r["query"] == "H(X1..X3)" and r["exact"] == r2["exact"], f"{r} vs {r2}")
    v = dec_entropy([chain_prob(CHAIN_A, s) for s in cartesian("ab", repeat=3)])
    within(v, r["lo"], r["hi"], "H(X1..X3)")


@test("measure a mixture of two chains against brute force, with --horizon")
def _():
    code, out, err = run("measure", os.path.join(CASES, "mixture-ab.json"), "--horizon", "5", "--format", "json",
                         "-q", "H(X1..X5)", "-q", "I(X1..X5;theta)", "-q", "H(X3|X1)")
    expect(code == 0, err)
    r = {x["query"]: x for x in json.loads(out)["results"]}
    seqs = list(cartesian("ab", repeat=5))
    joint = [Fr(1, 2) * chain_prob(c, s) for s in seqs for c in (CHAIN_A, CHAIN_B)]
    mix = [Fr(1, 2) * (chain_prob(CHAIN_A, s) + chain_prob(CHAIN_B, s)) for s in seqs]
    h = dec_entropy(mix)
    within(h, r["H(X1..X5)"]["lo"], r["H(X1..X5)"]["hi"], "H")
    within(h + ln(2) - dec_entropy(joint), r["I(X1..X5;theta)"]["lo"], r["I(X1..X5;theta)"]["hi"], "I")
    # H(X3|X1) = H(X1,X3) - H(X1) from the marginals.
    m13, m1 = {}, {}
    for s, p in zip(seqs, mix):
        m13[(s[0], s[2])] = m13.get((s[0], s[2]), 0) + p
        m1[s[0]] = m1.get(s[0], 0) + p
    within(dec_entropy(m13.values()) - dec_entropy(m1.values()), r["H(X3|X1)"]["lo"], r["H(X3|X1)"]["hi"], "H(X3|X1)")


@test("horizons beyond enumeration: T = 400 by type classes, enclosed")
def _():
    code, out, err = run("measure", os.path.join(CASES, "mixture-ab.json"), "--horizon", "400", "-q", "I(X1..X400;theta)",
                         "--format", "json")
    expect(code == 0, err)
    r = json.loads(out)["results"][0]
    expect(r["exact"] is None and Decimal(r["hi"]) - Decimal(r["lo"]) <= Decimal("1e-40"), out)
    # Almost all of theta's ln 2 nats are learned from 400 tokens, and never more.
    expect(Decimal("0.69") < Decimal(r["lo"]) and Decimal(r["hi"]) < ln(2), out)


@test("documents, sparse mixtures and the Dirichlet prior")
def _():
    code, out, _ = run("measure", os.path.join(CASES, "mixture-docs.json"), "-q", "I(D1;D2|theta)", "-q",
                       "H(X1_1..X2_3) - H(D1,D2)", "--format", "json")
    r = json.loads(out)["results"]
    expect(code == 0 and r[0]["is_zero"] and r[1]["is_zero"], out)
    # Polya urn with beta = 1/2, N = 2: P(theta1 = theta2) = 7/8, so H(theta) = 4 ln 2 - 7/8 ln 7.
    code, out, _ = run("measure", os.path.join(CASES, "sparse-dirichlet.json"), "-q", "H(theta)", "--format", "json")
    doc = json.loads(out)
    expect(doc["results"][0]["exact"] == "4 ln 2 - 7/8 ln 7", out)
    expect("notes" in doc and "Dirichlet" in doc["notes"][0], out)
    code, out, _ = run("decide", os.path.join(CASES, "sparse-finite.json"), "I(D1;psi|theta1) = 0")
    expect(code == 0, out)
    code, out, _ = run("decide", os.path.join(CASES, "sparse-finite.json"), "H(theta1|psi) <= ln(2)")
    expect(code == 0, out)


@test("the conditional-independence counterexamples re-check with decide")
def _():
    fwd = os.path.join(CASES, "ci-forward-counterexample.json")
    bwd = os.path.join(CASES, "ci-backward-counterexample.json")
    expect(run("decide", fwd, "I(D1;psi|theta1,theta2) = 0")[0] == 0, "forward premise")
    expect(run("decide", fwd, "I(D1;psi|theta1) = 0")[0] == 1, "forward conclusion must fail")
    expect(run("decide", bwd, "I(D1;psi|theta1) = 0")[0] == 0, "backward premise")
    expect(run("decide", bwd, "I(D1;psi|theta1,theta2) = 0")[0] == 1, "backward conclusion must fail")
    expect(run("decide", fwd, "I(theta1;theta2|psi) = 0")[0] == 0, "iid given psi")


@test("verify compares conditional laws: equal entropies given psi are not identically distributed")
def _():
    from fractions import Fraction as F
    # theta1 | psi ~ Bern(1/4 or 3/4), theta2 | psi ~ Bern(3/4 or 1/4): H(theta1|psi) = H(theta2|psi),
    # but the laws differ, so the file's hypothesis fails. D1 = theta1 xor psi.
    def bern(p, x):
        return p if x == 1 else 1 - p
    pmf = {}
    for psi in (0, 1):
        p1, p2 = (F(1, 4), F(3, 4)) if psi == 0 else (F(3, 4), F(1, 4))
        for t1 in (0, 1):
            for t2 in (0, 1):
                q = F(1, 2) * bern(p1, t1) * bern(p2, t2)
                pmf[f"{psi} {t1} {t2} {t1 ^ psi}"] = str(q)
    doc = {"kind": "joint", "claim": "jeon.ci-equivalence", "variables": ["psi", "theta1", "theta2", "D1"], "pmf": pmf,
           "hypotheses": ["I(theta1;theta2|psi) = 0", "H(theta1|psi) = H(theta2|psi)"],
           "recheck": {"same_conditional_law": {"A": ["theta1"], "B": ["theta2"], "given": ["psi"]}},
           "assert": ["I(D1;psi|theta1) != 0"]}
    path = os.path.join(tmp, "not-identically-distributed.json")
    with open(path, "w") as f:
        json.dump(doc, f)
    code, out, err = run("verify", path, "--format", "json")
    lines = json.loads(out)["checks"] if out else []
    law = [l for l in lines if "has the law of" in l["check"]]
    expect(code == 1 and law and law[0]["holds"] is False, out + err)
    ent = [l for l in lines if "H(theta1|psi) = H(theta2|psi)" in l["check"]]
    expect(ent and ent[0]["holds"] is True, "the entropies are equal: " + out)
    # Compared with itself the law check passes, and the file holds.
    doc["recheck"]["same_conditional_law"]["B"] = ["theta1"]
    with open(path, "w") as f:
        json.dump(doc, f)
    code, out, err = run("verify", path, "--format", "json")
    expect(code == 0, out + err)
    doc["recheck"]["same_conditional_law"]["B"] = ["nope"]
    with open(path, "w") as f:
        json.dump(doc, f)
    code, out, err = run("verify", path)
    expect(code == 2 and out == "" and "recheck.same_conditional_law" in err and "nope" in err, err)


@test("every verdict can fail: per family, an input on which the claim's status changes")
def _():
    def status(checker, claim, *cases):
        args = ["check", checker, "--format", "json"]
        for c in cases:
            args += ["--case", c if os.path.isabs(c) else os.path.join(CASES, c)]
        code, out, err = run(*args)
        expect(code in (0, 1) and out, f"{checker} {cases}: {code} {err}")
        found = [c["status"] for c in json.loads(out)["claims"] if c["id"] == claim] if out else []
        return found[0] if found else None
    # definitions: two variables meet the hypothesis of I's symmetry, one does not.
    single = case_file("one-variable.json", json.dumps({"kind": "joint", "variables": ["X"], "pmf": {"a": "1/3", "b": "2/3"}}))
    expect(status("definitions", "def.mi-symmetric", "venn.json") == "proved", "venn (and its proof)")
    expect(status("definitions", "def.mi-symmetric", single) == "hypotheses-fail", "one variable")
    # Jeon et al.: the restatement over M holds when M = T and fails when M != T.
    expect(status("jeon_decomposition", "jeon.thm4.2-restated", "sparse-square.json") == "checked-exact", "M = T")
    expect(status("jeon_decomposition", "jeon.thm4.2-restated", "sparse-finite.json") == "refuted", "M != T")
    # Lemma A (a): the posterior's limit is below 1 when both chains are absorbed alike.
    expect(status("lemma_a", "lemmaA.a", "lemma-a-binary.json") == "supported", "binary")
    expect(status("lemma_a", "lemmaA.a", "lemma-a-reducible.json") == "hypotheses-fail", "reducible")
    # Hypothesis B: a pair whose excess loss falls slowly in d does not meet the criterion.
    slow = {"kind": "mixture", "tokens": 8, "components": [
        {"name": "M1", "weight": "1/2", "model": {"kind": "markov", "alphabet": ["a", "b"], "start": "a",
                                                  "transition": {"a": {"a": "1/2", "b": "1/2"}, "b": {"a": "1/2", "b": "1/2"}}}},
        {"name": "M2", "weight": "1/2", "model": {"kind": "markov", "alphabet": ["a", "b"], "start": "a",
                                                  "transition": {"a": {"a": "1/3", "b": "2/3"}, "b": {"a": "1/3", "b": "2/3"}}}}]}
    slow_file = case_file("slow-decay.json", json.dumps(slow))
    expect(status("lemma_a", "hypothesisB", "lemma-a-binary.json") == "supported", "binary")
    expect(status("lemma_a", "hypothesisB", slow_file) == "not-checkable", "slow decay")
    # The corollary for n > 2: distinct components hold; equal ones are outside the hypotheses.
    expect(status("corollary_a", "corollaryA.n", "corollary-3.json") == "checked-exact", "distinct")
    expect(status("corollary_a", "corollaryA.n", "corollary-degenerate.json") == "hypotheses-fail", "equal")
    # Lemma B.1 needs a parametrisation with positive error to start from.
    one = {"kind": "mixture", "tokens": 3, "components": [slow["components"][0] | {"weight": "1"}]}
    expect(status("lemma_b", "lemmaB1", "mixture-ab.json") == "checked-exact", "mixture")
    expect(status("lemma_b", "lemmaB1", case_file("one-chain.json", json.dumps(one))) == "hypotheses-fail", "one chain")
    code, out, err = run("check", "lemma_b", "--case", os.path.join(CASES, "chain-a.json"))
    expect(code == 2 and out == "" and err.strip().endswith("need a single-document mixture (a sequence model with a latent theta)"), err)


@test("check lemma_a on user cases: hypotheses, and the conclusion outside them")
def _():
    code, out, err = run("check", "lemma_a", "--case", os.path.join(CASES, "lemma-a-reducible.json"),
                         "--case", os.path.join(CASES, "mixture-ab.json"), "--format", "json")
    expect(code == 0, err + out[:300])
    claims = {c["id"]: c for c in json.loads(out)["claims"]}
    cases = {os.path.basename(c["case"]): c for c in claims["lemmaA"]["cases"]}
    red = cases["lemma-a-reducible.json"]
    expect(red["status"] == "hypotheses-fail" and red["conclusion_holds"] is False, str(red))
    expect(red["detail"]["hypotheses"]["irreducible_M1"] is False, str(red))
    ab = cases["mixture-ab.json"]
    expect(ab["status"] == "verified-exact" and ab["conclusion_holds"] is True, str(ab))
    code, out, err = run("check", "lemma_a", "--case", os.path.join(CASES, "venn.json"))
    expect(code == 2 and out == "" and err.endswith("Lemma A needs a sequence model (a mixture of two Markov chains)\n"), err)


@test("capacity: Z-channel enclosed, prior reported, bits")
def _():
    code, out, err = run("capacity", os.path.join(CASES, "channel-z.json"), "--format", "json")
    expect(code == 0, err)
    doc = json.loads(out)
    c = doc["capacity"]
    within(ln(Decimal(5) / 4), c["lo"], c["hi"], "C")
    expect(Decimal(c["hi"]) - Decimal(c["lo"]) <= Decimal("1e-40"), "width")
    expect(doc["prior"] == {"0": "3/5", "1": "2/5"} and c["exact"] is None, out)
    code, out, _ = run("capacity", os.path.join(CASES, "channel-z.json"), "--bits", "--format", "json")
    c = json.loads(out)["capacity"]
    within(ln(Decimal(5) / 4) / ln(2), c["lo"], c["hi"], "C in bits")
    code, out, _ = run("capacity", os.path.join(CASES, "channel-bec.json"), "--digits", "20")
    expect(code == 0 and "value 0.46209812037329687294" in out, out)


@test("bad channels: exit 2 and one line")
def _():
    empty = case_file("empty-row.json", '{"kind": "channel", "inputs": ["0", "1"], "outputs": ["0", "1"], '
                                        '"rows": {"0": {"0": "1"}, "1": {}}}')
    bad_input(["capacity", empty], f'{empty}: rows["1"]: empty row: expected an object from output to probability')
    half = case_file("half-row.json", '{"kind": "channel", "inputs": ["0"], "outputs": ["0", "1"], '
                                      '"rows": {"0": {"0": "1/2"}}}')
    bad_input(["capacity", half], f'{half}: rows["0"] sums to 1/2, not 1')
    venn = os.path.join(CASES, "venn.json")
    bad_input(["capacity", venn], f'{venn}: kind: expected "channel", found "joint"')


# ---- transformers ----------------------------------------------------------------------------

def transformer_next(case, context):
    """The forward pass of the transformer environment, written again with Python's decimal."""
    D = lambda s: Decimal(Fr(s).numerator) / Decimal(Fr(s).denominator)
    d, K, L, r = case["d"], case["K"], case["L"], case["r"]
    if not context:
        return [D(case["first"].get(str(i + 1), "0")) for i in range(d)]
    emb = []
    for row in case["embeddings"]:
        v = [D(x) for x in row]
        n = sum(x * x for x in v).sqrt()
        emb.append([x / n for x in v])
    window = context[-K:]
    U = [[emb[tok][a] for tok in window] for a in range(r)]  # r x k
    k = len(window)

    def softmax(z):
        m = max(z)
        e = [(x - m).exp() for x in z]
        s = sum(e)
        return [x / s for x in e]

    for l in range(L):
        A = [[D(x) for x in row] for row in case["weights"]["A"][l]]
        V = [[D(x) for x in row] for row in case["weights"]["V"][l]]
        scores = [[sum(U[a][i] * A[a][b] * U[b][j] for a in range(r) for b in range(r)) / Decimal(r).sqrt()
                   for j in range(k)] for i in range(k)]
        attn = [[None] * k for _ in range(k)]
        for j in range(k):
            col = softmax([scores[i][j] for i in range(k)])
            for i in range(k):
                attn[i][j] = col[i]
        VU = [[sum(V[i][a] * U[a][j] for a in range(r)) for j in range(k)] for i in range(len(V))]
        U = [[sum(VU[i][m] * attn[m][j] for m in range(k)) for j in range(k)] for i in range(len(V))]
        for j in range(k):
            n = sum(U[i][j] ** 2 for i in range(len(U))).sqrt()
            if n > 1:
                for i in range(len(U)):
                    U[i][j] /= n
    return softmax([U[i][k - 1] for i in range(d)])


@test("transformer: certified measures agree with an independent forward pass")
def _():
    path = os.path.join(CASES, "transformer-small.json")
    case = json.load(open(path))
    code, out, err = run("measure", path, "--horizon", "3", "-q", "H(X1..X3)", "-q", "H(X2|X1)", "--format", "json")
    expect(code == 0, err)
    r = {x["query"]: x for x in json.loads(out)["results"]}
    expect(r["H(X1..X3)"]["exact"] is None, out)
    probs, joint12 = [], {}
    for seq in cartesian(range(case["d"]), repeat=3):
        p = Decimal(1)
        for t in range(3):
            p *= transformer_next(case, list(seq[:t]))[seq[t]]
        probs.append(p)
        joint12[seq[:2]] = joint12.get(seq[:2], 0) + p
    h = -sum(p * p.ln() for p in probs)
    slack = Decimal("1e-50")
    expect(Decimal(r["H(X1..X3)"]["lo"]) - slack <= h <= Decimal(r["H(X1..X3)"]["hi"]) + slack, f"{h} vs {r['H(X1..X3)']}")
    expect(Decimal(r["H(X1..X3)"]["hi"]) - Decimal(r["H(X1..X3)"]["lo"]) <= Decimal("1e-40"), "width")
    first = transformer_next(case, [])
    h2 = -sum(p * p.ln() for p in joint12.values()) + sum(p * p.ln() for p in first if p)
    expect(Decimal(r["H(X2|X1)"]["lo"]) - slack <= h2 <= Decimal(r["H(X2|X1)"]["hi"]) + slack, f"{h2}")
    # A wrong value is outside.
    expect(not (Decimal(r["H(X1..X3)"]["lo"]) <= h + Decimal("1e-9") <= Decimal(r["H(X1..X3)"]["hi"])), "1e-9 off")
    # Horizon K = 2: I(X1; X4 | X2, X3) = 0 cannot be confirmed from enclosures: undecided, exit 3.
    code, out, err = run("decide", path, "I(X1;X4|X2,X3) = 0", "--format", "json")
    expect(code == 3 and err == "", f"exit {code}: {err}")
    doc = json.loads(out)
    expect(doc["holds"] is None and doc["decided_by"] == "undecided" and "cannot confirm an equality" in doc["reason"], out)
    expect(run("decide", path, "H(X1..X4) > H(X1..X3)")[0] == 0, "monotone")
    # An equality that is false is refuted by an enclosure (exit 1), never confirmed.
    code, out, err = run("decide", path, "I(X1;X2) = 0")
    expect(code == 1 and "does not hold (decided by an enclosure at" in out, out + err)


@test("transformer: verify decides assertions like decide does (enclosures, or undecided with exit 3)")
def _():
    case = json.load(open(os.path.join(CASES, "transformer-small.json")))
    case.update({"claim": "jeon.thm3.5", "tokens": 2})
    first = transformer_next(case, [])
    h1 = -sum(p * p.ln() for p in first if p)
    for assertions, want in ((["H(X1) <= ln(3)", "H(X1..X2) > H(X1)"], 0), (["H(X1) > ln(3)"], 1),
                             ([f"H(X1) <= {h1 - Decimal('1e-30'):.40f}"], 1),
                             ([f"H(X1) <= {h1 + Decimal('1e-30'):.40f}"], 0)):
        case["assert"] = assertions
        path = case_file("transformer-verify.json", json.dumps(case))
        code, out, err = run("verify", path)
        expect(code == want and err == "", f"{assertions}: exit {code}, expected {want}: {out}{err}")
        expect("by an enclosure at" in out, out)


@test("bad transformer cases: exit 2 and one line")
def _():
    base = json.load(open(os.path.join(CASES, "transformer-small.json")))
    both = dict(base, seed=1)
    p = case_file("both.json", json.dumps(both))
    bad_input(["measure", p], f'{p}: give exactly one of "weights" (fixed, read exactly) and "seed" (Gaussian weights)')
    short = json.loads(json.dumps(base))
    short["weights"]["V"][1] = short["weights"]["V"][1][:2]
    p = case_file("short.json", json.dumps(short))
    bad_input(["measure", p], f"{p}: weights.V[1]: expected 3 rows")
    zero = json.loads(json.dumps(base))
    zero["embeddings"][2] = ["0", "0"]
    p = case_file("zero.json", json.dumps(zero))
    bad_input(["measure", p], f"{p}: embeddings[2]: the zero vector cannot be normalised")
    seeded = {k: v for k, v in base.items() if k != "weights"}
    seeded["seed"] = 7
    p = case_file("seeded.json", json.dumps(seeded))
    bad_input(["measure", p], f'{p}: a transformer with a seed has random weights: measures need fixed "weights"')


# ---- report and verify ---------------------------------------------------------------------

import filecmp
import struct
import zlib
import xml.etree.ElementTree as ET


def same_tree(a, b):
    cmp = filecmp.dircmp(a, b)
    if cmp.left_only or cmp.right_only or cmp.diff_files or cmp.funny_files:
        return False
    if any(not filecmp.cmp(os.path.join(a, f), os.path.join(b, f), shallow=False) for f in cmp.common_files):
        return False
    return all(same_tree(os.path.join(a, d), os.path.join(b, d)) for d in cmp.common_dirs)


def png_ink(path):
    """Fraction of pixels that are not (near) white, decoding the PNG by hand."""
    data = open(path, "rb").read()
    expect(data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG")
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, color = struct.unpack(">IIBB", body[:10])
            expect(depth == 8 and color in (2, 6), f"unexpected PNG format {depth}/{color}")
            bpp = 3 if color == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw, stride = zlib.decompress(idat), width * bpp
    prev, ink, total = bytearray(stride), 0, 0
    for y in range(height):
        f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            if f == 1: line[i] = (line[i] + a) & 255
            elif f == 2: line[i] = (line[i] + b) & 255
            elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        for x in range(0, stride, bpp):
            total += 1
            if min(line[x:x + 3]) < 200:
                ink += 1
        prev = line
    return ink / total


REPORT_A = os.path.join(tmp, "report-a")


@test("report: deterministic tree, tables, citations, figures rendered in a browser")
def _():
    code, out, err = run("report", "--out", REPORT_A)
    expect(code == 0 and out.startswith(f"report written to {REPORT_A}: "), f"{code} {out} {err}")
    b = os.path.join(tmp, "report-b")
    expect(run("report", "--out", b)[0] == 0, "second run")
    expect(same_tree(REPORT_A, b), "two runs differ")
    # Again into the same folder: replaced in place, still identical.
    expect(run("report", "--out", b)[0] == 0 and same_tree(REPORT_A, b), "rerun into the same folder")
    index = open(os.path.join(REPORT_A, "index.md")).read()
    expect(index.startswith("---\ntitle: "), "front matter")
    # hugo-cite reads the bundle's bibliography from the front matter's bibFile.
    expect("\nbibFile: bibliography.json\n" in index.split("\n---\n")[0] + "\n", index[:400])
    expect("\n## Claims ledger\n" in index and "(#claims-ledger)" in index, "ledger inside the page")
    # Figures through Hugo's figure shortcode, so that their captions are visible.
    for name in ("venn", "posterior", "excess", "bound"):
        expect(f'{{{{< figure src="figures/{name}.svg" caption="' in index, f"figure {name} without a captioned shortcode")
    expect("![" not in index, "an image whose caption is only alt text")
    bib = {e["id"] for e in json.load(open(os.path.join(ROOT, "data", "bibliography.json")))}
    import re
    cited = set(re.findall(r'{{< cite "([^"]+)" >}}', index))
    expect(cited and cited <= bib and "jeon2024information" in cited, str(cited))
    # Every table of every checker in every format.
    code, out, _ = run("check", "all", "--format", "json")
    for checker in json.loads(out)["checkers"]:
        for t in checker["tables"]:
            for ext in ("md", "tex", "csv", "json"):
                p = os.path.join(REPORT_A, "tables", checker["checker"], t["name"] + "." + ext)
                expect(os.path.exists(p), p)
    claims = open(os.path.join(REPORT_A, "claims.md")).read()
    expect("[ci-forward-counterexample.json](counterexamples/ci-forward-counterexample.json)" in claims, "ledger links")
    chromium = shutil.which("chromium")
    expect(chromium is not None, "chromium is not installed (scripts/setup installs it)")
    for name in ("venn", "posterior", "excess", "bound"):
        svg = os.path.join(REPORT_A, "figures", name + ".svg")
        root = ET.parse(svg).getroot()
        expect(root.tag.endswith("svg"), f"{svg}: not an SVG")
        png = os.path.join(tmp, name + ".png")
        subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--user-data-dir=" + os.path.join(tmp, "chromium-profile"), "--window-size=760,480",
                        "--screenshot=" + png, "file://" + svg], capture_output=True, timeout=120)
        expect(os.path.exists(png), f"no screenshot of {svg}")
        ink = png_ink(png)
        expect(0.01 < ink < 0.9, f"{name}: {ink:.3f} of the screenshot is drawn")


@test("report --format tex: a standalone report.tex that pdflatex compiles, tables within the page")
def _():
    t = os.path.join(tmp, "report-tex")
    expect(run("report", "--out", t, "--format", "tex")[0] == 0, "tex")
    t2 = os.path.join(tmp, "report-tex-2")
    expect(run("report", "--out", t2, "--format", "tex")[0] == 0 and same_tree(t, t2), "two tex runs differ")
    table = open(os.path.join(t, "tables", "definitions", "definitions_cases.tex")).read()
    # booktabs rules, H(X|Y) in math mode (the default fonts print a text-mode | as a dash).
    expect("\\toprule" in table and "\\hline" not in table and "H(X$\\mid$Y)" in table, table[:600])
    p = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "report.tex"], cwd=t,
                       capture_output=True, text=True, timeout=300)
    log = open(os.path.join(t, "report.log"), errors="replace").read()
    expect(p.returncode == 0, f"pdflatex exit {p.returncode}: {log[-1500:]}")
    expect(open(os.path.join(t, "report.pdf"), "rb").read(5) == b"%PDF-", "no PDF")
    import re
    over = [float(x) for x in re.findall(r"Overfull \\hbox \(([0-9.]+)pt too wide\)", log)]
    # The tolerance: 10 pt (a long word in a narrow column), against tables 800 pt too wide before.
    expect(max(over, default=0) <= 10, f"overfull boxes up to {max(over)} pt")
    expect("Float too large" not in log and "Overfull \\vbox" not in log, "a table taller than the page")
    # The check can fail: a table forced into one narrow column overflows.
    bad = os.path.join(t, "bad.tex")
    open(bad, "w").write("\\documentclass{article}\\begin{document}\\begin{tabular}{l}" + "x" * 400 +
                         "\\end{tabular}\\end{document}\n")
    subprocess.run(["pdflatex", "-interaction=nonstopmode", "bad.tex"], cwd=t, capture_output=True, timeout=300)
    expect(re.search(r"Overfull \\hbox \(([0-9.]+)pt", open(os.path.join(t, "bad.log"), errors="replace").read()),
           "no overfull box reported for an overflowing table")


@test("report: qmd citations; refuses a folder it did not write")
def _():
    q = os.path.join(tmp, "report-q")
    expect(run("report", "--out", q, "--format", "qmd")[0] == 0, "qmd")
    index = open(os.path.join(q, "index.qmd")).read()
    expect("[@jeon2024information]" in index and "bibliography: bibliography.json" in index, index[:300])
    # pandoc --citeproc (Debian's) renders the page with every citation resolved from the
    # bibliography written beside it, the references where the page has its #refs block.
    import re
    cited = set(re.findall(r"\[@([^\]]+)\]", index))
    bib = {e["id"] for e in json.load(open(os.path.join(q, "bibliography.json")))}
    expect(cited and cited == bib, f"cited {cited}, bibliography.json {bib}")
    html = os.path.join(tmp, "report-q.html")
    p = subprocess.run(["pandoc", "--citeproc", "-f", "markdown", "-s", "index.qmd", "-o", html], cwd=q,
                       capture_output=True, text=True, timeout=120)
    expect(p.returncode == 0 and "WARNING" not in p.stderr, f"pandoc exit {p.returncode}: {p.stderr}")
    page = open(html).read()
    for key in cited:
        expect(f'id="ref-{key}"' in page, f"reference {key} not rendered")
    expect("[@" not in page and 'id="claims-ledger"' in page, "unresolved citation or no ledger section")
    # Every figure captioned and labelled fig-NAME (Quarto's cross-reference labels).
    expect(page.count("<figcaption") == 4, f"{page.count('<figcaption')} captioned figures")
    for name in ("venn", "posterior", "excess", "bound"):
        expect(f'id="fig-{name}"' in page, f"no label fig-{name}")
    # A key the bibliography does not hold is a warning there: the check can fail.
    broken = os.path.join(q, "broken.md")
    open(broken, "w").write("---\nbibliography: bibliography.json\n---\n\nSee [@nosuchkey].\n")
    p = subprocess.run(["pandoc", "--citeproc", "-f", "markdown", "broken.md"], cwd=q, capture_output=True, text=True, timeout=120)
    expect("nosuchkey" in p.stderr, p.stderr)
    os.remove(broken)
    other = os.path.join(tmp, "not-a-report")
    os.makedirs(other)
    open(os.path.join(other, "keep.txt"), "w").write("mine")
    bad_input(["report", "--out", other], f"{other}: exists and was not written by infocert report; choose another --out")
    expect(open(os.path.join(other, "keep.txt")).read() == "mine", "user file touched")


@test("hostile inputs: within 4 GiB and 60 s, exit 2 with one line naming the file and place")
def _():
    import resource

    def limited(*args):
        def limits():
            # AddressSanitizer reserves terabytes of address space: no address limit under it.
            if "ASAN_OPTIONS" not in os.environ:
                resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))
        p = subprocess.run([EXE, *args], capture_output=True, text=True, timeout=60, preexec_fn=limits)
        return p.returncode, p.stdout, p.stderr

    def refused(args, *parts, status=2):
        code, out, err = limited(*args)
        expect(code == status and out == "" and err.count("\n") == 1 and len(err) < 400 and all(x in err for x in parts),
               f"{args[:2]}: exit {code}, stderr {err[:300]!r}")

    fifo = os.path.join(tmp, "fifo.json")
    os.mkfifo(fifo)
    refused(["measure", fifo], f"{fifo}: is not a regular file")
    refused(["measure", tmp], f"{tmp}: is a folder, not a file")
    nul = os.path.join(tmp, "nul.json")
    with open(nul, "wb") as f:
        f.write(b'{"kind":"joint","variables":["X"],"pmf":{"a":"1"}}\0{"anything": 1}')
    refused(["measure", nul], f"{nul}: malformed JSON: a NUL byte at offset 50")
    refused(["measure", os.path.join(CASES, "lemma-a-binary.json"), "-q", "H(X01..X03)"], "no leading zeros (write X1..X3)")
    refused(["measure", os.path.join(CASES, "venn.json"), "-q", "(" * 8000 + "H(X)" + ")" * 8000],
            "nested more than 256 levels deep", "(16004 characters)")
    refused(["measure", os.path.join(CASES, "venn.json"), "-q", "-" * 30000 + "H(X)"], "nested more than 256 levels deep")
    am = case_file("am-huge.json", json.dumps({"kind": "am", "alphabet": ["a"], "horizon": 99999,
                                               "table": {"": {"a": "1"}}, "tokens": 5}))
    refused(["measure", am], f"{am}: horizon: horizon 99999 needs contexts of more than")
    deep = case_file("deep-assert.json", json.dumps({"kind": "joint", "claim": "def.cond-entropy", "variables": ["X"],
                                                     "pmf": {"a": "1"}, "assert": ["(" * 5000 + "H(X)" + ")" * 5000 + " = 0"]}))
    refused(["verify", deep], f"{deep}: assert[0]:", "nested more than 256 levels deep")
    hp = json.load(open(os.path.join(CASES, "comment-dd.json")))
    hp.update({"claim": "corollaryA.n", "recheck": {"horizon_process": 20}})
    hp_file = case_file("horizon-20.json", json.dumps(hp))
    refused(["verify", hp_file], f"{hp_file}: recheck.horizon_process: a horizon-20 model over 3 symbols needs more than")
    # The type-class sum has a budget too (it ignored --max-work).
    ab = os.path.join(CASES, "mixture-ab.json")
    # A budget is no bad input: exit 3 (undecided), naming --max-work.
    refused(["measure", ab, "--horizon", "1000"],
            f"{ab}: the type-class sum needs about 4e+09 steps (T = 1000, 2 components), over the limit of 5e+08",
            "raise --max-work", status=3)
    expect(limited("measure", ab, "--horizon", "300", "-q", "H(X1..X300)", "--digits", "5")[0] == 0, "T = 300 admitted")
    # --max-work is global: before the command or after it; raised, T = 1000 is admitted
    # as far as the budget goes (here the limit is checked, not the 4e9-step run).
    refused(["--max-work", "1e3", "measure", ab, "--horizon", "300"], "over the limit of 1e+03", status=3)
    # A marginal table over tokens that are not a prefix is planned against --max-memory.
    am2 = os.path.join(CASES, "am-2.json")
    refused(["measure", am2, "--horizon", "21", "-q", "H(X2..X21)", "--max-memory", "64M"],
            f"{am2}: a marginal table over these variables (1048576 entries) would need about", "over the limit of 64 MiB",
            "raise --max-memory", status=3)
    expect(limited("measure", am2, "--horizon", "12", "-q", "H(X2..X12)", "--max-memory", "64M")[0] == 0,
           "a small marginal table admitted under 64M")
    # capacity plans its work before Blahut-Arimoto starts: refused under a small limit
    # (exit 3, the advice is fewer digits), admitted at 400 digits when the limit allows.
    z = os.path.join(CASES, "channel-z.json")
    refused(["--max-work", "1000", "capacity", z],
            f"{z}: the capacity of a 2 x 2 channel at 338 bits needs about 3.46e+03 steps, over the limit of 1e+03; "
            "ask for fewer --digits or raise --max-work", status=3)
    expect(limited("--max-work", "3e4", "capacity", z, "--digits", "400")[0] == 0, "400 digits admitted under 3e4 steps")
    for bad in ("nan", "inf", "-1", "0", "4X", "1e3"):
        refused(["measure", ab, "--max-memory", bad], "--max-memory must be a positive number of bytes")
    # An error inside a component file names the case that refers to it.
    moved = json.load(open(os.path.join(CASES, "lemma-a-binary.json")))
    moved_file = case_file("moved.json", json.dumps(moved))
    missing = os.path.join(tmp, moved["components"][0]["file"])
    refused(["measure", moved_file], f"{moved_file}: components[0].file: in the component file: {missing}: cannot open file")


@test("capacity beyond double range: 400 digits of the Z-channel's ln(5/4)")
def _():
    getcontext().prec = 450
    want = (Decimal(5) / Decimal(4)).ln()
    code, out, err = run("capacity", os.path.join(CASES, "channel-z.json"), "--digits", "400", "--format", "json")
    expect(code == 0, err)
    doc = json.loads(out) if code == 0 else {}
    lo, hi = Decimal(doc["capacity"]["lo"]), Decimal(doc["capacity"]["hi"])
    expect(lo <= want <= hi and hi - lo <= Decimal(2) * Decimal(10) ** -400, f"[{lo}, {hi}]")


@test("report never loses a user's file: strangers, siblings, links, kills and concurrent runs")
def _():
    import signal
    import time
    base = os.path.join(tmp, "writer")
    os.makedirs(base)
    out = os.path.join(base, "r")
    expect(run("report", "--out", out + "/", "--format", "json")[0] == 0, "trailing slash")
    listed = open(os.path.join(out, ".infocert-report")).read().splitlines()[1:]
    expect("claims.json" in listed and ".infocert-report" not in listed, str(listed[:5]))
    # Siblings with the old fixed names are someone else's: untouched.
    for sib in ("r.tmp", "r.old"):
        os.makedirs(os.path.join(base, sib))
        open(os.path.join(base, sib, "keep.txt"), "w").write(sib)
    expect(run("report", "--out", out, "--format", "json")[0] == 0, "replace an earlier report")
    for sib in ("r.tmp", "r.old"):
        expect(open(os.path.join(base, sib, "keep.txt")).read() == sib, sib + " touched")
    # A user's file inside an earlier report: refused, kept.
    open(os.path.join(out, "NOTES.md"), "w").write("mine")
    bad_input(["report", "--out", out, "--format", "json"],
              f"{out}: holds NOTES.md, which infocert report did not write; move it or choose another --out")
    expect(open(os.path.join(out, "NOTES.md")).read() == "mine", "NOTES.md")
    os.remove(os.path.join(out, "NOTES.md"))
    # A symbolic link as --out: refused, the link and its target kept.
    link = os.path.join(base, "link")
    os.symlink("r", link)
    bad_input(["report", "--out", link], f"{link}: is a symbolic link; give the folder itself as --out")
    expect(os.path.islink(link) and os.path.isfile(os.path.join(out, "claims.json")), "link kept")
    bad_input(["report", "--out", os.path.join(base, "none", "x")],
              f"{os.path.join(base, 'none', 'x')}: the folder {os.path.join(base, 'none')} does not exist")
    # Killed at any moment: the earlier report and every other file survive.
    before = sorted(os.listdir(out))
    claims = open(os.path.join(out, "claims.json")).read()
    for delay in (0.3, 1.5, 3.0):
        p = subprocess.Popen([EXE, "report", "--out", out, "--format", "json"], stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
        time.sleep(delay)
        p.send_signal(signal.SIGKILL)
        p.wait()
        expect(sorted(os.listdir(out)) == before and open(os.path.join(out, "claims.json")).read() == claims,
               f"killed after {delay} s: the report changed")
        for sib in ("r.tmp", "r.old"):
            expect(open(os.path.join(base, sib, "keep.txt")).read() == sib, sib + " touched")
    # Two runs at once into one folder: both succeed, one after the other.
    procs = [subprocess.Popen([EXE, "report", "--out", out, "--format", "json"], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for _ in range(2)]
    results = [(p.wait(timeout=300), p.stderr.read()) for p in procs]
    expect(all(code == 0 for code, _ in results), str(results))
    expect(open(os.path.join(out, "claims.json")).read() == claims, "concurrent runs: same report")


@test("verify: every counterexample the checkers wrote re-checks; tampered ones do not")
def _():
    folder = os.path.join(REPORT_A, "counterexamples")
    files = sorted(os.listdir(folder))
    expect(len(files) >= 8, str(files))
    for f in files:
        code, out, err = run("verify", os.path.join(folder, f))
        expect(code == 0 and "verdict: every assertion of the file holds" in out, f"{f}: {code} {out} {err}")
    doc = json.load(open(os.path.join(folder, "ci-forward-counterexample.json")))
    doc["assert"][-1] = doc["assert"][-1].replace("!=", "=")
    tampered = case_file("tampered.json", json.dumps(doc))
    code, out, _ = run("verify", tampered)
    expect(code == 1 and "DOES NOT HOLD" in out and "do not all hold" in out, out)
    doc = json.load(open(os.path.join(folder, "def.cond-entropy-literal.json")))
    doc["pmf"]["1 1"] = "1/3"
    broken = case_file("broken.json", json.dumps(doc))
    bad_input(["verify", broken], f"{broken}: pmf sums to 13/12, not 1")
    doc = json.load(open(os.path.join(folder, "def.cond-entropy-literal.json")))
    doc["claim"] = ""
    unknown = case_file("unknown-claim.json", json.dumps(doc))
    bad_input(["verify", unknown], f'{unknown}: claim: expected the id of the claim, found ""')
    venn = os.path.join(CASES, "venn.json")
    bad_input(["verify", venn], f'{venn}: missing key "claim" (the claim this case speaks to)')


@test("check jeon_decomposition: statuses")
def _():
    code, out, err = run("check", "jeon_decomposition", "--format", "json")
    expect(code == 0, err)
    st = {c["id"]: c["status"] for c in json.loads(out)["claims"]}
    expect(st == {"jeon.ci-equivalence": "refuted", "jeon.entropy-logN": "checked-exact",
                  "jeon.thm3.2": "proved", "jeon.obe-optimal": "checked-exact",
                  "jeon.thm4.2": "proved", "jeon.thm4.2-restated": "refuted",
                  "jeon.incontext": "checked-exact"}, str(st))


# ---- bad input: one line, exit 2, nothing on stdout ---------------------------------------

BAD_CASES = [
    ("negative.json", '{"kind": "joint", "variables": ["X", "Y"], "pmf": {"0 0": "1", "0 1": "-1/2", "1 1": "1/2"}}',
     'pmf["0 1"]: -1/2 is not a probability'),
    ("sum.json", '{"kind": "joint", "variables": ["X"], "pmf": {"0": "1/2", "1": "1/3", "2": "1/12"}}',
     "pmf sums to 11/12, not 1"),
    ("arity.json", '{"kind": "joint", "variables": ["X", "Y"], "pmf": {"0 1 1": "1"}}',
     'pmf["0 1 1"]: outcome has 3 symbols, expected 2 (X, Y)'),
    ("malformed.json", '{"kind": "joint",\n "variables": ["X"]\n "pmf": {}}',
     "malformed JSON: line 3, column 6: syntax error while parsing object - unexpected string literal; "
     "expected '}'"),
    ("unknown-key.json", '{"kind": "joint", "variables": ["X"], "pmf": {"0": "1"}, "prior": 1}',
     "prior: unknown key (expected one of: kind, name, description, claim, hypotheses, assert, recheck, variables, alphabets, pmf)"),
    ("symbol.json", '{"kind": "joint", "variables": ["X"], "alphabets": {"X": ["a", "b"]}, "pmf": {"c": "1"}}',
     'pmf["c"]: unknown symbol "c" for variable X (alphabet: a, b)'),
    ("dupkey.json", '{"kind": "joint", "variables": ["X"], "pmf": {"0": "1/2", "0": "1/2"}}',
     'pmf: duplicate key "0"'),
    ("notrational.json", '{"kind": "joint", "variables": ["X"], "pmf": {"0": "one"}}',
     'pmf["0"]: "one" is not a rational number'),
    ("float.json", '{"kind": "joint", "variables": ["X"], "pmf": {"0": 0.1, "1": 0.2}}',
     'pmf sums to 3/10, not 1'),
    ("kind.json", '{"kind": "hmm", "alphabet": ["a"]}',
     'kind: unknown case kind "hmm" (kinds: joint, markov, am, mixture, sparse-mixture, transformer, channel, dirichlet, beta)'),
    ("array.json", '[1, 2]', "expected a JSON object at the top level"),
    ("empty.json", '', "malformed JSON: line 1, column 1: syntax error while parsing value - unexpected end of "
                       "input; expected '[', '{', or a literal"),
]

for name, text, message in BAD_CASES:
    @test(f"bad case {name}: exit 2 and one line")
    def _(name=name, text=text, message=message):
        path = case_file(name, text)
        bad_input(["measure", path], f"{path}: {message}")
        bad_input(["decide", path, "H(X) = 0"], f"{path}: {message}")


MARKOV = '{"kind": "markov", "alphabet": ["a", "b"], "start": "a", "tokens": 3, "transition": %s}'
BAD_SEQUENCE_CASES = [
    ("row.json", MARKOV % '{"a": {"a": "3/4", "b": "1/6"}, "b": {"a": "1/2", "b": "1/2"}}',
     "transition.a sums to 11/12, not 1"),
    ("rowsym.json", MARKOV % '{"a": {"a": "1/2", "c": "1/2"}, "b": {"a": "1/2", "b": "1/2"}}',
     'transition.a.c: unknown symbol "c" (alphabet: a, b)'),
    ("norow.json", MARKOV % '{"a": {"a": "1/2", "b": "1/2"}}', 'transition: no row for state "b" (every symbol is a state)'),
    ("nostart.json", '{"kind": "markov", "alphabet": ["a"], "transition": {"a": {"a": "1"}}, "tokens": 2}',
     'missing key "start"'),
    ("nohorizon.json", '{"kind": "markov", "alphabet": ["a"], "start": "a", "transition": {"a": {"a": "1"}}}',
     'a sequence model needs a horizon: give --horizon T or "tokens" in the file'),
    ("zerotokens.json", '{"kind": "markov", "alphabet": ["a"], "start": "a", "transition": {"a": {"a": "1"}}, "tokens": 0}',
     'tokens: the horizon must be at least 1 token'),
    ("am.json", '{"kind": "am", "alphabet": ["a", "b"], "horizon": 2, "tokens": 3, "table": {"": {"a": "1"}, '
                '"a": {"a": "1/2", "b": "1/2"}, "a a": {"a": "1"}}}',
     'table: no row for context "a b", which is reached with positive probability'),
    ("weights.json", '{"kind": "mixture", "tokens": 2, "components": [{"weight": "1/2", "model": '
                     '{"kind": "markov", "alphabet": ["a"], "start": "a", "transition": {"a": {"a": "1"}}}}, '
                     '{"weight": "1/3", "model": {"kind": "markov", "alphabet": ["a"], "start": "a", '
                     '"transition": {"a": {"a": "1"}}}}]}',
     "components weights sum to 5/6, not 1"),
    ("alphabets.json", '{"kind": "mixture", "tokens": 2, "components": [{"weight": "1/2", "model": '
                       '{"kind": "markov", "alphabet": ["a"], "start": "a", "transition": {"a": {"a": "1"}}}}, '
                       '{"weight": "1/2", "model": {"kind": "markov", "alphabet": ["b"], "start": "b", '
                       '"transition": {"b": {"b": "1"}}}}]}',
     "components[1]: the alphabet differs from that of components[0] (same symbols in the same order)"),
    ("alphadir.json", '{"kind": "sparse-mixture", "N": 1, "documents": 1, "tokens": 1, "dirichlet": "1", '
                      '"alpha": [{"weight": "1", "alpha": ["1"]}], "pool": [{"weight": "1", "model": '
                      '{"kind": "markov", "alphabet": ["a"], "start": "a", "transition": {"a": {"a": "1"}}}}]}',
     'give exactly one of "alpha" (a finite prior over weight vectors) and "dirichlet" (a concentration)'),
]

for name, text, message in BAD_SEQUENCE_CASES:
    @test(f"bad sequence case {name}: exit 2 and one line")
    def _(name=name, text=text, message=message):
        path = case_file(name, text)
        bad_input(["measure", path], f"{path}: {message}")


@test("checkers on a case of the wrong kind: exit 2 and one line naming the file")
def _():
    venn = os.path.join(CASES, "venn.json")
    bad_input(["check", "jeon_decomposition", "--case", venn],
              f"{venn}: the Jeon et al. checks need a mixture of sequence models")
    bad_input(["check", "lemma_a", "--case", venn],
              f"{venn}: Lemma A needs a sequence model (a mixture of two Markov chains)")
    bad_input(["check", "corollary_a", "--case", venn], f"{venn}: the corollary needs a mixture of sequence models")


@test("a channel is measured with capacity; verify says undecided (exit 3) where enclosures cannot settle")
def _():
    bsc = os.path.join(CASES, "channel-bsc.json")
    bad_input(["measure", bsc], f"{bsc}: kind: a channel has no variables to measure here; use infocert capacity")
    bad_input(["measure", bsc, "--horizon", "2"],
              f"{bsc}: --horizon, --documents and --incontext apply to sequence models, not to kind channel")
    case = json.load(open(os.path.join(CASES, "transformer-small.json")))
    case.update({"claim": "jeon.thm3.5", "tokens": 2, "assert": ["H(X1..X2) > H(X1)", "I(X1;X1) = H(X1)"]})
    path = case_file("transformer-undecided.json", json.dumps(case))
    code, out, err = run("verify", path, "--format", "json")
    expect(code == 3 and err == "", f"exit {code}: {out}{err}")
    doc = json.loads(out)
    expect(doc["holds"] is None, out)
    expect([c["holds"] for c in doc["checks"]] == [True, None], out)
    expect("cannot confirm an equality" in doc["checks"][1]["how"], out)


@test("limits that are not numbers, and horizons past the limit, are bad input")
def _():
    ab = os.path.join(CASES, "mixture-ab.json")
    for value in ("nan", "inf", "-1", "0"):
        bad_input(["measure", ab, "--max-work", value], "infocert measure: --max-work must be a positive finite number")
        bad_input(["decide", ab, "H(X1) > 0", "--max-work", value],
                  "infocert decide: --max-work must be a positive finite number")
    degenerate = json.load(open(os.path.join(CASES, "corollary-degenerate.json")))
    degenerate.update({"claim": "corollaryA.n", "recheck": {"horizon_process": 4294967297}})
    for comp in degenerate.get("components", []):
        if "file" in comp:
            comp["file"] = os.path.abspath(os.path.join(CASES, comp["file"]))
    path = case_file("horizon-overflow.json", json.dumps(degenerate))
    bad_input(["verify", path], f"{path}: recheck.horizon_process: 4294967297 is larger than 1000")


@test("numbers at the edges: one symbol, probability 1, 1e-400, 10^1000")
def _():
    one = case_file("one.json", '{"kind": "markov", "alphabet": ["a"], "start": "a", "transition": {"a": {"a": "1"}}, "tokens": 3}')
    code, out, _ = run("measure", one, "--format", "json")
    r = json.loads(out)["results"][0]
    expect(code == 0 and r["is_zero"] and r["exact"] == "0", out)
    sure = case_file("sure.json", '{"kind": "joint", "variables": ["X"], "pmf": {"0": "1"}}')
    code, out, _ = run("decide", sure, "H(X) = 0")
    expect(code == 0, out)
    tiny = case_file("tiny.json", json.dumps({"kind": "joint", "variables": ["X"],
                                                "pmf": {"0": "1e-400", "1": "0." + "9" * 399 + "9"}}))
    code, out, err = run("measure", tiny, "--format", "json", "--digits", "10")
    r = json.loads(out)["results"][0]
    expect(code == 0 and not r["is_zero"] and r["value"] == "0.0000000000", out + err)
    expect(Decimal(r["lo"]) <= Decimal("1e-390") and Decimal(r["hi"]) >= 0, out)
    big = case_file("big.json", json.dumps({"kind": "joint", "variables": ["X"],
                                              "pmf": {"0": "1/1" + "0" * 1000, "1": "9" * 1000 + "/1" + "0" * 1000}}))
    code, out, _ = run("measure", big, "--format", "json", "--digits", "10")
    r = json.loads(out)["results"][0]
    expect(code == 0 and r["exact"] is None and r["value"] == "0.0000000000", out[:300])
    bad_input(["measure", os.path.join(CASES, "mixture-ab.json"), "--horizon", "0"],
              'infocert measure: --horizon must be T, FIRST..LAST or a list T1,T2,..., each from 1 to 10000000 and at most 1000 of them, not "0"')
    bad_input(["measure", os.path.join(CASES, "venn.json"), "--digits", "10001"],
              "infocert measure: --digits must be between 1 and 10000")
    dup = case_file("dup-variables.json", '{"kind": "joint", "variables": ["X"], "variables": ["Y"], "pmf": {"0": "1"}}')
    bad_input(["measure", dup], f'{dup}: duplicate key "variables"')


@test("bad sequence arguments: exit 2 and one line")
def _():
    ref = case_file("ref.json", '{"kind": "mixture", "tokens": 2, "components": [{"weight": "1", "file": "nope.json"}]}')
    missing = os.path.join(tmp, "nope.json")
    bad_input(["measure", ref], f"{ref}: components[0].file: in the component file: {missing}: cannot open file (No such file or directory)")
    venn = os.path.join(CASES, "venn.json")
    bad_input(["measure", venn, "--horizon", "3"],
              f"{venn}: --horizon, --documents and --incontext apply to sequence models, not to kind joint")
    am = os.path.join(CASES, "mixture-am.json")
    code, out, err = run("measure", am, "--horizon", "30", "--max-work", "1e6")
    expect(code == 3 and out == "" and err == f"{am}: the enumeration needs about 4.29e+09 node-component steps (2^30 "
           "sequences x 2 components), over the limit of 1e+06; use a smaller horizon or fewer components, or raise "
           "--max-work\n", f"exit {code}: {err!r}")
    ab = os.path.join(CASES, "mixture-ab.json")
    bad_input(["measure", ab, "-q", "H(X1..X9)"],
              f'{ab}: query "H(X1..X9)": unknown variable "X7" (variables: theta, X1..X6)')


@test("bad arguments: exit 2 and one line")
def _():
    venn = os.path.join(CASES, "venn.json")
    missing = os.path.join(tmp, "missing.json")
    bad_input(["measure", missing], f"{missing}: cannot open file (No such file or directory)")
    bad_input(["measure", venn, "-q", "H(X"], 'infocert measure: query "H(X": expected ")" before the end at column 4')
    bad_input(["measure", venn, "-q", "H(Z)"], f'{venn}: query "H(Z)": unknown variable "Z" (variables: X, Y)')
    bad_input(["measure", venn, "--digits", "0"], "infocert measure: --digits must be between 1 and 10000")
    bad_input(["measure", venn, "--format", "xml"], 'infocert measure: --format must be one of text, json, not "xml"')
    bad_input(["measure", venn, "--foo"],
              "infocert measure: The following argument was not expected: --foo (see infocert measure --help)")
    bad_input(["decide", venn, "H(X)"], 'infocert decide: claim "H(X)": expected a relation (=, !=, <, <=, >, >=) at column 5')
    bad_input(["check", "nope"], 'infocert check: unknown checker "nope" (checkers: all, definitions, jeon_decomposition, lemma_a, corollary_a, lemma_b, transformer_bounds)')
    bad_input(["bogus"], 'infocert: unknown command "bogus" (commands: measure, decide, capacity, check, report, verify, claims, sync, prove, certcheck)')
    bad_input([], "infocert: A subcommand is required (see infocert --help)")
    bad_input(["claims", "--format", "csv"], 'infocert claims: --format must be one of md, json, not "csv"')


# ---- claim files: a user's claims end to end, no compiler ----------------------------------

@test("a new claim file: check, claims, report and verify, exit statuses by expectation")
def _():
    folder = os.path.join(tmp, "my-claims")
    os.makedirs(folder)
    shutil.copy(os.path.join(CASES, "mixture-ab.json"), folder)
    shutil.copy(os.path.join(CASES, "chain-a.json"), folder)
    shutil.copy(os.path.join(CASES, "chain-b.json"), folder)
    # Under the mixture the tokens depend on each other through the latent chain; X1 is a
    # fixed start symbol followed by the chain, so I(X2;X3) is the informative one.
    claims = {
        "title": "A reader's claims",
        "summary": "Two claims about the built-in binary mixture.",
        "claims": [
            {"id": "reader.dependent", "summary": "consecutive tokens of the mixture are dependent",
             "conclusion": "I(X2;X3) > 0", "domain": {"cases": ["mixture-ab.json"], "horizon": "3..5"}},
            {"id": "reader.independent", "summary": "consecutive tokens are independent",
             "conclusion": "I(X2;X3) = 0", "domain": {"cases": ["mixture-ab.json", "chain-a.json"], "horizon": 3}},
        ],
    }
    path = os.path.join(folder, "reader.json")
    with open(path, "w") as f:
        json.dump(claims, f)
    code, out, err = run("check", "--claims", path, "--format", "json")
    expect(code == 1, f"exit {code} (a refuted claim without an expectation): {err}")
    doc = json.loads(out)
    verdicts = {c["id"]: c for r in doc.get("checkers", [doc]) for c in r["claims"]}
    expect(verdicts["reader.dependent"]["status"] == "checked-exact", str(verdicts["reader.dependent"]))
    expect(verdicts["reader.independent"]["status"] == "refuted", str(verdicts["reader.independent"]))
    expect("T = 3, 4, 5" in verdicts["reader.dependent"]["scope"], verdicts["reader.dependent"]["scope"])
    # With the refutation expected, the same file exits 0.
    claims["claims"][1]["expected"] = "refuted"
    with open(path, "w") as f:
        json.dump(claims, f)
    code, out, err = run("check", "--claims", path)
    expect(code == 0, f"exit {code}: {out} {err}")
    expect("reader.independent" in out and "refuted" in out, out)
    # The ledger lists the new claims after the built-in ones.
    code, out, err = run("claims", "--format", "json", "--claims", path)
    expect(code == 0, err)
    ids = [c["id"] for c in json.loads(out)["claims"]]
    expect(ids[-2:] == ["reader.dependent", "reader.independent"], str(ids[-3:]))
    # The report carries the family, its table and the counterexample, which verify re-checks.
    out_dir = os.path.join(tmp, "report-claims")
    code, out, err = run("report", "--out", out_dir, "--claims", path)
    expect(code == 0, err)
    index = open(os.path.join(out_dir, "index.md")).read()
    expect("## A reader's claims" in index, "no section for the claim file")
    expect(f"infocert check --claims {path}" in index, "the section names no command")
    ce = os.path.join(out_dir, "counterexamples", "reader.independent.mixture-ab-T3.json")
    expect(os.path.exists(ce), str(os.listdir(os.path.join(out_dir, "counterexamples"))))
    code, out, err = run("verify", ce)
    expect(code == 0, f"verify exit {code}: {out} {err}")
    expect("I(X2;X3) != 0" in out and "not in the catalogue" in out, out)
    code, out, err = run("verify", ce, "--claims", path)
    expect(code == 0 and "not in the catalogue" not in out, out)


@test("bad claim files: exit 2, one line naming the file and the JSON path, no output")
def _():
    venn = os.path.abspath(os.path.join(CASES, "venn.json"))  # claim files read relative paths from their folder
    def claim_file(name, claim):
        return case_file(name, json.dumps({"claims": [claim]}))
    f = claim_file("c-parse.json", {"id": "a", "summary": "s", "conclusion": "H(X >= 0", "domain": {"cases": [venn]}})
    bad_input(["check", "--claims", f],
              f'{f}: claims[0].conclusion: claim "H(X >= 0": expected ")", found ">=" at column 5')
    f = claim_file("c-var.json", {"id": "a", "summary": "s", "conclusion": "H(Z) >= 0", "domain": {"cases": [venn]}})
    bad_input(["check", "--claims", f],
              f'{f}: claims[0]: on venn.json: query "H(Z)": unknown variable "Z" (variables: X, Y)')
    f = claim_file("c-proc.json", {"id": "a", "summary": "s", "procedure": "lemma_z"})
    bad_input(["check", "--claims", f], f'{f}: claims[0].procedure: unknown procedure "lemma_z" (procedures: '
              'definitions, jeon_decomposition, lemma_a, corollary_a, lemma_b, transformer_bounds)')
    f = claim_file("c-empty.json", {"id": "a", "summary": "s", "conclusion": "H(X) >= 0", "domain": {"cases": []}})
    bad_input(["check", "--claims", f],
              f"{f}: claims[0].domain.cases: the domain is empty: list at least one case file, or give a generator")
    out_dir = os.path.join(tmp, "report-bad-claims")
    bad_input(["report", "--out", out_dir, "--claims", f],
              f"{f}: claims[0].domain.cases: the domain is empty: list at least one case file, or give a generator")
    expect(not os.path.exists(out_dir), "report wrote a folder for a bad claim file")
    bad_input(["check"], "infocert check: give a checker name, all, or --claims FILE")


# ---- sync: the post and the ledger ------------------------------------------------------

def fnv1a64(text):
    """The fingerprint, computed here independently: FNV-1a 64 of the normalised sentence."""
    norm = " ".join(text.replace("*", "").replace("`", "").lower().split())
    h = 0xcbf29ce484222325
    for b in norm.encode():
        h = ((h ^ b) * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return f"fnv1a64:{h:016x}"


@test("sync: a post of its own; an edited, a deleted and a new lemma are each reported")
def _():
    post = """# Post

## Lemma A:
Let $M_1$ and $M_2$ be *two* chains. Then their mixture is not a finite-horizon process.

## Lemma B
Every distribution has a parametrisation with estimation error $0$.
"""
    claims = {"claims": [
        {"id": "p.a", "summary": "a", "procedure": "lemma_a",
         "source": {"section": "Lemma A", "locate": "is not a finite-horizon",
                    "fingerprint": fnv1a64("Then their mixture is not a finite-horizon process.")}},
        {"id": "p.b", "summary": "b", "procedure": "lemma_b",
         "source": {"section": "Lemma B", "locate": "has a parametrisation",
                    "fingerprint": fnv1a64("Every distribution has a parametrisation with estimation error $0$.")}}]}
    cf = case_file("sync-claims.json", json.dumps(claims))
    pf = case_file("post.md", post)
    code, out, err = run("sync", pf, "--claims", cf)
    expect(code == 0, f"exit {code}: {out} {err}")
    expect("2 claims: 2 current, 0 stale" in out and "0 statements no claim covers" in out, out)
    # Edited: a word of Lemma A's sentence changes.
    case_file("post.md", post.replace("Then their mixture", "Then any mixture"))
    code, out, err = run("sync", pf, "--claims", cf)
    expect(code == 1 and "STALE  p.a: line 4: the sentence changed" in out, f"{code} {out}")
    # Deleted: Lemma B's sentence is gone.
    case_file("post.md", post.replace("Every distribution has a parametrisation with estimation error $0$.\n", ""))
    code, out, err = run("sync", pf, "--claims", cf, "--format", "json")
    doc = json.loads(out)
    expect(code == 1 and doc["stale"] == 1, out)
    expect([c["state"] for c in doc["claims"]] == ["current", "sentence gone"], out)
    # A new lemma no claim covers: listed, not stale.
    case_file("post.md", post + "\n## Lemma C\nA new statement.\n")
    code, out, err = run("sync", pf, "--claims", cf, "--format", "md")
    expect(code == 0, f"{code} {out}")
    expect("- [ ] line 9, heading: `Lemma C`" in out and "- [x] `p.a`" in out, out)
    # The built-in catalogue on this post: every claim's section is gone, so exit 1.
    code, out, err = run("sync", pf)
    expect(code == 1 and "STALE  lemmaA: the section \"Lemma A\" is not in the post" not in out, out[:400])
    expect("STALE  lemmaB1: the section \"Lemma B.1\" is not in the post" in out, out[:400])
    bad_input(["sync", os.path.join(tmp, "no-post.md")],
              f"{os.path.join(tmp, 'no-post.md')}: cannot open file (No such file or directory)")


@test("a limit claim file end to end: Pdiff(1, T) reaches 1 exactly at a finite T on the binary mixture")
def _():
    folder = os.path.join(tmp, "limit-claims")
    os.makedirs(folder)
    mixture = os.path.abspath(os.path.join(CASES, "mixture-ab.json"))
    claims = {"title": "When the horizon-1 predictor is caught out", "claims": [
        {"id": "reader.pdiff-one",
         "summary": "for the binary built-in mixture, P[the horizon-1 predictor differs from the full one at some t < T] "
                    "reaches 1 exactly at a finite T",
         "form": "finite", "expected": "proved",
         "limit": {"of": "Pdiff(1, T)", "equals": "1"}, "domain": {"cases": [mixture], "horizon": "2..8"}}]}
    path = os.path.join(folder, "limit.json")
    with open(path, "w") as f:
        json.dump(claims, f)
    code, out, err = run("check", "--claims", path)
    expect(code == 0, f"exit {code}: {out} {err}")
    expect("reader.pdiff-one  proved" in out and "on mixture-ab.json at T = 3" in out, out)
    out_dir = os.path.join(tmp, "report-limit")
    code, out, err = run("report", "--out", out_dir, "--claims", path)
    expect(code == 0, err)
    witness = os.path.join(out_dir, "counterexamples", "reader.pdiff-one.witness-mixture-ab.json")
    expect(os.path.exists(witness), str(os.listdir(os.path.join(out_dir, "counterexamples"))))
    code, out, err = run("verify", witness, "--claims", path)
    expect(code == 0 and "holds          Pdiff(1,3) = 1" in out, f"{code} {out} {err}")
    ledger = open(os.path.join(out_dir, "claims.md")).read()
    expect("| reader.pdiff-one |" in ledger and "| proved |" in ledger, "the ledger lacks the claim")
    # The sweep behind it, by hand: 0 at T = 2, then 1.
    code, out, err = run("measure", mixture, "--horizon", "2..4", "-q", "Pdiff(1, T)", "--digits", "5")
    expect(code == 0 and out.splitlines()[2:] == ["2\t0", "3\t1", "4\t1"], out)
    code, out, err = run("decide", mixture, "Pdiff(1, T) = 1", "--horizon", "2,3", "--format", "json")
    doc = json.loads(out)
    expect(code == 1 and [r["holds"] for r in doc["sweep"]] == [False, True], out)
    bad_input(["measure", mixture, "--horizon", "5..2"],
              'infocert measure: --horizon must be T, FIRST..LAST or a list T1,T2,..., each from 1 to 10000000 and at most 1000 of them, not "5..2"')


@test("prove: proved (0), refuted with a case verify accepts (1), not Shannon-type (3); certcheck re-checks")
def _():
    code, out, err = run("prove", "I(X;Z) <= I(X;Y)", "--given", "X -> Y -> Z")
    expect(code == 0 and "verdict: proved for every distribution" in out and "    I(X;Y|Z) >= 0\n" in out, out + err)
    cert = os.path.join(tmp, "dp.cert.json")
    code, out, err = run("prove", "I(X;Z) <= I(X;Y)", "--given", "X -> Y -> Z", "--certificate", cert)
    code2, out2, err2 = run("prove", "I(X;Z) <= I(X;Y)", "--given", "X -> Y -> Z", "--format", "json")
    expect(code2 == 0 and out2 == open(cert).read(), "the json output is the certificate")
    code, out, err = run("certcheck", cert)
    expect(code == 0 and out.startswith(cert + ": accepted (proved)"), out + err)
    doc = json.loads(out2)
    doc["proof"][0]["inequalities"][0]["multiplier"] = "3"
    bad = os.path.join(tmp, "dp.tampered.json")
    with open(bad, "w") as f:
        json.dump(doc, f)
    code, out, err = run("certcheck", bad)
    expect(code == 1 and "REJECTED" in out and "do not sum" in out, out + err)
    ce = os.path.join(tmp, "xor.case.json")
    code, out, err = run("prove", "I(A;B|C) <= I(A;B)", "--counterexample", ce)
    expect(code == 1 and "verdict: refuted" in out, out + err)
    code, out, err = run("verify", ce)
    expect(code == 0 and "holds          I(A;B|C) > I(A;B)" in out, out + err)
    code, out, err = run("prove", "2 I(C;D) <= I(A;B) + I(A;C,D) + 3 I(C;D|A) + I(C;D|B)")
    expect(code == 3 and "not Shannon-type" in out and "may still hold" in out, out + err)


@test("prove and certcheck: bad input is one line, exit 2, no output")
def _():
    bad_input(["prove", "H(X) <= 1"],
              'infocert prove: prove: claim "H(X) <= 1": only H and I terms with rational coefficients (no constants '
              'such as ln 2 or 1: information inequalities are homogeneous)')
    bad_input(["prove", "I(A;C) <= I(A;B)", "--given", "A -> B -> c", "--variables", "A,B,C"],
              'infocert prove: prove: constraint "A -> B -> c": unknown variable "c" (variables: A, B, C)')
    bad_input(["prove", "H(A,B,C,D,E,F,G,H,I,J,K) >= 0"],
              'infocert prove: prove: 11 variables (A, B, C, D, E, F, G, H, I, J, K); at most 10 are supported')
    code, out, err = run("prove", "H(X) * H(Y) <= 1")
    expect(code == 2 and out == "" and err.count("\n") == 1, err)
    notjson = case_file("not-a-cert.json", "{\"a\": 1}")
    bad_input(["certcheck", notjson], notjson + ': not an infocert certificate (no key "infocert_certificate")')


@test("report: every proof's certificate is written, listed in the ledger, and accepted by certcheck")
def _():
    out_dir = os.path.join(tmp, "report-proofs")
    code, out, err = run("report", "--out", out_dir, "--format", "json")
    expect(code == 0, err)
    folder = os.path.join(out_dir, "certificates")
    certs = sorted(os.listdir(folder))
    expect(len(certs) >= 12, str(certs))
    for c in certs:
        code, out, err = run("certcheck", os.path.join(folder, c))
        expect(code == 0 and "accepted (proved)" in out, c + ": " + out + err)
    ledger = json.load(open(os.path.join(out_dir, "claims.json")))["claims"]
    proved = {r["id"] for r in ledger if r["status"] == "proved" and r["certificates"]}
    for cid in ["def.mi-symmetric", "def.venn-additive", "jeon.thm3.2", "jeon.thm4.2", "lemmaB.range",
                "independence.upper"]:
        expect(cid in proved, cid + " is not proved with certificates")
    ci = [r for r in ledger if r["id"] == "jeon.ci-equivalence"][0]
    expect(ci["status"] == "refuted" and "Proved for every distribution" in ci["evidence"], ci["evidence"])


@test("suggestions: a mistyped command or option, and likely slips in a query")
def _():
    venn = os.path.join(CASES, "venn.json")
    bad_input(["mesure", venn], 'infocert: unknown command "mesure" (did you mean measure?) (commands: measure, decide, '
              'capacity, check, report, verify, claims, sync, prove, certcheck)')
    bad_input(["measure", venn, "--digit", "3"], "infocert measure: The following arguments were not expected: 3 --digit "
              "(did you mean --digits?) (see infocert measure --help)")
    bad_input(["measure", venn, "-q", "I(X:Y)"], 'infocert measure: query "I(X:Y)": unexpected character \':\' (write '
              'I(X;Y): a \';\' separates the sides of I) at column 4')
    bad_input(["measure", venn, "-q", "H(X;Y)"], 'infocert measure: query "H(X;Y)": expected ")", found ";" (H takes one '
              'list; did you mean I(...;...)?) at column 4')
    # Nothing close: no suggestion.
    bad_input(["zzz"], 'infocert: unknown command "zzz" (commands: measure, decide, capacity, check, report, verify, '
              'claims, sync, prove, certcheck)')


@test("JSON documents carry the schema and infocert versions, and exact forms as structures")
def _():
    venn = os.path.join(CASES, "venn.json")
    code, out, err = run("--version")
    version = out.split()[-1]
    for args in (["measure", venn, "-q", "I(X;Y)", "--format", "json"], ["decide", venn, "I(X;Y) > 0", "--format", "json"],
                 ["claims", "--format", "json"], ["check", "definitions", "--format", "json"]):
        code, out, err = run(*args)
        doc = json.loads(out)
        expect(doc.get("schema") == 1 and doc.get("infocert") == version, f"{args[0]}: {list(doc)[:4]}")
    doc = json.loads(run("measure", venn, "-q", "I(X;Y)", "--format", "json")[1])
    form = doc["results"][0]["exact_form"]
    # 3/2 ln 2 - 3/4 ln 3, from the structure, against the decimal module.
    expect(form == {"constant": "0", "terms": {"2": "3/2", "3": "-3/4"}, "unit": "nat"}, str(form))
    value = sum(Decimal(q.split("/")[0]) / Decimal(q.split("/")[1] if "/" in q else 1) * Decimal(b).ln()
                for b, q in form["terms"].items())
    expect(Decimal(doc["results"][0]["lo"]) <= value <= Decimal(doc["results"][0]["hi"]), str(value))


@test("the generated man page and bash completion follow the --help texts")
def _():
    build = os.path.dirname(os.path.abspath(EXE))
    man = os.path.join(build, "src", "cli", "infocert.1")
    completion = os.path.join(build, "src", "cli", "infocert")
    text = open(man).read()
    expect(text.startswith('.TH INFOCERT 1 ""') and ".SS prove" in text and "--counterexample" in text, text[:200])

    def complete(*words):
        script = (f"source {completion}; COMP_WORDS=({' '.join(words)}); COMP_CWORD={len(words) - 1}; _infocert; "
                  'echo "${COMPREPLY[@]}"')
        return subprocess.run(["bash", "-c", script], capture_output=True, text=True).stdout.split()
    expect(complete("infocert", "mea") == ["measure"], str(complete("infocert", "mea")))
    expect(complete("infocert", "prove", "--cer") == ["--certificate"], str(complete("infocert", "prove", "--cer")))
    expect("--digits" in complete("infocert", "measure", "--d"), str(complete("infocert", "measure", "--d")))
    expect(complete("infocert", "check", "--qu") == ["--quiet"], str(complete("infocert", "check", "--qu")))
    expect(".SH OPTIONS" in text and "--quiet" in text and "INFOCERT_PROGRESS_AFTER" in text, "man: no global options")


@test("error lines stay short and valid: long echoed numbers cut with their length, no raw bytes")
def _():
    f = case_file("huge.json", '{"kind": "joint", "variables": ["X"], "pmf": {"0": 1e400, "1": "1/2"}}')
    bad_input(["measure", f], f + ': pmf["0"]: 100000000000...(401 digits)...000000 is not a probability')
    p = subprocess.run([EXE, "measure", os.path.join(CASES, "venn.json"), "-q", b"H(X\xff)"], capture_output=True)
    expect(p.returncode == 2, f"exit {p.returncode}")
    p.stderr.decode("utf-8")  # raises if not UTF-8
    expect(len(p.stderr) < 200, repr(p.stderr))


@test("--timeout: a long enumeration stops cleanly with exit 3 naming the knob; bad limits are bad input")
def _():
    am2 = os.path.join(CASES, "am-2.json")
    code, out, err = run("measure", am2, "--horizon", "23", "-q", "H(X2..X23)", "--timeout", "0.3")
    expect(code == 3 and out == "", f"exit {code}, stdout {out!r}")
    expect(err.startswith(am2 + ": stopped after ") and "(--timeout) while enumerating 23 tokens" in err, repr(err))
    for bad in ("0", "-1", "nan", "inf"):
        bad_input(["--timeout", bad, "measure", am2], "infocert measure: --timeout must be a positive number of seconds")
    code, out, _ = run("measure", os.path.join(CASES, "venn.json"), "--timeout", "60")
    expect(code == 0 and out.startswith("case "), f"a quick run under a limit: exit {code}")


def run_on_terminal(args, env_extra):
    """Runs infocert with stderr on a pseudo-terminal; returns (status, stdout, what the terminal got)."""
    import pty
    import select
    master, slave = pty.openpty()
    env = dict(os.environ, **env_extra)
    p = subprocess.Popen([EXE, *args], stdout=subprocess.PIPE, stderr=slave, env=env)
    os.close(slave)
    seen = b""
    while True:
        ready, _, _ = select.select([master], [], [], 0.1)
        if ready:
            try:
                chunk = os.read(master, 4096)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
        elif p.poll() is not None:
            break
    out = p.stdout.read().decode()
    p.wait(timeout=120)
    os.close(master)
    return p.returncode, out, seen.decode(errors="replace")


@test("progress: a line on a terminal (with the share done and the time left), none with --quiet or off a terminal")
def _():
    args = ["check", "definitions"]
    code, plain, err = run(*args)
    expect(code == 0 and err == "", f"off a terminal: exit {code}, stderr {err!r}")
    code, out, term = run_on_terminal(args, {"INFOCERT_PROGRESS_AFTER": "0"})
    expect(code == 0 and out == plain, f"exit {code}; stdout differs on a terminal")
    expect("infocert: running 1 checker: 100%" in term and term.endswith("\r\x1b[K"), repr(term[-300:]))
    code, out, term = run_on_terminal(["check", "definitions", "--quiet"], {"INFOCERT_PROGRESS_AFTER": "0"})
    expect(code == 0 and out == plain and term == "", f"--quiet: exit {code}, terminal got {term[:200]!r}")
    # The enumeration reports how far it is and the time left.
    code, out, term = run_on_terminal(["measure", os.path.join(CASES, "am-2.json"), "--horizon", "16", "-q",
                                       "H(X2..X16)"], {"INFOCERT_PROGRESS_AFTER": "0"})
    expect(code == 0 and "infocert: enumerating 16 tokens: " in term and " left" in term, repr(term[:300]))


shutil.rmtree(tmp, ignore_errors=True)
tap.finish(results)
