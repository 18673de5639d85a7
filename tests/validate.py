#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Runs one validator on one file and reports it as a TAP test case.

Usage: validate.py NAME PROGRAM [ARGS...]
"""
import subprocess
import sys


def main():
    if len(sys.argv) < 3:
        print("usage: validate.py NAME PROGRAM [ARGS...]", file=sys.stderr)
        return 2

    name = sys.argv[1]
    cmd = sys.argv[2:]
    print("1..1")
    try:
        proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              text=True, check=False)
    except OSError as e:
        print(f"not ok 1 - {name}: cannot run {cmd[0]}: {e}")
        return 1

    for line in proc.stdout.splitlines():
        print(f"# {line}")
    if proc.returncode == 0:
        print(f"ok 1 - {name}")
        return 0
    print(f"not ok 1 - {name} (exit status {proc.returncode})")
    return 1


if __name__ == "__main__":
    sys.exit(main())
