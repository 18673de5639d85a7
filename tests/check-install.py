#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Installs the build into a temporary DESTDIR and checks what lands there, as TAP.

Usage: check-install.py BUILD_ROOT SOURCE_ROOT APP_ID WITH_GUI(true|false)
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
from tap import Tap  # noqa: E402  (beside this script)

# Written by the post-install step, not by the install rules
GENERATED = (
    re.compile(r"/glib-2\.0/schemas/gschemas\.compiled$"),
    re.compile(r"/icons/hicolor/icon-theme\.cache$"),
    re.compile(r"/applications/mimeinfo\.cache$"),
)


def meson_command():
    meson = shutil.which("meson")
    if meson:
        return [meson]
    return [sys.executable, "-m", "mesonbuild.mesonmain"]


def build_options(builddir):
    out = subprocess.run(meson_command() + ["introspect", "--buildoptions", builddir],
                         stdout=subprocess.PIPE, check=True, text=True).stdout
    return {o["name"]: o["value"] for o in json.loads(out)}


def linguas(srcroot):
    langs = []
    with open(os.path.join(srcroot, "po", "LINGUAS"), encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0]
            langs.extend(line.split())
    return langs


def main():
    builddir, srcroot, app_id, with_gui = sys.argv[1:5]
    tap = Tap()

    opts = build_options(builddir)
    prefix = opts["prefix"]

    def under(option, *parts):
        base = opts[option]
        if not os.path.isabs(base):
            base = os.path.join(prefix, base)
        return os.path.normpath(os.path.join(base, *parts))

    bins = ["mailroom-cli", "mailroom-sim"]
    if with_gui == "true":
        bins.insert(0, "mailroom")
    expected = {under("bindir", b) for b in bins}
    # the application itself, which `mailroom` loads (src/main.c)
    app_library = under("libdir", "mailroom", "libmailroom-app.so")
    if with_gui == "true":
        expected.add(app_library)
    desktop = under("datadir", "applications", f"{app_id}.desktop")
    metainfo = under("datadir", "metainfo", f"{app_id}.metainfo.xml")
    expected |= {
        desktop,
        metainfo,
        under("datadir", "icons", "hicolor", "scalable", "apps", f"{app_id}.svg"),
        under("datadir", "icons", "hicolor", "symbolic", "apps", f"{app_id}-symbolic.svg"),
        under("datadir", "glib-2.0", "schemas", "io.github.mailroom.Mailroom.gschema.xml"),
        under("datadir", "mailroom", "sim-pricing.json"),
    }
    for lang in linguas(srcroot):
        expected.add(under("localedir", lang, "LC_MESSAGES", "mailroom.mo"))

    destdir = tempfile.mkdtemp(prefix="mailroom-destdir-")
    try:
        env = dict(os.environ, DESTDIR=destdir)
        proc = subprocess.run(meson_command() + ["install", "-C", builddir, "--no-rebuild",
                                                 "--destdir", destdir],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              env=env, check=False)
        tap.check(proc.returncode == 0, "meson install --destdir succeeds", proc.stdout[-3000:])

        installed = set()
        for dirpath, _, filenames in os.walk(destdir):
            for name in filenames:
                path = os.path.join(dirpath, name)
                installed.add("/" + os.path.relpath(path, destdir))

        for path in sorted(expected):
            tap.check(path in installed, f"installed {path}")

        for b in bins:
            path = destdir + under("bindir", b)
            tap.check(os.access(path, os.X_OK), f"{b} is executable")

        if with_gui == "true":
            # the installed program finds the installed library (here
            # through LD_LIBRARY_PATH, the destdir not being the prefix)
            # and runs it
            run = subprocess.run([destdir + under("bindir", "mailroom"), "--help"],
                                 stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                 env=dict(os.environ,
                                          LD_LIBRARY_PATH=os.path.dirname(destdir + app_library),
                                          GSETTINGS_SCHEMA_DIR=os.path.join(builddir, "data"),
                                          GSETTINGS_BACKEND="memory"),
                                 check=False)
            tap.check(run.returncode == 0 and "--help-gapplication" in run.stdout,
                      "the installed mailroom loads its library and runs", run.stdout[-2000:])

        extra = sorted(p for p in installed - expected
                       if not any(g.search(p) for g in GENERATED))
        tap.check(not extra, "nothing else is installed", "\n".join(extra))
        tap.check(all(p.startswith(prefix.rstrip("/") + "/") for p in installed),
                  f"everything is under the prefix {prefix}")

        try:
            with open(destdir + desktop, encoding="utf-8") as f:
                text = f.read()
        except OSError:
            text = ""
        tap.check(re.search(r"^Exec=mailroom$", text, re.M), "desktop file runs mailroom")
        tap.check(re.search(rf"^Icon={re.escape(app_id)}$", text, re.M),
                  "desktop file icon is the app ID")
        tap.check("@APP_ID@" not in text, "desktop file has no placeholder left")

        try:
            with open(destdir + metainfo, encoding="utf-8") as f:
                text = f.read()
        except OSError:
            text = ""
        tap.check(f"<id>{app_id}</id>" in text, "metainfo ID is the app ID")
        tap.check(f">{app_id}.desktop</launchable>" in text, "metainfo launches the desktop file")
        tap.check("@APP_ID@" not in text, "metainfo has no placeholder left")
    finally:
        shutil.rmtree(destdir, ignore_errors=True)

    return tap.finish()


if __name__ == "__main__":
    sys.exit(main())
