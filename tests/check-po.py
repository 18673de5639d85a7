#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks the translations in po/, as TAP.

For every language in po/LINGUAS: the .po file exists, `msgfmt --check`
accepts it (header, plural forms, format strings), it has no fuzzy and no
untranslated messages, and it is complete for the strings the sources have
now: a fresh template made with xgettext from po/POTFILES.in (with meson's
glib preset) is merged into a copy, which must again have nothing fuzzy or
untranslated. The source tree is never written to.

Usage: check-po.py SOURCE_ROOT
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

# meson's i18n.gettext(preset: 'glib')
XGETTEXT_ARGS = [
    "--from-code=UTF-8", "--add-comments",
    "--keyword=_", "--keyword=N_", "--keyword=C_:1c,2", "--keyword=NC_:1c,2",
    "--keyword=g_dcgettext:2", "--keyword=g_dngettext:2,3",
    "--keyword=g_dpgettext2:2c,3",
    "--flag=N_:1:pass-c-format", "--flag=C_:2:pass-c-format",
    "--flag=NC_:2:pass-c-format", "--flag=g_dngettext:2:pass-c-format",
    "--flag=g_strdup_printf:1:c-format", "--flag=g_string_printf:2:c-format",
    "--flag=g_string_append_printf:2:c-format", "--flag=g_error_new:3:c-format",
    "--flag=g_set_error:4:c-format", "--flag=g_markup_printf_escaped:1:c-format",
    "--flag=g_log:3:c-format", "--flag=g_print:1:c-format",
    "--flag=g_printerr:1:c-format", "--flag=g_printf:1:c-format",
    "--flag=g_fprintf:2:c-format", "--flag=g_sprintf:2:c-format",
    "--flag=g_snprintf:3:c-format",
]

STATS = re.compile(r"(\d+) translated messages?"
                   r"(?:, (\d+) fuzzy translations?)?"
                   r"(?:, (\d+) untranslated messages?)?")


class Tap:
    def __init__(self):
        self.n = 0
        self.failed = 0

    def check(self, ok, name, detail=None):
        self.n += 1
        print(f"{'ok' if ok else 'not ok'} {self.n} - {name}")
        if not ok:
            self.failed += 1
            for line in (detail or "").strip().splitlines():
                print(f"# {line}")
        return ok

    def skip(self, name, why):
        self.n += 1
        print(f"ok {self.n} - {name} # SKIP {why}")


def run(args, **kwargs):
    return subprocess.run(args, capture_output=True, text=True, **kwargs)


def statistics(msgfmt, po):
    """(translated, fuzzy, untranslated, output) from msgfmt --statistics"""
    proc = run([msgfmt, "--check", "--statistics", "-o", os.devnull, po],
               env=dict(os.environ, LC_ALL="C", LANGUAGE=""))
    m = STATS.search(proc.stderr)
    if proc.returncode != 0 or m is None:
        return None, proc.stderr
    return tuple(int(g or 0) for g in m.groups()), proc.stderr


def unfinished(msgattrib, po):
    """msgids that are fuzzy or untranslated, for the log"""
    ids = []
    for flag in ("--only-fuzzy", "--untranslated"):
        proc = run([msgattrib, flag, "--no-wrap", "--no-location", po])
        for m in re.finditer(r'^msgid "(.+)"$', proc.stdout, re.M):
            ids.append(m.group(1))
    return ids


def languages(root):
    with open(os.path.join(root, "po", "LINGUAS"), encoding="utf-8") as f:
        langs = []
        for line in f:
            line = line.split("#", 1)[0]
            langs.extend(line.split())
        return langs


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.getcwd()
    tools = {t: shutil.which(t) for t in ("msgfmt", "msgmerge", "msgattrib", "xgettext")}
    tap = Tap()

    if tools["msgfmt"] is None:
        print("1..0 # SKIP msgfmt (gettext) is not installed")
        return 0

    langs = languages(root)
    tap.check(len(langs) > 0, "po/LINGUAS names at least one language")

    with tempfile.TemporaryDirectory() as tmp:
        pot = os.path.join(tmp, "mailroom.pot")
        fresh = None
        if tools["xgettext"] and tools["msgmerge"]:
            proc = run([tools["xgettext"], "--package-name=mailroom", "-D", root,
                        "-f", os.path.join(root, "po", "POTFILES.in"), "-o", pot]
                       + XGETTEXT_ARGS)
            if tap.check(proc.returncode == 0 and os.path.isfile(pot),
                         "xgettext makes a template from po/POTFILES.in", proc.stderr):
                fresh = pot

        for lang in langs:
            po = os.path.join(root, "po", f"{lang}.po")
            if not tap.check(os.path.isfile(po), f"{lang}: po/{lang}.po exists"):
                continue

            stats, out = statistics(tools["msgfmt"], po)
            tap.check(stats is not None, f"{lang}: msgfmt --check accepts it", out)
            if stats is not None:
                translated, fuzzy, untranslated = stats
                tap.check(fuzzy == 0 and untranslated == 0 and translated > 0,
                          f"{lang}: {translated} translated, {fuzzy} fuzzy, "
                          f"{untranslated} untranslated",
                          "\n".join(unfinished(tools["msgattrib"], po)) if tools["msgattrib"] else out)

            with open(po, encoding="utf-8") as f:
                text = f.read()
            tap.check(re.search(r'"Plural-Forms: nplurals=\d+; plural=', text) is not None,
                      f"{lang}: the header has Plural-Forms")
            tap.check('"Content-Type: text/plain; charset=UTF-8\\n"' in text,
                      f"{lang}: the header says UTF-8")

            if fresh is None:
                tap.skip(f"{lang}: complete for the current sources",
                         "xgettext or msgmerge is not installed")
                continue

            merged = os.path.join(tmp, f"{lang}.po")
            proc = run([tools["msgmerge"], "--quiet", "--no-fuzzy-matching",
                        "-o", merged, po, fresh])
            if not tap.check(proc.returncode == 0, f"{lang}: msgmerge with a fresh template",
                             proc.stderr):
                continue
            stats, out = statistics(tools["msgfmt"], merged)
            missing = unfinished(tools["msgattrib"], merged) if tools["msgattrib"] else []
            tap.check(stats is not None and stats[1] == 0 and stats[2] == 0,
                      f"{lang}: complete for the current sources",
                      "Not translated yet (run `meson compile mailroom-update-po`, then "
                      f"translate in po/{lang}.po):\n" + "\n".join(missing) if missing else out)

    print(f"1..{tap.n}")
    return 1 if tap.failed else 0


if __name__ == "__main__":
    sys.exit(main())
