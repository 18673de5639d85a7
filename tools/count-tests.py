#!/usr/bin/env python3
"""Counts the test cases (TAP lines) that `meson test` ran, from its JSON log.

A test executable that crashed or never printed a plan counts as one failure,
so a crash can never make the total look better. "not ok ... # TODO" (a known
failure, TAP's expected failure) is counted apart and named on the line.
"""
import json
import re
import sys

passed = failed = skipped = todo = 0
for line in open(sys.argv[1], encoding="utf-8"):
    entry = json.loads(line)
    out = entry.get("stdout") or ""
    ok = len(re.findall(r"^ok \d+.*$(?<!# SKIP)", out, re.M))
    skip = len(re.findall(r"^ok \d+.*# [Ss][Kk][Ii][Pp]", out, re.M))
    bad = len(re.findall(r"^not ok \d+(?!.*# TODO)", out, re.M))
    known = len(re.findall(r"^not ok \d+.*# TODO", out, re.M))
    passed += ok - skip
    skipped += skip
    todo += known
    failed += bad
    if entry.get("result") not in ("OK", "SKIP", "EXPECTEDFAIL") and bad == 0:
        failed += 1
        print(f"{entry.get('name')}: {entry.get('result')}", file=sys.stderr)

line = f"{passed} passed, {failed} failed"
if skipped:
    line += f", {skipped} skipped"
if todo:
    line += f", {todo} known to fail (TODO)"
print(line)
