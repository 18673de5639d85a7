#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks po/POTFILES.in against the tree, as TAP.

Every source file under src/ that marks strings for translation (_(), N_(),
C_(), NC_(), ngettext) and every .ui file with translatable="yes" must be
listed, as must the desktop file, the metainfo and the GSettings schema under
data/. Every listed file must exist, and the list must be sorted.

Usage: check-potfiles.py SOURCE_ROOT
"""
import os
import re
import sys

C_MARK = re.compile(r"(?<![\w])(?:_|N_|C_|NC_|ngettext|g_dngettext|g_dpgettext2)\s*\(")
UI_MARK = re.compile(r"""translatable\s*=\s*["'](?:yes|true|1)["']""")
DATA_PATTERNS = (".desktop.in.in", ".desktop.in", ".metainfo.xml.in.in",
                 ".metainfo.xml.in", ".gschema.xml")


def strip_c_comments(text):
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    return re.sub(r"//[^\n]*", " ", text)


def needs_translation(root, rel):
    path = os.path.join(root, rel)
    if rel.startswith("data/"):
        return rel.endswith(DATA_PATTERNS)
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except (OSError, UnicodeDecodeError):
        return False
    if rel.endswith((".c", ".h")):
        return C_MARK.search(strip_c_comments(text)) is not None
    if rel.endswith(".ui"):
        return UI_MARK.search(text) is not None
    return False


def tree_files(root):
    for top in ("src", "data"):
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, top)):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in sorted(filenames):
                yield os.path.relpath(os.path.join(dirpath, name), root).replace(os.sep, "/")


def read_potfiles(root):
    entries = []
    with open(os.path.join(root, "po", "POTFILES.in"), encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#"):
                entries.append(line)
    return entries


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.getcwd()
    results = []

    try:
        listed = read_potfiles(root)
    except OSError as e:
        print("1..1")
        print(f"not ok 1 - po/POTFILES.in is readable: {e}")
        return 1

    listed_set = set(listed)
    results.append((listed == sorted(listed), "po/POTFILES.in is sorted"))
    results.append((len(listed) == len(listed_set), "po/POTFILES.in has no duplicates"))

    # One case per rule, naming every file that breaks it: the count says
    # how many rules were checked, not how many files the tree has.
    missing_files = [rel for rel in listed if not os.path.isfile(os.path.join(root, rel))]
    results.append((not missing_files,
                    "every listed file exists" +
                    (": missing " + ", ".join(missing_files) if missing_files else "")))

    unlisted = [rel for rel in tree_files(root)
                if needs_translation(root, rel) and rel not in listed_set]
    results.append((not unlisted,
                    "every file with translatable strings is listed" +
                    (": not listed " + ", ".join(unlisted) if unlisted else "")))

    print(f"1..{len(results)}")
    failed = 0
    for i, (ok, what) in enumerate(results, 1):
        if ok:
            print(f"ok {i} - {what}")
        else:
            failed += 1
            print(f"not ok {i} - {what}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
