#!/usr/bin/env python3
"""The ledger and every checker's verdicts and tables against a recorded baseline.

Restructuring the library must not change a status, a scope, an evidence line or a number:
this runs `infocert claims --format json` and `infocert check all --format json` and compares
them, field by field, with tests/data/baseline/. A deliberate change of a verdict updates the
baseline in the same commit (the diff then shows exactly what changed). Output: TAP.

usage: ledger_compare.py INFOCERT SOURCE_ROOT
"""
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tap  # noqa: E402
import tempfile

EXE, ROOT = sys.argv[1], sys.argv[2]
BASE = os.path.join(ROOT, "tests", "data", "baseline")
results = []


def run_json(*args):
    p = subprocess.run([EXE, *args], capture_output=True, text=True, timeout=600)
    if p.returncode != 0:
        raise AssertionError(f"infocert {' '.join(args)}: exit {p.returncode}: {p.stderr.strip()}")
    return json.loads(p.stdout)


def differences(a, b, path, out):
    """Every place where a and b differ, as 'path: a != b' (at most a few per call)."""
    if type(a) is not type(b):
        out.append(f"{path}: {a!r} != {b!r}")
    elif isinstance(a, dict):
        for k in sorted(set(a) | set(b)):
            if k not in a or k not in b:
                out.append(f"{path}.{k}: only in {'the output' if k in a else 'the baseline'}")
            else:
                differences(a[k], b[k], f"{path}.{k}", out)
    elif isinstance(a, list):
        if len(a) != len(b):
            out.append(f"{path}: {len(a)} items != {len(b)} in the baseline")
        for i, (x, y) in enumerate(zip(a, b)):
            differences(x, y, f"{path}[{i}]", out)
    elif a != b:
        out.append(f"{path}: {a!r} != {b!r} (baseline)")


def compare(name, got, want):
    out = []
    differences(got, want, name, out)
    results.append((not out, name, "\n".join(out[:20])))


def by_key(items, key):
    return {item[key]: item for item in items}


claims = run_json("claims", "--format", "json")
with open(os.path.join(BASE, "claims.json")) as f:
    base_claims = json.load(f)
compare("ledger", by_key(claims["claims"], "id"), by_key(base_claims["claims"], "id"))

checks = run_json("check", "all", "--format", "json")
with open(os.path.join(BASE, "check.json")) as f:
    base_checks = json.load(f)
got = by_key(checks["checkers"], "checker")
want = by_key(base_checks["checkers"], "checker")
compare("checkers", sorted(got), sorted(want))
for name in sorted(set(got) & set(want)):
    compare(f"{name}.claims", by_key(got[name]["claims"], "id"), by_key(want[name]["claims"], "id"))
    compare(f"{name}.tables", by_key(got[name]["tables"], "name"), by_key(want[name]["tables"], "name"))

# The files the report writes, as JSON values.
with tempfile.TemporaryDirectory(prefix="infocert-ledger-") as tmp:
    out = os.path.join(tmp, "report")
    p = subprocess.run([EXE, "report", "--out", out], capture_output=True, text=True, timeout=600)
    if p.returncode != 0:
        raise AssertionError(f"infocert report: exit {p.returncode}: {p.stderr.strip()}")
    # The counterexamples, and the certificates of the proofs.
    for kind in ("counterexamples", "certificates"):
        got_files, want_files = {}, {}
        for folder, into in ((os.path.join(out, kind), got_files), (os.path.join(BASE, kind), want_files)):
            for name in sorted(os.listdir(folder)):
                with open(os.path.join(folder, name)) as f:
                    into[name] = json.load(f)
        compare(kind, got_files, want_files)

tap.finish(results)
