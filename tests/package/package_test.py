#!/usr/bin/env python3
"""infocert as a package: install into a staging folder and build a consumer against it
(pkg-config), then build the same consumer with infocert as a subproject. Output: TAP.

usage: package_test.py SOURCE_ROOT
"""
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "cli"))
import tap  # noqa: E402

ROOT = os.path.abspath(sys.argv[1])
EXPECTED = "I(X;Y) = 3/2 ln 2 - 3/4 ln 3 = 0.215761554339\n"
results = []
tmp = tempfile.mkdtemp(prefix="infocert-package-")


def run(*args, env=None, cwd=None):
    p = subprocess.run(list(args), capture_output=True, text=True, env=env, cwd=cwd, timeout=1500)
    if p.returncode != 0:
        raise AssertionError(f"{' '.join(args)}: exit {p.returncode}\n{p.stdout[-2000:]}\n{p.stderr[-2000:]}")
    return p.stdout


def check(name, fn):
    try:
        fn()
        results.append((True, name, ""))
    except AssertionError as e:
        results.append((False, name, str(e)))


dest = os.path.join(tmp, "dest")
state = {}


def install():
    build = os.path.join(tmp, "build")
    # A plain build (no optimisation, no debug information) keeps this quick; the tests and
    # benchmarks are not needed here.
    run("meson", "setup", build, ROOT, "-Dbuildtype=plain", "-Dtests=disabled", "--prefix=/usr/local")
    run("ninja", "-C", build)
    run("meson", "install", "-C", build, "--destdir", dest, "--quiet")
    prefix = os.path.join(dest, "usr", "local")
    for path in ("include/infocert/query/query.hpp", "include/infocert/measure/measure.hpp",
                 "share/infocert/claims/01-definitions.json", "share/infocert/bibliography.json",
                 "bin/infocert", "share/man/man1/infocert.1", "share/bash-completion/completions/infocert"):
        assert os.path.exists(os.path.join(prefix, path)), f"not installed: {path}"
    pcs = glob.glob(os.path.join(prefix, "lib", "**", "infocert.pc"), recursive=True)
    assert len(pcs) == 1, f"infocert.pc: {pcs}"
    libs = glob.glob(os.path.join(prefix, "lib", "**", "libinfocert.a"), recursive=True)
    assert len(libs) == 1, f"libinfocert.a: {libs}"
    assert not glob.glob(os.path.join(prefix, "include", "infocert", "**", "*.cpp"), recursive=True), "sources installed"
    state["pc_dir"] = os.path.dirname(pcs[0])
    state["prefix"] = prefix


def consumer_pkg_config():
    env = dict(os.environ, PKG_CONFIG_PATH=state["pc_dir"], PKG_CONFIG_SYSROOT_DIR=dest)
    build = os.path.join(tmp, "consumer")
    run("meson", "setup", build, os.path.join(ROOT, "examples", "consumer"), "--wrap-mode=nofallback", env=env)
    run("ninja", "-C", build, env=env)
    out = run(os.path.join(build, "consumer"))
    assert out.startswith(EXPECTED), out


def relocated_binary():
    # The installed command finds its data beside itself, also after the tree is moved.
    moved = os.path.join(tmp, "moved")
    shutil.copytree(state["prefix"], moved, symlinks=True)
    env = {k: v for k, v in os.environ.items() if k != "INFOCERT_DATA_DIR"}
    out = run(os.path.join(moved, "bin", "infocert"), "claims", "--format", "json", env=env)
    assert '"def.cond-entropy"' in out, out[:200]


def installed_python():
    # The Python module as installed: the package and its native part, importable from there.
    found = glob.glob(os.path.join(state["prefix"], "lib", "**", "infocert", "_core*.so"), recursive=True)
    assert len(found) == 1, f"the Python module: {found}"
    site = os.path.dirname(os.path.dirname(found[0]))
    assert os.path.exists(os.path.join(site, "infocert", "__init__.py")), "infocert/__init__.py not installed"
    python = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else sys.executable
    env = dict(os.environ, PYTHONPATH=site)
    out = run(python, "-c", "import infocert; d = infocert.Distribution({('0', '0'): '1/2', ('0', '1'): '1/4', "
              "('1', '1'): '1/4'}, variables=['X', 'Y']); print(infocert.mutual_information(d, ['X'], ['Y']).exact)",
              env=env, cwd=tmp)
    assert out == "3/2 ln 2 - 3/4 ln 3\n", out


def subproject():
    project = os.path.join(tmp, "parent")
    os.makedirs(os.path.join(project, "subprojects"))
    for f in ("meson.build", "main.cpp"):
        shutil.copy(os.path.join(ROOT, "examples", "consumer", f), project)
    os.symlink(ROOT, os.path.join(project, "subprojects", "infocert"))
    build = os.path.join(tmp, "parent-build")
    run("meson", "setup", build, project, "--wrap-mode=forcefallback", "-Dbuildtype=plain")
    run("ninja", "-C", build)
    out = run(os.path.join(build, "consumer"))
    assert out.startswith(EXPECTED), out
    # Only the parent's own test; no infocert command is built or installed.
    tests = [t for t in run("meson", "test", "-C", build, "--list").splitlines() if t.strip() and not t.startswith("ninja")]
    assert len(tests) == 1 and tests[0].endswith("consumer"), tests
    targets = json.loads(run("meson", "introspect", "--targets", build))
    executables = sorted(t["name"] for t in targets if t["type"] == "executable")
    assert executables == ["consumer"], executables


check("meson install --destdir: headers, library, infocert.pc, data, command, man page, completion", install)
if results[-1][0]:
    check("a consumer builds against the installed package (pkg-config) and computes I(X;Y) exactly", consumer_pkg_config)
    check("the installed command, moved, finds its data beside itself", relocated_binary)
    check("the installed Python module imports and computes I(X;Y) exactly", installed_python)
check("the same consumer with infocert as a subproject: no tests, no command added", subproject)
shutil.rmtree(tmp, ignore_errors=True)
tap.finish(results)
