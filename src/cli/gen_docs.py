#!/usr/bin/env python3
"""Writes the man page infocert.1 and the bash completion script from the command's own
--help texts, so both stay in step with the options. Deterministic (no dates).

usage: gen_docs.py INFOCERT MAN_OUT COMPLETION_OUT
(Meson runs it at build time: src/cli/meson.build.)
"""
import re
import subprocess
import sys

exe, man_out, completion_out = sys.argv[1:4]


def help_of(*args):
    p = subprocess.run([exe, *args, "--help"], capture_output=True, text=True, check=True)
    return p.stdout


def commands(top):
    out, on = [], False
    for line in top.splitlines():
        if line.startswith("Subcommands:"):
            on = True
            continue
        if on and line.startswith("  ") and line.strip():
            name, _, desc = line.strip().partition(" ")
            out.append((name, desc.strip()))
    return out


def options(text):
    found = []
    for line in text.splitlines():
        m = re.match(r"^  (-\S+)", line)
        if m:
            for name in m.group(1).split(","):
                if name.startswith("-") and name not in found:
                    found.append(name)
    return found


def roff(text):
    lines = []
    for line in text.splitlines():
        line = line.replace("\\", "\\e")
        if line.startswith((".", "'")):
            line = "\\&" + line
        lines.append(line)
    return "\n".join(lines)


version = subprocess.run([exe, "--version"], capture_output=True, text=True, check=True).stdout.split()[-1]
top = help_of()
cmds = commands(top)
helps = {name: help_of(name) for name, _ in cmds}

man = [
    f'.TH INFOCERT 1 "" "infocert {version}" "User Commands"',
    ".SH NAME",
    "infocert \\- exact and certified checks of information-theoretic claims",
    ".SH SYNOPSIS",
    ".B infocert",
    "\\fICOMMAND\\fR [\\fIOPTIONS\\fR] [\\fIARGUMENTS\\fR]",
    ".SH DESCRIPTION",
    "Every probability is a rational number; every entropy or mutual information is an exact "
    "log-form over pairwise coprime integers, so equalities are decided exactly, and every "
    "decimal comes from a certified interval. Each command has \\fB--help\\fR; what follows is "
    "that text.",
    ".SH OPTIONS",
    "Given before or after the command.",
    ".nf",
    roff("\n".join(l for l in top.split("Subcommands:")[0].splitlines()[2:]).strip()),
    ".fi",
    ".SH COMMANDS",
]
for name, desc in cmds:
    man += [f".SS {name}", ".nf", roff(helps[name].rstrip()), ".fi"]
man += [
    ".SH EXIT STATUS",
    "0 success; 1 a decided claim is false, a claim did not get its expected status, an "
    "assertion does not hold, a distribution refutes a claim, or a certificate is rejected; "
    "2 bad input or usage (one line on stderr naming the file and the place, nothing on "
    "stdout); 3 undecided: no exact form or enclosure settles the claim, a work budget "
    "(\\fB--max-work\\fR) was reached, or a claim is not Shannon-type.",
    ".SH ENVIRONMENT",
    ".TP",
    ".B INFOCERT_DATA_DIR",
    "the data folder (claims, checkers, cases, bibliography); by default ../share/infocert "
    "beside the command, else the source tree's data/.",
    ".TP",
    ".B INFOCERT_PROGRESS_AFTER",
    "seconds a task runs before its progress line appears on a terminal (default 2).",
    ".TP",
    ".B INFOCERT_THREADS",
    "threads for sweeps over generated domains (default: every core); the output is the same.",
    "",
]
with open(man_out, "w") as f:
    f.write("\n".join(man))

names = " ".join(n for n, _ in cmds)
general = [o for o in options(top) if o not in ("-h", "--help", "--version")]
cases = "\n".join(f'    {n}) opts="{" ".join(options(helps[n]) + [o for o in general if o not in options(helps[n])])}" ;;'
                  for n, _ in cmds)
completion = f"""# bash completion for infocert (generated from its --help texts)
_infocert() {{
  local cur="${{COMP_WORDS[COMP_CWORD]}}" opts=""
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=($(compgen -W "{names} --help --version {" ".join(general)}" -- "$cur"))
    return 0
  fi
  case "${{COMP_WORDS[1]}}" in
{cases}
  esac
  if [[ "$cur" == -* ]]; then
    COMPREPLY=($(compgen -W "$opts" -- "$cur"))
  else
    COMPREPLY=($(compgen -f -- "$cur"))
  fi
  return 0
}}
complete -o filenames -F _infocert infocert
"""
with open(completion_out, "w") as f:
    f.write(completion)
