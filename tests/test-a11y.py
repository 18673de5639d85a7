#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Mailroom as a screen reader sees it, over AT-SPI.

Runs the real application (demo mode, its own session and accessibility bus),
opens the main window, the confirmation, Orders, Mailboxes, Preferences, the
cancel dialog, the main menu, About and Keyboard Shortcuts, walks every tab
stop and every interactive element, and fails on an element with no name, a
class name as its name, a doubled or mnemonic name ("_Cancel Cancel"), two tab
stops with the same name, or a Tab that lands nowhere. Then it places an order
and cancels a mailbox with the keyboard alone (synthesised X key events) and
checks where focus lands.

Usage: test-a11y.py MAILROOM_BINARY SOURCE_ROOT BUILD_ROOT
Reports TAP; prints the counts it checked.
"""
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

TIME_LIMIT = 420
VERBOSE = os.environ.get("MR_A11Y_VERBOSE") == "1"

# Problems that are known and not fixed yet (issue 12): reported as TAP
# "# TODO" (expected failures, counted apart), each matched against
# "check: problem". Empty once everything is fixed.
KNOWN = []


class Tap:
    def __init__(self):
        self.results = []

    def check(self, ok, what, detail=None):
        todo = None
        if not ok:
            lines = [line for line in str(detail or "").splitlines() if line.strip()] or [""]
            if KNOWN and all(any(re.search(k, f"{what}: {line}") for k in KNOWN) for line in lines):
                todo = "known, issue 12"
        self.results.append((bool(ok), what, detail, todo))
        print(f"# {'ok' if ok else 'todo' if todo else 'FAILED'}: {what}", flush=True)

    def finish(self):
        print(f"1..{len(self.results)}")
        failed = 0
        for i, (ok, what, detail, todo) in enumerate(self.results, 1):
            print(f"{'ok' if ok else 'not ok'} {i} - {what}" + (f" # TODO {todo}" if todo else ""))
            if not ok:
                failed += 0 if todo else 1
                for line in str(detail or "").splitlines():
                    print(f"# {line}")
        return 1 if failed else 0


def reexec_isolated():
    """Own session bus (hence own accessibility bus) and its own X server:
    nothing is shared with the other tests."""
    if os.environ.get("MR_A11Y_ISOLATED") == "1":
        return
    env = dict(os.environ, MR_A11Y_ISOLATED="1")
    cmd = [sys.executable] + sys.argv
    # an X server of its own: no other test's window takes the keyboard
    if shutil.which("xvfb-run") is not None:
        cmd = ["xvfb-run", "-a", "-s", "-screen 0 1400x900x24"] + cmd
    elif not env.get("DISPLAY"):
        print("1..0 # SKIP no display and no xvfb-run")
        sys.exit(0)
    if shutil.which("dbus-run-session") is None:
        print("1..0 # SKIP dbus-run-session not found")
        sys.exit(0)
    os.execvpe("dbus-run-session", ["dbus-run-session", "--"] + cmd, env)


reexec_isolated()

try:
    import gi
    gi.require_version("Atspi", "2.0")
    from gi.repository import Atspi, GLib
except (ImportError, ValueError) as e:
    print(f"1..0 # SKIP AT-SPI bindings missing ({e})")
    sys.exit(0)

if shutil.which("xdotool") is None:
    print("1..0 # SKIP xdotool not found")
    sys.exit(0)

BINARY, SRCDIR, BUILDDIR = sys.argv[1:4]

INTERACTIVE = {
    "push button", "toggle button", "check box", "radio button", "combo box",
    "entry", "text", "password text", "spin button", "slider", "switch",
    "list item", "menu item", "check menu item", "radio menu item", "page tab",
    "link", "tree item", "table cell", "tool bar", "menu button",
}
CLASS_NAME = re.compile(r"^(Gtk|Adw|Mr)[A-Z][A-Za-z]+$")
MNEMONIC = re.compile(r"(^|[\s(“\"'])_[^\W_]")

tap = Tap()
counts = {"elements": 0, "tab_stops": 0, "unnamed": 0, "bad_names": 0}
lines = []


def log(msg):
    lines.append(msg)
    print(f"# {msg}", flush=True)


# The application under test

tmp = tempfile.mkdtemp(prefix="mailroom-a11y-")
env = dict(os.environ)
env.pop("GTK_A11Y", None)
env.pop("NO_AT_BRIDGE", None)
env.update({
    "XDG_DATA_HOME": os.path.join(tmp, "data"),
    "XDG_CONFIG_HOME": os.path.join(tmp, "config"),
    "XDG_CACHE_HOME": os.path.join(tmp, "cache"),
    "XDG_STATE_HOME": os.path.join(tmp, "state"),
    "MR_DRAFT_PATH": os.path.join(tmp, "draft.json"),
    "GSETTINGS_BACKEND": "memory",
    "GSETTINGS_SCHEMA_DIR": os.path.join(BUILDDIR, "data"),
    "MR_SIM_PRICING": os.path.join(SRCDIR, "data", "sim-pricing.json"),
    "ADW_DISABLE_PORTAL": "1",
    "GIO_USE_PROXY_RESOLVER": "dummy",
    "GSK_RENDERER": "cairo",
    "LC_ALL": "C.UTF-8",
    "LANGUAGE": "",
})
for d in ("data", "config", "cache", "state"):
    os.makedirs(os.path.join(tmp, d), exist_ok=True)

focus_events = []


def on_focus(event):
    if event.detail1:
        focus_events.append(event.source)


listener = Atspi.EventListener.new(on_focus)
listener.register("object:state-changed:focused")

app_proc = subprocess.Popen([BINARY], env=env, stdout=subprocess.DEVNULL)


def finish(status=None):
    try:
        app_proc.terminate()
        app_proc.wait(timeout=10)
    except Exception:
        app_proc.kill()
    shutil.rmtree(tmp, ignore_errors=True)
    log(f"elements checked: {counts['elements']}, tab stops walked: {counts['tab_stops']}, "
        f"unnamed: {counts['unnamed']}, badly named: {counts['bad_names']}")
    sys.exit(tap.finish() if status is None else status)


def on_alarm(signum, frame):
    tap.check(False, f"finished within {TIME_LIMIT} s", "the run took too long")
    finish()


signal.signal(signal.SIGALRM, on_alarm)
signal.alarm(TIME_LIMIT)


def pump(seconds):
    ctx = GLib.MainContext.default()
    end = time.monotonic() + seconds
    while True:
        while ctx.iteration(False):
            pass
        if time.monotonic() >= end:
            break
        time.sleep(0.01)


def wait_for(pred, seconds=10.0):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pump(0.05)
        try:
            value = pred()
        except GLib.Error:
            value = None
        if value:
            return value
    return None


def xdotool(*args):
    return subprocess.run(["xdotool"] + list(args), capture_output=True, text=True,
                          check=False).stdout.split()


def focus_newest_window():
    """What a window manager does when a window maps, or when a dialog closes
    and its parent is left: give it the keyboard."""
    ids = xdotool("search", "--onlyvisible", "--pid", str(app_proc.pid))
    if ids:
        xdotool("windowfocus", ids[-1])
        # the first key after a focus change can be lost while the client
        # takes the keymap: a lone Shift is that key
        xdotool("key", "shift")
        pump(0.3)


# Reading the tree

# at-spi2-core 2.56 (trixie) names ATSPI_ROLE_PUSH_BUTTON "button" (2.46 on
# Debian 12 says "push button"): the same role, so one name for both
ROLE_ALIASES = {"button": "push button"}


def role(obj):
    r = obj.get_role_name()
    return ROLE_ALIASES.get(r, r)


def name(obj):
    return obj.get_name() or ""


def states(obj):
    return obj.get_state_set()


def showing(obj):
    """On screen: GTK 4.8 marks only toplevels "showing" and keeps "visible"
    on the children of a stack's hidden pages, so the size decides."""
    if not states(obj).contains(Atspi.StateType.VISIBLE):
        return False
    if "Component" not in obj.get_interfaces():
        return True
    extents = obj.get_extents(Atspi.CoordType.WINDOW)
    return extents.width > 0 and extents.height > 0


