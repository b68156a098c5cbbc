#!/usr/bin/env python3
"""The library's layers only look down: each folder of src/infocert/ includes only folders
listed below it (and the top-level headers), the library never includes a checker
(lemmas/), and the JSON library is included only in cases/ and report/. TAP output.

Usage: layers_test.py SOURCE_ROOT"""
import pathlib
import re
import sys

# Lowest first; a folder may include any folder before it.
ORDER = ["exact", "distribution", "query", "models", "engine", "measure", "prove", "check", "cases", "report"]
JSON_ALLOWED = {"cases", "report"}
INCLUDE = re.compile(r'^\s*#\s*include\s*[<"]([^>"]+)[>"]', re.M)


def violations(root):
    lib = root / "src" / "infocert"
    out = []
    folders = sorted(p.name for p in lib.iterdir() if p.is_dir())
    for extra in set(folders) - set(ORDER):
        out.append(f"src/infocert/{extra}/ is not in the layer order of this test")
    for folder in folders:
        if folder not in ORDER:
            continue
        allowed = set(ORDER[: ORDER.index(folder) + 1])
        for f in sorted((lib / folder).iterdir()):
            if f.suffix not in (".hpp", ".cpp"):
                continue
            for inc in INCLUDE.findall(f.read_text()):
                where = f"src/infocert/{folder}/{f.name} includes {inc}"
                if inc.startswith("lemmas/"):
                    out.append(where + ": a checker")
                elif inc.startswith("nlohmann/") and folder not in JSON_ALLOWED:
                    out.append(where + ": JSON outside cases/ and report/")
                elif inc.startswith("infocert/"):
                    parts = inc.split("/")
                    if len(parts) > 2 and parts[1] not in allowed:
                        out.append(where + f": {parts[1]}/ is not below {folder}/")
    for f in sorted(lib.glob("*.?pp")):
        for inc in INCLUDE.findall(f.read_text()):
            if inc.startswith("infocert/") and inc.count("/") > 1 or inc.startswith(("lemmas/", "nlohmann/")):
                out.append(f"src/infocert/{f.name} (top level) includes {inc}")
    return out


def self_test():
    """The checker itself finds an upward include planted in a copy of the rules."""
    sample = '#include "infocert/report/report.hpp"\n#include <nlohmann/json.hpp>\n'
    incs = INCLUDE.findall(sample)
    return incs == ["infocert/report/report.hpp", "nlohmann/json.hpp"]


def main():
    root = pathlib.Path(sys.argv[1])
    print("1..2")
    print(("ok" if self_test() else "not ok") + " 1 - the include pattern reads both include forms")
    found = violations(root)
    for v in found:
        print("# " + v)
    print(("ok" if not found else "not ok") + " 2 - every include looks down")
    return 1 if found or not self_test() else 0


if __name__ == "__main__":
    sys.exit(main())
