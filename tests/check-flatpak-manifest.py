#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks the Flatpak manifest, as TAP.

Usage: check-flatpak-manifest.py MANIFEST BASE_APP_ID SOURCE_ROOT
"""
import json
import os
import re
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
from tap import Tap  # noqa: E402  (beside this script)

RUNTIME = "org.gnome.Platform"
SDK = "org.gnome.Sdk"
RUNTIME_VERSION = "50"
FINISH_ARGS = [
    "--share=network",
    "--share=ipc",
    "--socket=fallback-x11",
    "--socket=wayland",
    "--device=dri",
]
# Each of these would widen the sandbox for no need: libsecret talks to the
# secret portal inside Flatpak, files are never opened outside it.
FORBIDDEN = re.compile(
    r"^--(filesystem|talk-name|own-name|system-talk-name|system-own-name|"
    r"socket=(x11|session-bus|system-bus|pulseaudio|ssh-auth|pcsc|cups|gpg-agent)|"
    r"device=(all|kvm|shm|input|usb)|allow=|persist=|env=|add-policy)"
)


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def main():
    manifest_path, base_app_id, srcroot = sys.argv[1:4]
    tap = Tap()

    try:
        manifest = json.loads(read(manifest_path))
        tap.check(isinstance(manifest, dict), "manifest is a JSON object")
    except (OSError, ValueError) as e:
        tap.check(False, "manifest is valid JSON", str(e))
        return tap.finish()

    stem = os.path.basename(manifest_path)
    stem = stem[:-len(".json")] if stem.endswith(".json") else stem
    app_id = manifest.get("id", manifest.get("app-id"))
    tap.check(app_id == stem, "app ID equals the file name", f"{app_id!r} != {stem!r}")
    tap.check(not ("id" in manifest and "app-id" in manifest), "only one of id and app-id")
    tap.check(app_id == base_app_id + ".Devel",
              "app ID is the development profile's", f"{app_id!r} vs {base_app_id!r}")

    desktop_in = read(os.path.join(srcroot, "data", "io.github.mailroom.Mailroom.desktop.in.in"))
    metainfo_in = read(os.path.join(srcroot, "data", "io.github.mailroom.Mailroom.metainfo.xml.in.in"))
    desktop = desktop_in.replace("@APP_ID@", app_id or "")
    metainfo = metainfo_in.replace("@APP_ID@", app_id or "")
    m = re.search(r"<id>([^<]*)</id>", metainfo)
    tap.check(m and m.group(1) == app_id, "metainfo ID equals the app ID", m and m.group(1))
    m = re.search(r'<launchable type="desktop-id">([^<]*)</launchable>', metainfo)
    tap.check(m and m.group(1) == f"{app_id}.desktop", "metainfo launchable is the desktop ID",
              m and m.group(1))
    m = re.search(r"^Icon=(.*)$", desktop, re.M)
    tap.check(m and m.group(1) == app_id, "desktop file icon is the app ID", m and m.group(1))

    for key in ("runtime", "runtime-version", "sdk", "command", "finish-args", "modules"):
        tap.check(key in manifest, f"required key {key}")

    tap.check(manifest.get("runtime") == RUNTIME, f"runtime is {RUNTIME}", manifest.get("runtime"))
    tap.check(manifest.get("sdk") == SDK, f"sdk is {SDK}", manifest.get("sdk"))
    tap.check(manifest.get("runtime-version") == RUNTIME_VERSION,
              f"runtime-version is the string {RUNTIME_VERSION!r}",
              repr(manifest.get("runtime-version")))
    tap.check(manifest.get("command") == "mailroom", "command is mailroom", manifest.get("command"))

    finish_args = manifest.get("finish-args", [])
    tap.check(sorted(finish_args) == sorted(FINISH_ARGS) and len(finish_args) == len(FINISH_ARGS),
              "finish-args are exactly network, ipc, fallback-x11, wayland, dri",
              " ".join(finish_args))
    bad = [a for a in finish_args if FORBIDDEN.match(a)]
    tap.check(not bad, "no forbidden permission", " ".join(bad))
    tap.check(not any("org.freedesktop.secrets" in a for a in finish_args),
              "no direct access to the secret service (the portal is used)")

    modules = manifest.get("modules", [])
    tap.check(isinstance(modules, list) and modules, "modules is a non-empty list")
    if not modules:
        return tap.finish()

    tap.check(all(isinstance(mod, dict) and mod.get("name") for mod in modules),
              "every module is named")
    app = modules[-1] if isinstance(modules[-1], dict) else {}
    tap.check(app.get("name") == "mailroom", "the last module is mailroom", app.get("name"))
    tap.check(app.get("buildsystem") == "meson", "it builds with meson", app.get("buildsystem"))
    tap.check("-Dprofile=development" in app.get("config-opts", []),
              "it builds the development profile", app.get("config-opts"))
    dirs = [s for s in app.get("sources", []) if isinstance(s, dict) and s.get("type") == "dir"]
    tap.check(len(dirs) == 1, "it builds from one local directory source")
    if dirs:
        target = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(manifest_path)),
                                               dirs[0].get("path", "")))
        tap.check(os.path.samefile(target, srcroot) if os.path.exists(target) else False,
                  "the directory source is this source tree", target)

    return tap.finish()


if __name__ == "__main__":
    sys.exit(main())