def focused(obj):
    return states(obj).contains(Atspi.StateType.FOCUSED)


def children(obj):
    for i in range(obj.get_child_count()):
        child = obj.get_child_at_index(i)
        if child is not None:
            yield child


def find_app():
    desktop = Atspi.get_desktop(0)
    for app in children(desktop):
        try:
            if app.get_process_id() == app_proc.pid:
                return app
        except GLib.Error:
            pass
    return None


def windows():
    app = find_app()
    return [w for w in children(app)] if app else []


def active_window():
    for w in windows():
        try:
            if states(w).contains(Atspi.StateType.ACTIVE):
                return w
        except GLib.Error:
            pass
    return None


def walk(obj, depth=0):
    """Every showing descendant."""
    if depth > 60:
        return
    for child in children(obj):
        try:
            if not showing(child):
                continue
        except GLib.Error:
            continue
        yield child
        yield from walk(child, depth + 1)


def describe(obj):
    try:
        return f"{role(obj)} “{name(obj)}”"
    except GLib.Error:
        return "(gone)"


def bad_name(text):
    """Why this accessible name is no good, or None."""
    stripped = text.strip()
    if not stripped:
        return "no name"
    if CLASS_NAME.match(stripped):
        return "named after its class"
    if MNEMONIC.search(stripped):
        return "mnemonic underscore in the name"
    words = stripped.replace("_", "").split()
    for k in range(1, len(words) // 2 + 1):
        for i in range(0, len(words) - 2 * k + 1):
            a, b = words[i:i + k], words[i + k:i + 2 * k]
            if a == b and (k > 1 or re.search(r"[^\W\d]", a[0])):
                return "doubled name"
    return None


def check_elements(where, root):
    """Names of every showing interactive or focusable element under root."""
    problems = []
    n = 0
    for obj in walk(root):
        try:
            r = role(obj)
            focusable = states(obj).contains(Atspi.StateType.FOCUSABLE)
        except GLib.Error:
            continue
        if r not in INTERACTIVE and not focusable:
            continue
        # containers: when one takes focus itself, the tab walk names it
        if r in ("scroll pane", "panel", "scroll bar") or (r in ("filler", "label") and not focusable):
            continue
        n += 1
        why = bad_name(name(obj))
        if why:
            if why == "no name":
                counts["unnamed"] += 1
            else:
                counts["bad_names"] += 1
            problems.append(f"{describe(obj)}: {why}")
    counts["elements"] += n
    log(f"{where}: {n} interactive elements checked")
    tap.check(not problems and n > 0, f"{where}: every interactive element has a good name "
              f"({n} checked)", "\n".join(problems) or "nothing interactive found")


# Keyboard

def current_focus():
    return focus_events[-1] if focus_events else None


def key(spec, settle=0.35):
    """Presses a key; returns what got focus, or None when the focus did not move."""
    focus_events.clear()
    xdotool("key", "--clearmodifiers", spec)
    wait_for(lambda: focus_events, settle)
    pump(0.1)
    if VERBOSE:
        log(f"  key {spec}: focus on {describe(current_focus()) if current_focus() else 'nothing'}")
    return current_focus()


def type_text(text):
    xdotool("key", "shift")
    pump(0.1)
    xdotool("type", "--delay", "40", text)
    pump(0.3)


def identity(obj):
    """A stable key for an element: its path of child indices."""
    path = []
    try:
        while obj is not None and role(obj) != "application" and len(path) < 80:
            path.append(obj.get_index_in_parent())
            obj = obj.get_parent()
    except GLib.Error:
        return None
    return tuple(path)


def walk_tab_stops(where, max_stops=90, backwards=False):
    """Tabs around the window once; every stop must be a showing, named
    element, and no two stops may share a name."""
    problems = []
    seen = {}
    first = None
    n = 0
    for _ in range(max_stops):
        obj = key("shift+Tab" if backwards else "Tab", settle=0.8)
        if obj is None:
            problems.append(f"Tab after {n} stops: focus landed nowhere (no element took it)")
            break
        try:
            ident = identity(obj)
            if not showing(obj):
                problems.append(f"{describe(obj)}: took focus while hidden")
        except GLib.Error:
            problems.append("focus went to an element that vanished")
            continue
        if first is None:
            first = ident
        elif ident == first or ident in seen.values():
            break
        n += 1
        label = name(obj)
        if VERBOSE:
            parent = obj.get_parent()
            log(f"  stop {n}: {describe(obj)} in {describe(parent) if parent else '-'}")
        why = bad_name(label)
        if why:
            problems.append(f"tab stop {n}, {describe(obj)}: {why}")
            counts["unnamed" if why == "no name" else "bad_names"] += 1
        key_name = (role(obj), label, obj.get_description() or "")
        if label and key_name in seen and seen[key_name] != ident:
            problems.append(f"tab stop {n}, {describe(obj)}: same name as another tab stop")
        seen[key_name] = ident
    else:
        problems.append(f"focus did not come back round after {max_stops} Tabs")
    counts["tab_stops"] += n
    log(f"{where}: {n} tab stops walked")
    tap.check(not problems and n > 0, f"{where}: {n} tab stops, each named, unique and visible",
              "\n".join(problems))
    return n


def tab_to(pred, max_steps=60, backwards=False):
    for _ in range(max_steps):
        obj = key("shift+Tab" if backwards else "Tab", settle=0.6)
        try:
            if obj is not None and pred(obj):
                return obj
        except GLib.Error:
            pass
    return None


def to_domain_row(domain, max_rows=20):
    """The domain list is one tab stop: Tab into it, then the arrows from
    its first row to the row of @domain ("domain, Status")."""
    row_name = named_like(r"^[^ ,]+\.[a-z]+, (Available|Taken|Checking|not checked|Restricted"
                          r"|Invalid|Not checked)", {"list item"})
    obj = tab_to(row_name, 40)
    if obj is None:
        return None
    # Home gives no focus event when the first row has the focus already
    obj = key("Home") or obj
    for _ in range(max_rows):
        try:
            if obj is not None and name(obj).startswith(domain + ","):
                return obj
        except GLib.Error:
            pass
        obj = key("Down")
        if obj is None:
            break
    return None


def named(text, roles=None):
    def pred(obj):
        return name(obj) == text and (roles is None or role(obj) in roles)
    return pred


def named_like(pattern, roles=None):
    regex = re.compile(pattern)

    def pred(obj):
        return regex.search(name(obj)) and (roles is None or role(obj) in roles)
    return pred


def find(root, pred):
    for obj in walk(root):
        try:
            if pred(obj):
                return obj
        except GLib.Error:
            pass
    return None


def back_from_dialog():
    """A dialog closed: the window manager gives its parent the keyboard back
    (the focus the window set meanwhile is reported as it becomes active)."""
    wait_for(lambda: dialog_window({"Mailroom"}) is None, 10)
    focus_newest_window()


def window_titled(text):
    for w in windows():
        try:
            if name(w) == text and showing(w):
                return w
        except GLib.Error:
            pass
    return None


def dialog_window(exclude):
    for w in windows():
        try:
            if name(w) not in exclude and showing(w):
                return w
        except GLib.Error:
            pass
    return None


# The run

if not wait_for(find_app, 30) or not wait_for(lambda: window_titled("Mailroom"), 30):
    tap.check(False, "the application shows its window over AT-SPI", "no window appeared")
    finish()

main = window_titled("Mailroom")
focus_newest_window()
wait_for(lambda: focus_events, 5)
pump(1.0)

# 1. The window opens with the keyboard in the domain entry (the focus set
# before the window was shown sends no event: look for it in the tree)
start = current_focus() or find(main, focused)
tap.check(start is not None and role(start) == "text" and "domain" in name(start).lower(),
          "the window opens with focus in the domain entry",
          f"focus is on {describe(start) if start else 'nothing'}")

check_elements("empty window", main)
walk_tab_stops("empty window")

# 2. Preferences, from Ctrl+,
key("ctrl+comma")
prefs = wait_for(lambda: dialog_window({"Mailroom"}), 10)
tap.check(prefs is not None, "Ctrl+, opens Preferences", "no window")
if prefs is not None:
    focus_newest_window()
    pump(1.0)
    check_elements("Preferences", prefs)
    walk_tab_stops("Preferences")
    key("Escape")
    wait_for(lambda: dialog_window({"Mailroom"}) is None, 5)
    focus_newest_window()
    pump(0.5)

# 3. An order, typed: domains, one of them taken, and mailboxes
entry = key("ctrl+l")
tap.check(entry is not None and role(entry) == "text" and "domain" in name(entry).lower(),
          "Ctrl+L puts the focus in the domain entry",
          f"focus is on {describe(entry) if entry else 'nothing'}")
type_text("acme-outreach.com getacme.org acme.com outreach.net")
key("Return")
wait_for(lambda: find(main, named_like(r"acme\.com.*(Taken|Unavailable)")), 20)
pump(1.0)
check_elements("window with four domains", main)
walk_tab_stops("window with four domains")

# Status and problems are named in the rows
taken = find(main, named_like(r"^acme\.com", {"list item"}))
tap.check(taken is not None and re.search(r"Taken", name(taken) + (taken.get_description() or "")),
          "a domain row names its domain and status",
          f"found {describe(taken) if taken else 'no row named after acme.com'}")
net = find(main, named_like(r"outreach\.net"))
net_text = " ".join(name(o) + " " + (o.get_description() or "")
                    for o in walk(main) if "outreach.net" in name(o) or "only .com" in name(o))
tap.check("only .com and .org" in net_text,
          "outreach.net is told only .com and .org can be ordered", net_text or "no such text")

# The provider drop-down: its items are named
combo = tab_to(named("Email Provider", {"combo box"}), 40)
items = []
if combo is not None:
    key("space", settle=1.0)
    wait_for(lambda: find(main, named("Microsoft", {"list item"})), 5)
    items = sorted({name(o) for o in walk(main) if role(o) == "list item"
                    and name(o) in ("Google", "Microsoft")})
    key("Escape")
tap.check(items == ["Google", "Microsoft"], "the provider drop-down's items are named",
          f"combo reached: {combo is not None}, named items: {items}")

# Remove the ones that cannot be ordered, from the keyboard: the arrows to
# the row, Tab to its Remove (the first of its own buttons)
for domain in ("outreach.net", "acme.com"):
    button = None
    if to_domain_row(domain) is not None:
        button = key("Tab")
        if button is not None and not named("Remove " + domain, {"push button"})(button):
            button = None
    tap.check(button is not None, f"“Remove {domain}” is the first tab stop in its row",
              "not reached")
    if button is not None:
        key("space")
        wait_for(lambda: find(main, named("Remove " + domain)) is None, 5)

# A removal shows a toast (Undo, and a close button libadwaita 1.2 leaves
# unnamed): wait until it is shown, then check it, so whether a toast is still
# up at a later check no longer decides that check
toast_close = wait_for(lambda: find(main, lambda o: role(o) == "push button" and showing(o) and
                                    name(o) in ("Dismiss", "GtkImage", "")
                                    and find(o.get_parent(), named_like(r"^Undo$"))), 10)
tap.check(toast_close is not None, "removing a domain shows a toast with Undo and a close button",
          "no toast seen")
if toast_close is not None:
    check_elements("toast", toast_close.get_parent())

# Ctrl+Z brings the last removed domain back, Ctrl+Shift+Z takes it away again
key("ctrl+z")
back_again = wait_for(lambda: find(main, named("Remove acme.com", {"push button"})), 5)
key("ctrl+shift+z")
gone_again = wait_for(lambda: find(main, named("Remove acme.com", {"push button"})) is None, 5)
tap.check(back_again is not None and gone_again, "Ctrl+Z and Ctrl+Shift+Z undo and redo a removal",
          f"undone: {back_again is not None}, redone: {bool(gone_again)}")

# The main menu (F10): each item says what it does
obj = key("F10", settle=1.0)
menu_items = []
for _ in range(16):
    if obj is None or role(obj) not in ("menu item", "check menu item", "radio menu item"):
        break
    if identity(obj) in [i for i, _ in menu_items]:
        break
    menu_items.append((identity(obj), name(obj)))
    obj = key("Down")
key("Escape")
unnamed_items = [i for i, (_, n) in enumerate(menu_items, 1) if bad_name(n)]
counts["unnamed"] += len(unnamed_items)
tap.check(len(menu_items) > 3 and not unnamed_items,
          f"main menu: every item has a good name ({len(menu_items)} walked)",
          "\n".join(f"item {i}: no name" for i in unnamed_items) or "no menu items reached")



# The windows libadwaita and GTK build for us: About (from the main menu) and
# Keyboard Shortcuts (Ctrl+?). Each is named, and so is every element in it.
def showing_windows():
    found = []
    for w in windows():
        try:
            if showing(w):
                found.append(w)
        except GLib.Error:
            pass
    return found


def check_built_window(where, open_it):
    before = {identity(w) for w in showing_windows()}
    open_it()
    window = wait_for(lambda: next((w for w in showing_windows()
                                    if identity(w) not in before), None), 10)
    tap.check(window is not None, f"{where} opens from the keyboard", "no new window")
    if window is None:
        return
    focus_newest_window()
    pump(1.0)
    why = bad_name(name(window))
    tap.check(why is None, f"{where}: the window has a good name", f"{describe(window)}: {why}")
    check_elements(where, window)
    key("Escape")
    gone = wait_for(lambda: all(identity(w) in before for w in showing_windows()), 10)
    tap.check(gone, f"Escape closes {where}", "still open")
    focus_newest_window()
    pump(0.5)


def open_about():
    obj = key("F10", settle=1.0)
    for _ in range(16):
        if obj is None or "About" in name(obj):
            break
        obj = key("Down")
    if obj is not None and "About" in name(obj):
        key("Return", settle=1.0)
    else:
        key("Escape")


check_built_window("About", open_about)
check_built_window("Keyboard Shortcuts", lambda: key("ctrl+question", settle=1.0))

# The bulk dialog, from selection mode's "Set Up…" (the whole order when
# nothing is selected): every Tab lands on a named element, and its two text
# fields say so when they take the focus
def open_bulk_dialog():
    toggle = tab_to(named("Select Domains", {"toggle button", "push button"}), 40)
    if toggle is None:
        return None
    key("space")
    button = tab_to(named_like(r"^Set Up", {"push button"}), 40)
    if button is None:
        return None
    key("Return")
    return wait_for(lambda: dialog_window({"Mailroom"}), 10)


def leave_selection_mode():
    toggle = tab_to(named("Select Domains", {"toggle button", "push button"}), 40)
    if toggle is not None and (states(toggle).contains(Atspi.StateType.CHECKED) or
                               states(toggle).contains(Atspi.StateType.PRESSED)):
        key("space")


bulk = open_bulk_dialog()
tap.check(bulk is not None, "“Set Up…” opens the bulk dialog from the keyboard", "no dialog")
if bulk is not None:
    focus_newest_window()
    pump(0.5)
    check_elements("bulk dialog", bulk)
    walk_tab_stops("bulk dialog")
    for field in ("People", "Forwarding Domain"):
        got = tab_to(named(field, {"text", "entry"}), 20)
        tap.check(got is not None and focused(got),
                  f"bulk dialog: the “{field}” field reports its focus over AT-SPI",
                  f"no focus event from an element named “{field}”; last focus on "
                  f"{describe(current_focus()) if current_focus() else 'nothing'}")
    key("Escape")
    back_from_dialog()
    tap.check(dialog_window({"Mailroom"}) is None, "Escape closes the bulk dialog",
              "still open")
leave_selection_mode()

# Mailboxes for the remaining domains, through the editor's fill field
for domain, names in (("acme-outreach.com", "Ada Lovelace, Alan Turing"),
                      ("getacme.org", "Grace Hopper")):
    # the domain's own row ("domain, Status"), or its line in Problems
    # ("domain — what is wrong", or the sentence itself when it starts with
    # the domain): Return on either opens it in the editor.
    # The list is one tab stop; the arrows go to the row itself.
    row = to_domain_row(domain)
    if row is None:
        tap.check(False, f"the row of {domain} is reached with Tab and the arrows", "not reached")
        continue
    key("Return")
    fill = tab_to(named_like(r"^Fill from names", {"text"}), 40)
    tap.check(fill is not None, f"the “Fill from names” field of {domain} is reached with Tab",
              "never focused")
    if fill is not None:
        type_text(names)
        key("Return")
pump(2.0)

# The mailbox rows of the domain in the editor: each row takes the focus
# (Delete removes it), so each is named by its address
wait_for(lambda: find(main, named_like(r"^Mailbox grace\.hopper@getacme\.org$", {"list item"})), 10)
check_elements("editor with mailboxes", main)
row = find(main, named_like(r"^Mailbox grace\.hopper@getacme\.org$", {"list item"}))
tap.check(row is not None and row.get_description() == "Grace Hopper",
          "a mailbox row is named by its address and described by its person",
          f"found {describe(row) if row else 'no row named “Mailbox grace.hopper@getacme.org”'}"
          f"{' [' + (row.get_description() or '') + ']' if row else ''}")

# 4. The confirmation, from Ctrl+Enter
wait_for(lambda: find(main, named_like(r"^Place Order", {"push button"})) and
         states(find(main, named_like(r"^Place Order", {"push button"}))).contains(
             Atspi.StateType.SENSITIVE), 20)
key("ctrl+Return")
confirm = wait_for(lambda: dialog_window({"Mailroom"}), 10)
def order_state():
    rows = [f"{name(o)} ({o.get_description()})" for o in walk(main)
            if role(o) == "list item" and o.get_parent() is not None
            and name(o.get_parent()) == "Domains of the order"]
    button = find(main, named_like(r"^Place Order", {"push button"}))
    sensitive = button is not None and states(button).contains(Atspi.StateType.SENSITIVE)
    return f"rows: {rows}; Place Order sensitive: {sensitive}"


tap.check(confirm is not None, "Ctrl+Enter opens the confirmation",
          f"no dialog; focus on {describe(current_focus()) if current_focus() else 'nothing'}; "
          f"{order_state()}")
if confirm is None:
    finish()
focus_newest_window()
check_elements("confirmation", confirm)
walk_tab_stops("confirmation")
place = tab_to(named_like(r"^Place Order$", {"push button"}), 10)
tap.check(place is not None, "the confirmation's Place Order is a tab stop", "not reached")
if place is None:
    finish()
# what a screen reader says with the button: what is charged, to which card
said = place.get_description() or ""
tap.check(re.search(r"^2 domains, 3 mailboxes\. Due now: .+\. Then per month: .+\. "
                    r"Then per year: .+\. Charged to: .+\. Demo mode: nothing will be charged\.$",
                    said) is not None and (confirm.get_description() or "") == said,
          "the confirmation and its Place Order say what is charged and to which card",
          f"button: “{said}”; dialog: “{confirm.get_description() or ''}”")
key("Return", settle=0.5)
back_from_dialog()
landed = wait_for(lambda: current_focus() if current_focus() and
                  re.search(r"View in Orders|New Order|Back to Order", name(current_focus()))
                  else None, 20)
tap.check(landed is not None and showing(landed),
          "after placing, focus is on the result page's first action",
          f"focus is on {describe(current_focus()) if current_focus() else 'nothing'}")
focus_newest_window()
check_elements("result page", main)

# 5. Orders and Mailboxes
focus_events.clear()
key("ctrl+shift+o")
orders = wait_for(lambda: find(main, named_like(r"^Orders$", {"list", "page tab"})), 10)
if orders is None:
    # the menu, by keyboard
    key("F10")
    item = wait_for(lambda: find(main, named_like(r"Orders", {"menu item", "push button"})), 5)
    if item is not None:
        for _ in range(6):
            obj = key("Down")
            if obj is not None and "Orders" in name(obj):
                key("Return")
                break
tap.check(wait_for(lambda: find(main, named_like(r"^Orders$", {"page tab"})), 10) is not None,
          "a shortcut opens Orders", "Orders did not open")
wait_for(lambda: find(main, named_like(r"acme-outreach\.com", {"list item"})), 15)
pump(1.0)
check_elements("Orders", main)
walk_tab_stops("Orders")

# the view switcher: each tab a Tab stop (libadwaita 1.2), or one Tab stop
# for the list with the arrows between its tabs (later libadwaita)
tab = tab_to(lambda o: role(o) == "page tab", 30)
for _ in range(3):
    if tab is None or name(tab) == "Mailboxes":
        break
    tab = key("Right")
tap.check(tab is not None and name(tab) == "Mailboxes", "the Mailboxes tab is reached from the keyboard",
          f"focus on {describe(tab) if tab else 'nothing'}")
if tab is not None:
    key("space")
wait_for(lambda: find(main, named_like(r"@acme-outreach\.com", {"check box"})), 15)
pump(1.0)
check_elements("Mailboxes", main)
walk_tab_stops("Mailboxes")

box = tab_to(named_like(r"^alan[^@]*@acme-outreach\.com", {"check box"}), 40)
tap.check(box is not None, "a mailbox's check box is reached with Tab", "not reached")
if box is not None:
    key("space")
    button = tab_to(named_like(r"^Cancel Mailbox", {"push button"}), 40)
    tap.check(button is not None, "“Cancel Mailboxes…” is reached with Tab", "not reached")
    if button is not None:
        key("Return")
        dialog = wait_for(lambda: dialog_window({"Mailroom"}), 10)
        if dialog is not None:
            focus_newest_window()
            check_elements("cancel dialog", dialog)
            walk_tab_stops("cancel dialog")
            text = " ".join(name(o) for o in walk(dialog))
            tap.check("Unibox" not in text and "these accounts" not in text,
                      "the cancel dialog speaks of one mailbox in plain words", text)
            confirm_cancel = tab_to(named("Cancel Mailbox", {"push button"}), 10)
            if confirm_cancel is not None:
                key("Return", settle=0.5)
                back_from_dialog()
                after = wait_for(lambda: current_focus() if current_focus() and showing(current_focus())
                                 and role(current_focus()) in ("check box", "list", "list item")
                                 else None, 20)
                tap.check(after is not None,
                          "after cancelling, focus is on the next mailbox or the list",
                          f"focus is on {describe(current_focus()) if current_focus() else 'nothing'}")
            else:
                tap.check(False, "the cancel dialog's Cancel Mailbox button is reached", "")

# 6. Back from Orders with Alt+Left
# (a stack keeps the old size of a page it hid: where the focus lands tells)
landed = key("alt+Left", settle=2.0)
back = landed is not None and re.search(r"View in Orders|New Order|Back to Order|Add domains",
                                        name(landed))
tap.check(back, "Alt+Left goes back from Orders, and the focus with it",
          f"focus on {describe(landed) if landed else 'nothing'}")

finish()
