#!/usr/bin/env bash
# The Flatpak lane: builds flatpak/io.github.mailroom.Mailroom.Devel.json as it
# is (only its source path pointed at this checkout) against a stand-in GNOME
# 50 runtime and SDK assembled from the current-stack chroot (see
# tools/stack-chroot.sh) and installed from a local repository, then runs the
# app in the sandbox under Xvfb with xdg-desktop-portal and gnome-keyring
# (from the chroot) on the session bus, and checks it. Each check is a TAP
# test case; the end prints "N passed, N failed" and writes it to
# _build/flatpak/test-count.txt. Needs root (the chroot, flatpak-builder).
#
#   sudo tools/flatpak-smoke.sh
#
# Everything Flatpak keeps goes to _build/flatpak (FLATPAK_USER_DIR there, so
# the machine's own Flatpak installations are not touched).
set -eu
cd "$(dirname "$0")/.."
. tools/stack-chroot.sh

[ "$(id -u)" -eq 0 ] || stack_die "needs root (debootstrap, chroot, mounts, flatpak-builder)"

APP_ID=io.github.mailroom.Mailroom.Devel
MANIFEST=flatpak/$APP_ID.json
FP=$STACK_SRC/_build/flatpak
export FLATPAK_USER_DIR=$FP/user
REPO=$FP/repo
SMOKE_IN=/run/mailroom-smoke          # inside the chroot
SMOKE=$STACK_ROOT$SMOKE_IN            # the same, seen from the host
SCREENSHOT=$FP/sandbox-window.png
API_KEY=mr-smoke-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')

PIDS=()
smoke_cleanup() {
  local i
  set +e
  for (( i=${#PIDS[@]}-1; i>=0; i-- )); do
    kill "${PIDS[$i]}" 2>/dev/null || true
  done
  for i in "${PIDS[@]}"; do
    wait "$i" 2>/dev/null || true
  done
  # The sandboxes this script started, then whatever still runs in the chroot
  # (only processes whose root is this chroot: the ones started here).
  if [ -n "${FLATPAK_USER_DIR:-}" ] && command -v flatpak >/dev/null; then
    XDG_RUNTIME_DIR="$SMOKE/run" flatpak kill "$APP_ID" >/dev/null 2>&1 || true
  fi
  # Sandboxes outlive "flatpak run": end the ones that carry this run's key.
  for i in $(ls /proc | grep -E '^[0-9]+$'); do
    if tr '\0' ' ' 2>/dev/null <"/proc/$i/cmdline" | grep -qF -- "$API_KEY"; then
      kill "$i" 2>/dev/null
    fi
  done
  stack_kill_chroot_processes
  stack_cleanup
}
trap smoke_cleanup EXIT
trap 'exit 130' INT TERM

count_file=$FP/test-count.txt
mkdir -p "$FP"
rm -f "$count_file"
started=$(date +%s)

# TAP
n_tests=0; n_failed=0
tap() {  # tap STATUS DESCRIPTION [DIAGNOSTIC...]
  local status=$1 desc=$2; shift 2
  n_tests=$((n_tests + 1))
  if [ "$status" -eq 0 ]; then
    echo "ok $n_tests - $desc"
  else
    n_failed=$((n_failed + 1))
    echo "not ok $n_tests - $desc"
    local line
    for line in "$@"; do printf '# %s\n' "$line"; done
  fi
}
check() {  # check DESCRIPTION COMMAND...
  local desc=$1 out; shift
  if out=$("$@" 2>&1); then
    tap 0 "$desc"
  else
    tap 1 "$desc" "command: $*" "$(printf '%s' "$out" | tail -15)"
  fi
}
smoke_die() {  # a step the remaining checks need failed: it is a failed case
  tap 1 "setting up the sandbox session" "$@"
  finish || true
  exit 1
}
finish() {
  local passed=$((n_tests - n_failed))
  echo "1..$n_tests"
  echo "$passed passed, $n_failed failed" | tee "$count_file"
  stack_log "lane took $(( $(date +%s) - started )) s"
  [ "$n_failed" -eq 0 ] && [ "$n_tests" -gt 0 ]
}

# --- the host's tools and the chroot ---------------------------------------

stack_require_host_tools flatpak flatpak-builder elfutils bubblewrap \
  xdg-dbus-proxy xvfb dbus psmisc python3 \
  at-spi2-core gir1.2-atspi-2.0 python3-gi xdotool
stack_ensure_root
stack_mount_all

# --- the stand-in runtime and SDK ------------------------------------------

key=$(stack_key)
runtime_ready() {
  [ "$(cat "$FP/runtime.key" 2>/dev/null)" = "$key" ] \
    && flatpak --user info org.gnome.Platform//50 >/dev/null 2>&1 \
    && flatpak --user info org.gnome.Sdk//50 >/dev/null 2>&1
}
runtime_cache=""
[ "$STACK_CACHE" = none ] || runtime_cache=$STACK_CACHE/flatpak-runtime-$key.tar.zst
if ! runtime_ready && [ -n "$runtime_cache" ] && [ -f "$runtime_cache" ]; then
  stack_log "unpacking the cached stand-in runtime $runtime_cache"
  rm -rf "$FLATPAK_USER_DIR" "$FP/runtime.key"
  mkdir -p "$FLATPAK_USER_DIR"
  if tar -I zstd -xpf "$runtime_cache" -C "$FLATPAK_USER_DIR" --numeric-owner; then
    echo "$key" >"$FP/runtime.key"
  fi
  runtime_ready || { stack_log "the cached runtime is unusable"; rm -f "$runtime_cache"; }
fi
if runtime_ready; then
  stack_log "reusing the installed stand-in runtime ($key)"
else
  stack_log "assembling org.gnome.Platform and org.gnome.Sdk 50 from the chroot"
  rm -rf "$FP/runtime" "$REPO" "$FLATPAK_USER_DIR" "$FP/runtime.key"
  mkdir -p "$FP/runtime/files"
  # /usr as it is (hard links: nothing writes to it), /etc as a copy.
  cp -al "$STACK_ROOT/usr/." "$FP/runtime/files/"
  cp -a "$STACK_ROOT/etc" "$FP/runtime/files/etc"
  rm -f "$FP/runtime/files/etc/resolv.conf"
  # Libraries the app brings are found in /app/lib, as in the real runtime.
  printf '/app/lib\n' >"$FP/runtime/files/etc/ld.so.conf.d/00-flatpak-app.conf"
  grep -q '^/app/lib$' "$FP/runtime/files/etc/ld.so.conf" \
    || sed -i '1i /app/lib' "$FP/runtime/files/etc/ld.so.conf"
  for ref in Platform Sdk; do
    cat >"$FP/runtime/metadata" <<EOF
[Runtime]
name=org.gnome.$ref
runtime=org.gnome.Platform/x86_64/50
sdk=org.gnome.Sdk/x86_64/50
EOF
    flatpak build-export --runtime --files=files --subject="Mailroom stand-in org.gnome.$ref ($STACK_SUITE)" \
      "$REPO" "$FP/runtime" 50 >/dev/null
  done
  rm -rf "$FP/runtime"
  flatpak --user remote-add --no-gpg-verify mailroom-stand-in "file://$REPO"
  flatpak --user install -y --noninteractive mailroom-stand-in \
    org.gnome.Platform//50 org.gnome.Sdk//50 >/dev/null
  echo "$key" >"$FP/runtime.key"
  if [ -n "$runtime_cache" ] && mkdir -p "$STACK_CACHE" 2>/dev/null && [ -w "$STACK_CACHE" ]; then
    stack_log "saving the installed runtime to $runtime_cache"
    find "$STACK_CACHE" -maxdepth 1 -name 'flatpak-runtime-*.tar.zst*' -delete
    tar -I 'zstd -T0 -3' -cpf "$runtime_cache.tmp" -C "$FLATPAK_USER_DIR" --numeric-owner . \
      && mv "$runtime_cache.tmp" "$runtime_cache" \
      || { rm -f "$runtime_cache.tmp"; stack_log "could not save the runtime cache (continuing)"; }
  fi
fi
stack_log "runtime ready after $(( $(date +%s) - started )) s"

# --- the app, from the real manifest ----------------------------------------

python3 - "$MANIFEST" "$STACK_SRC" "$FP/$APP_ID.json" <<'PY'
import copy, json, sys
src, checkout, out = sys.argv[1:4]
manifest = json.load(open(src, encoding="utf-8"))
generated = copy.deepcopy(manifest)
sources = [s for m in generated["modules"] for s in m.get("sources", []) if s.get("type") == "dir"]
if len(sources) != 1:
    sys.exit(f"expected one dir source in {src}, found {len(sources)}")
sources[0]["path"] = checkout
json.dump(generated, open(out, "w", encoding="utf-8"), indent=2)
# Nothing but that path differs from the manifest in the checkout.
for s in sources:
    s["path"] = None
for m in manifest["modules"]:
    for s in m.get("sources", []):
        if s.get("type") == "dir":
            s["path"] = None
assert generated == manifest, "the generated manifest differs in more than the source path"
PY

stack_log "building $MANIFEST with flatpak-builder"
build_status=0
flatpak-builder --user --install --force-clean --disable-rofiles-fuse \
  --state-dir="$FP/state" "$FP/app" "$FP/$APP_ID.json" >"$FP/flatpak-builder.log" 2>&1 || build_status=$?
if [ "$build_status" -eq 0 ]; then
  tap 0 "flatpak-builder builds and installs $APP_ID from the manifest"
else
  tap 1 "flatpak-builder builds and installs $APP_ID from the manifest" \
    "exit status $build_status; log: $FP/flatpak-builder.log" "$(tail -30 "$FP/flatpak-builder.log")"
  finish
  exit 1
fi
stack_log "app built after $(( $(date +%s) - started )) s"

# --- installed files ----------------------------------------------------------

app_files=$(flatpak --user info --show-location "$APP_ID")/files
export_dir=$(flatpak --user info --show-location "$APP_ID")/export/share

check "the desktop file is installed and exported under the app ID" \
  test -f "$app_files/share/applications/$APP_ID.desktop" -a -f "$export_dir/applications/$APP_ID.desktop"
check "the desktop file is valid, names the app ID's icon and runs mailroom" \
  sh -c "desktop-file-validate '$app_files/share/applications/$APP_ID.desktop' &&
         grep -qx 'Icon=$APP_ID' '$app_files/share/applications/$APP_ID.desktop' &&
         grep -q '^Exec=.*mailroom' '$export_dir/applications/$APP_ID.desktop' &&
         grep -qx 'Name=Mailroom (Development)' '$app_files/share/applications/$APP_ID.desktop'"
# flatpak-builder 1.2 moves share/metainfo/ID.metainfo.xml to
# share/appdata/ID.appdata.xml when it composes the AppStream catalogue;
# newer ones keep it. Either way it is there under the app ID, and composed.
metainfo=$app_files/share/metainfo/$APP_ID.metainfo.xml
[ -f "$metainfo" ] || metainfo=$app_files/share/appdata/$APP_ID.appdata.xml
metainfo_ok() {
  [ -f "$metainfo" ] || { echo "no metainfo under $app_files/share"; return 1; }
  grep -q "<id>$APP_ID</id>" "$metainfo" || { echo "the metainfo does not name $APP_ID"; return 1; }
  grep -q "<launchable type=\"desktop-id\">$APP_ID.desktop</launchable>" "$metainfo" \
    || { echo "the metainfo does not launch $APP_ID.desktop"; return 1; }
  [ -f "$app_files/share/app-info/xmls/$APP_ID.xml.gz" ] \
    || { echo "no composed AppStream catalogue for $APP_ID"; return 1; }
}
check "the metainfo is installed under the app ID, names it and is composed" metainfo_ok
check "the installed metainfo passes appstreamcli validate" \
  stack_run appstreamcli validate --no-net "$STACK_SRC_IN${metainfo#"$STACK_SRC"}"
check "the scalable and symbolic icons are installed and exported under the app ID" \
  test -f "$app_files/share/icons/hicolor/scalable/apps/$APP_ID.svg" \
    -a -f "$app_files/share/icons/hicolor/symbolic/apps/$APP_ID-symbolic.svg" \
    -a -f "$export_dir/icons/hicolor/scalable/apps/$APP_ID.svg"
# Both profiles read the schema io.github.mailroom.Mailroom (see
# src/gui/mr-application.c); the sandbox keeps each app ID's settings apart.
schema_ok() {
  [ -f "$app_files/share/glib-2.0/schemas/io.github.mailroom.Mailroom.gschema.xml" ] \
    || { echo "no schema file in the app"; return 1; }
  [ -f "$app_files/share/glib-2.0/schemas/gschemas.compiled" ] || { echo "schemas not compiled"; return 1; }
  mkdir -p -m 700 "$FP/xdg-run"
  env HOME="$FP/home" XDG_RUNTIME_DIR="$FP/xdg-run" flatpak run --command=gsettings "$APP_ID" \
    list-keys io.github.mailroom.Mailroom | grep -qx server-url
}
check "the GSettings schema is installed in the app, compiled, and found in the sandbox" schema_ok

# finish-args: the installed permissions are exactly the manifest's, and the
# checks below pass with only those (the keyring and the browser are reached
# through portals, not through --talk-name or --filesystem).
permissions_exact() {
  local scratch=$FP/finish-args-scratch
  rm -rf "$scratch"
  mkdir -p "$scratch/files"
  printf '[Application]\nname=%s\nruntime=org.gnome.Platform/x86_64/50\nsdk=org.gnome.Sdk/x86_64/50\n' \
    "$APP_ID" >"$scratch/metadata"
  mapfile -t args < <(python3 -c 'import json,sys; print("\n".join(json.load(open(sys.argv[1]))["finish-args"]))' "$MANIFEST")
  flatpak build-finish "$scratch" "${args[@]}" >/dev/null || return 1
  python3 - "$scratch/metadata" "$(flatpak --user info --show-location "$APP_ID")/metadata" <<'PY'
import configparser, sys
def sections(path):
    meta = configparser.ConfigParser(interpolation=None)
    meta.optionxform = str
    meta.read(path)
    keep = ("Context", "Session Bus Policy", "System Bus Policy", "Environment")
    return {s: {k: set(filter(None, v.split(";"))) for k, v in meta[s].items()}
            for s in meta.sections() if s in keep}
want, have = sections(sys.argv[1]), sections(sys.argv[2])
print("manifest:", want)
print("installed:", have)
if want != have:
    sys.exit("the installed permissions differ from the manifest's finish-args")
if set(want) != {"Context"} or set(want["Context"]) - {"shared", "sockets", "devices"}:
    sys.exit("finish-args ask for more than network, IPC, a display and the GPU")
PY
}
check "the installed permissions are exactly the manifest's finish-args (network, IPC, display, GPU)" \
  permissions_exact

# --- a session: Xvfb, a session bus, the keyring and the portals ------------

rm -rf "$SMOKE" "$FP/home"
mkdir -p "$SMOKE"/{home,run,config,data/applications,portals} "$FP/home"
chmod 700 "$SMOKE/run"

# The sandbox reaches the display and the bus from the host; the chroot's
# programs reach the same ones (the X server's abstract socket, the bus
# socket inside the chroot's tree).
exec 5>"$FP/display"
Xvfb -displayfd 5 -screen 0 1400x900x24 -nolisten tcp >"$FP/xvfb.log" 2>&1 &
PIDS+=($!)
exec 5>&-
for _ in $(seq 50); do [ -s "$FP/display" ] && break; sleep 0.2; done
[ -s "$FP/display" ] || smoke_die "Xvfb did not start: $(cat "$FP/xvfb.log")"
DISPLAY_NUM=:$(head -1 "$FP/display")

dbus-daemon --session --nofork --nopidfile --address="unix:path=$SMOKE/bus" \
  >"$FP/dbus.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 50); do [ -S "$SMOKE/bus" ] && break; sleep 0.1; done
[ -S "$SMOKE/bus" ] || smoke_die "the session bus did not start: $(cat "$FP/dbus.log")"

in_session() {  # runs a command in the chroot, in the session
  stack_run env HOME=$SMOKE_IN/home XDG_RUNTIME_DIR=$SMOKE_IN/run \
    XDG_CONFIG_HOME=$SMOKE_IN/config XDG_DATA_HOME=$SMOKE_IN/data \
    XDG_DATA_DIRS=$SMOKE_IN/data:/usr/share XDG_CURRENT_DESKTOP=mailroom \
    XDG_DESKTOP_PORTAL_DIR=$SMOKE_IN/portals \
    DISPLAY=$DISPLAY_NUM DBUS_SESSION_BUS_ADDRESS=unix:path=$SMOKE_IN/bus "$@"
}
in_sandbox() {  # flatpak run on the host, in the session
  env -u WAYLAND_DISPLAY -u XDG_SESSION_TYPE \
    HOME="$FP/home" XDG_RUNTIME_DIR="$SMOKE/run" DISPLAY="$DISPLAY_NUM" \
    DBUS_SESSION_BUS_ADDRESS="unix:path=$SMOKE/bus" LANG=C.UTF-8 \
    flatpak run "$@"
}
bus_has_name() {
  in_session gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
    --method org.freedesktop.DBus.NameHasOwner "$1" 2>/dev/null | grep -q true
}
wait_for_name() {
  for _ in $(seq 100); do bus_has_name "$1" && return 0; sleep 0.2; done
  return 1
}

# Every portal call the sandbox makes, for the checks below.
env DBUS_SESSION_BUS_ADDRESS="unix:path=$SMOKE/bus" dbus-monitor --session \
  "type='method_call',interface='org.freedesktop.portal.Secret'" \
  "type='method_call',interface='org.freedesktop.portal.OpenURI'" \
  >"$FP/portal-calls.log" 2>&1 &
PIDS+=($!)

# gnome-keyring: a fresh login keyring, unlocked. It also implements the
# Secret portal's back end.
printf 'mailroom-smoke\n' | in_session gnome-keyring-daemon --foreground --unlock \
  --components=secrets >"$FP/gnome-keyring.log" 2>&1 &
PIDS+=($!)

# The portals: the keyring for secrets; for OpenURI, x-d-p wants an
# AppChooser back end, which it only asks when there is a choice to make. The
# one https handler is a stub browser that notes the address it was given.
cp "$STACK_ROOT/usr/share/xdg-desktop-portal/portals/gnome-keyring.portal" "$SMOKE/portals/"
cat >"$SMOKE/portals/mailroom-stub.portal" <<EOF
[portal]
DBusName=org.freedesktop.impl.portal.desktop.mailroomstub
Interfaces=org.freedesktop.impl.portal.AppChooser;
EOF
cat >"$SMOKE/portals/portals.conf" <<EOF
[preferred]
default=none
org.freedesktop.impl.portal.Secret=gnome-keyring
org.freedesktop.impl.portal.AppChooser=mailroom-stub
EOF
cat >"$SMOKE/stub-browser" <<EOF
#!/bin/sh
printf '%s\n' "\$1" >>$SMOKE_IN/opened-uris
EOF
chmod 755 "$SMOKE/stub-browser"
cat >"$SMOKE/data/applications/mailroom-stub-browser.desktop" <<EOF
[Desktop Entry]
Type=Application
Name=Stub Browser
Exec=$SMOKE_IN/stub-browser %u
MimeType=x-scheme-handler/http;x-scheme-handler/https;
NoDisplay=true
EOF
printf '[Default Applications]\nx-scheme-handler/https=%s\nx-scheme-handler/http=%s\n' \
  mailroom-stub-browser.desktop mailroom-stub-browser.desktop >"$SMOKE/config/mimeapps.list"

in_session /usr/libexec/xdg-permission-store >"$FP/permission-store.log" 2>&1 &
PIDS+=($!)
wait_for_name org.freedesktop.secrets || smoke_die "gnome-keyring did not start: $(cat "$FP/gnome-keyring.log")"
in_session /usr/libexec/xdg-desktop-portal --verbose >"$FP/xdg-desktop-portal.log" 2>&1 &
PIDS+=($!)
wait_for_name org.freedesktop.portal.Desktop \
  || smoke_die "xdg-desktop-portal did not start: $(tail -20 "$FP/xdg-desktop-portal.log")"
# The accessibility bus, on the host: "flatpak run" hands it to the sandbox
# through its proxy, as for a screen reader, and the walk below reads the
# app's AT-SPI tree over it.
env DBUS_SESSION_BUS_ADDRESS="unix:path=$SMOKE/bus" XDG_RUNTIME_DIR="$SMOKE/run" \
  DISPLAY="$DISPLAY_NUM" /usr/libexec/at-spi-bus-launcher --launch-immediately \
  >"$FP/at-spi-bus.log" 2>&1 &
PIDS+=($!)
wait_for_name org.a11y.Bus || smoke_die "the accessibility bus did not start: $(cat "$FP/at-spi-bus.log")"
stack_log "session ready after $(( $(date +%s) - started )) s ($DISPLAY_NUM)"

# --- the app in the sandbox ---------------------------------------------------

APP_DATA=$FP/home/.var/app/$APP_ID/data      # the same path inside the sandbox
mkdir -p "$APP_DATA"
cp examples/three-domains.json "$APP_DATA/three-domains.json"
ORDER=$APP_DATA/three-domains.json

cli_demo_quote() {
  local out
  out=$(in_sandbox --command=mailroom-cli "$APP_ID" --demo quote "$ORDER") || return 1
  echo "$out"
  grep -q tryacme.com <<<"$out"
}
check "mailroom-cli --demo quote examples/three-domains.json succeeds in the sandbox" cli_demo_quote

# The simulator from the sandbox, accepting one key that only the keyring
# will know; orders need a hosted checkout, so placing one opens a link.
in_sandbox --command=mailroom-sim "$APP_ID" --key "$API_KEY" --checkout-required \
  >"$FP/sim.log" 2>&1 &
PIDS+=($!)
SIM_URL=""
for _ in $(seq 100); do
  SIM_URL=$(sed -n 's/^Serving the DFY API simulator at \(http[^ ]*\).*/\1/p' "$FP/sim.log")
  [ -n "$SIM_URL" ] && break
  sleep 0.2
done
[ -n "$SIM_URL" ] || smoke_die "the simulator did not start in the sandbox: $(cat "$FP/sim.log")"

# The window, with no key: demo mode.
in_sandbox "$APP_ID" >"$FP/app.log" 2>&1 &
APP_PID=$!
PIDS+=($APP_PID)

xdo() { in_session xdotool "$@"; }

# What a screen reader sees, over AT-SPI from the host (Debian's python3,
# which has the AT-SPI bindings): "window" prints the name of the app's
# active window; "tab-to REGEX" presses Tab until the element with the
# keyboard focus is a field whose name or description matches (as a screen
# reader user tabs until the field is read out), so no count of Tabs breaks
# when the tab order changes.
at_spi() {  # at_spi window | at_spi tab-to REGEX
  env DBUS_SESSION_BUS_ADDRESS="unix:path=$SMOKE/bus" XDG_RUNTIME_DIR="$SMOKE/run" \
    DISPLAY="$DISPLAY_NUM" /usr/bin/python3 - "$@" <<'PY'
import re, subprocess, sys, time
import gi
gi.require_version("Atspi", "2.0")
from gi.repository import Atspi, GLib

MAX_TABS = 80          # a ceiling for a field that is never reached, not a count
FIELD_ROLES = {"text", "entry", "password text", "editbar"}


def children(obj):
    for i in range(obj.get_child_count()):
        child = obj.get_child_at_index(i)
        if child is not None:
            yield child


def active_window():
    for app in children(Atspi.get_desktop(0)):
        for window in children(app):
            try:
                if (window.get_name().startswith("Mailroom")
                        and window.get_state_set().contains(Atspi.StateType.ACTIVE)):
                    return window
            except GLib.Error:
                pass
    return None


def focused(obj, depth=0):
    if depth > 60:
        return None
    for child in children(obj):
        try:
            states = child.get_state_set()
            if not states.contains(Atspi.StateType.VISIBLE):
                continue
            if states.contains(Atspi.StateType.FOCUSED):
                return child
            found = focused(child, depth + 1)
        except GLib.Error:
            continue
        if found is not None:
            return found
    return None


def describe(obj):
    return f"{obj.get_role_name()} “{obj.get_name()}” ({obj.get_description() or ''})"


def is_field(obj, pattern):
    # the field, or the entry that holds the focused text
    for candidate in (obj, obj.get_parent()):
        if candidate is None:
            continue
        text = f"{candidate.get_name() or ''}\n{candidate.get_description() or ''}"
        if candidate.get_role_name() in FIELD_ROLES and pattern.search(text):
            return True
    return False


window = None
for _ in range(100):
    window = active_window()
    if window is not None:
        break
    time.sleep(0.2)
if window is None:
    sys.exit("no active Mailroom window on the accessibility bus")
if sys.argv[1] == "window":
    print(window.get_name())
    sys.exit(0)

pattern = re.compile(sys.argv[2])
seen = []
for tabs in range(MAX_TABS + 1):
    obj = focused(window)
    if obj is not None and is_field(obj, pattern):
        print(f"focus on {describe(obj)} after {tabs} Tabs")
        sys.exit(0)
    seen.append(describe(obj) if obj is not None else "(nothing)")
    subprocess.run(["xdotool", "key", "Tab"], check=True)
    time.sleep(0.4)
sys.exit(f"no field matching {pattern.pattern!r} took the focus; focus went to: " + "; ".join(seen))
PY
}
find_window() {  # find_window NAME-REGEX: prints the id of a visible window
  local id
  for _ in $(seq 150); do
    id=$(xdo search --onlyvisible --name "$1" 2>/dev/null | tail -1)
    [ -n "$id" ] && { echo "$id"; return 0; }
    kill -0 "$APP_PID" 2>/dev/null || return 1
    sleep 0.2
  done
  return 1
}
screenshot() {  # screenshot FILE
  in_session sh -c "xwd -root -silent -display $DISPLAY_NUM | xwdtopnm 2>/dev/null | pnmtopng" >"$1.tmp" \
    && mv "$1.tmp" "$1"
}
colours() {  # how many colours an image has (a blank screen has one)
  in_session sh -c 'pngtopnm | ppmhist -noheader | wc -l' <"$1"
}

# The demo strip below the header bar is tinted with the accent colour;
# without it that place is the plain window background.
in_demo_mode() {  # in_demo_mode SCREENSHOT
  local r g b
  read -r r g b < <(in_session sh -c 'pngtopnm | pamcut -left 700 -top 76 -width 1 -height 1 |
                                        pnmtoplainpnm | tail -1' <"$1")
  echo "pixel under the header bar: $r $g $b"
  [ -n "$b" ] && [ "$b" -gt $((r + 15)) ]
}

main_window=$(find_window '^Mailroom') || main_window=""
window_up() {
  [ -n "$main_window" ] || { tail -20 "$FP/app.log"; return 1; }
  for _ in $(seq 40); do   # until it has drawn itself
    screenshot "$SCREENSHOT" || return 1
    [ "$(colours "$SCREENSHOT")" -gt 20 ] && break
    sleep 0.5
  done
  [ "$(colours "$SCREENSHOT")" -gt 20 ] || { echo "the screenshot is blank"; return 1; }
  in_demo_mode "$SCREENSHOT" || { echo "no demo strip under the header bar"; return 1; }
}
check "the window comes up in the sandbox in demo mode (screenshot: ${SCREENSHOT#"$STACK_SRC"/})" window_up

window_on_at_spi() {
  [ -n "$main_window" ] || return 1
  xdo windowfocus --sync "$main_window" || return 1
  at_spi window
}
check "the window in the sandbox is on the accessibility bus (AT-SPI through Flatpak's proxy)" \
  window_on_at_spi

# Preferences (Ctrl+,): the server is the simulator, then the key, each
# applied with Enter, as a user would.
key_file=$APP_DATA/keyrings/default.keyring
set_key_in_preferences() {
  local prefs
  [ -n "$main_window" ] || return 1
  xdo windowfocus --sync "$main_window" key ctrl+comma || return 1
  prefs=$(find_window '^Preferences$') || { echo "no Preferences window"; return 1; }
  xdo windowfocus --sync "$prefs" || return 1
  xdo key alt+s ctrl+a && xdo type --delay 20 "$SIM_URL" && xdo key Return || return 1
  sleep 1
  xdo key alt+k && xdo type --delay 20 "$API_KEY" && xdo key Return || return 1
  for _ in $(seq 100); do
    [ -f "$key_file" ] && grep -q RetrieveSecret "$FP/portal-calls.log" && break
    sleep 0.2
  done
  screenshot "$FP/sandbox-preferences.png" || true
  # close it (it is modal): Escape until it is gone
  for _ in $(seq 20); do
    xdo search --onlyvisible --name '^Preferences$' >/dev/null 2>&1 || break
    xdo windowfocus --sync "$prefs" key Escape >/dev/null 2>&1 || true
    sleep 0.5
  done
  if xdo search --onlyvisible --name '^Preferences$' >/dev/null 2>&1; then
    echo "Preferences did not close"; return 1
  fi
  grep -q 'member=RetrieveSecret' "$FP/portal-calls.log" \
    || { echo "no call to the Secret portal"; return 1; }
  [ -f "$key_file" ] || { echo "no keyring file in the app's data"; return 1; }
}
check "a key set in Preferences is stored through the Secret portal" set_key_in_preferences

left_demo_mode() {
  sleep 2
  screenshot "$FP/sandbox-with-key.png" || return 1
  ! in_demo_mode "$FP/sandbox-with-key.png"
}
check "with the stored key the window leaves demo mode" left_demo_mode

# --- the checkout link, through the OpenURI portal ---------------------------

# With the key stored the app talks to the simulator, whose orders need a
# hosted checkout: add a domain, place the order (Ctrl+Return), confirm with
# "Continue to Checkout", and the stub browser must get the address.
checkout_through_portal() {
  local confirm
  xdo windowfocus --sync "$main_window" key ctrl+l || return 1
  xdo type --delay 20 "acme-outreach.com" && xdo key Return || return 1
  sleep 4    # availability and the quote come from the simulator
  # from the domain entry to the editor's "Fill from names" field, found
  # over AT-SPI: one mailbox
  at_spi tab-to 'Fill from names|names separated by commas' >"$FP/at-spi-walk.log" 2>&1 \
    || { cat "$FP/at-spi-walk.log"; return 1; }
  xdo type --delay 20 "Jane Doe" && xdo key Return || return 1
  sleep 3
  screenshot "$FP/sandbox-order.png" || true
  xdo windowfocus --sync "$main_window" key ctrl+Return || return 1
  confirm=$(find_window '^Place this order') || { echo "no confirmation dialog"; return 1; }
  sleep 1
  # Cancel has the focus: Tab to "Continue to Checkout", then press it
  xdo windowfocus --sync "$confirm" key Tab space || return 1
  for _ in $(seq 100); do
    [ -s "$SMOKE/opened-uris" ] && break
    sleep 0.2
  done
  screenshot "$FP/sandbox-after-checkout.png" || true
  grep -q 'member=OpenURI' "$FP/portal-calls.log" || { echo "no call to the OpenURI portal"; return 1; }
  grep -q "^$SIM_URL/" "$SMOKE/opened-uris" 2>/dev/null \
    || { echo "the stub browser got no checkout address from $SIM_URL"; return 1; }
  echo "opened: $(cat "$SMOKE/opened-uris")"
}
check "the checkout link goes through the OpenURI portal to the browser" checkout_through_portal


key_not_in_clear() {
  local hits
  hits=$(grep -rlaF -- "$API_KEY" "$FP/home" "$SMOKE" 2>/dev/null || true)
  [ -z "$hits" ] || { echo "the key is in clear in: $hits"; return 1; }
}
check "the key is in no file in clear (app data, keyring, session)" key_not_in_clear

cli_quote_with_key() {
  local out
  out=$(in_sandbox --command=mailroom-cli "$APP_ID" --api-url "$SIM_URL" quote "$ORDER" 2>&1) \
    || { echo "$out"; return 1; }
  echo "$out"
  grep -q tryacme.com <<<"$out"
}
check "mailroom-cli in the sandbox quotes from the simulator with the stored key" cli_quote_with_key

cli_quote_wrong_key() {
  ! in_sandbox --env=MAILROOM_API_KEY=not-the-key --command=mailroom-cli "$APP_ID" \
      --api-url "$SIM_URL" quote "$ORDER"
}
check "the simulator refuses another key (so the stored key is what was used)" cli_quote_wrong_key

# --- finish-args: each one that can be taken away here is needed -----------

cli_quote_no_network() {
  ! in_sandbox --unshare=network --command=mailroom-cli "$APP_ID" --api-url "$SIM_URL" quote "$ORDER"
}
check "--share=network is needed: without it the CLI cannot reach the server" cli_quote_no_network

app_warnings() {
  ! grep -E -- '-(WARNING|CRITICAL)' "$FP/app.log"
}
check "the app printed no GTK, libadwaita or GLib warning in the sandbox" app_warnings

# End the app (and the simulator), then: without an X11 socket (and no
# Wayland here) there is no window.
env XDG_RUNTIME_DIR="$SMOKE/run" flatpak kill "$APP_ID" >/dev/null 2>&1 || true
for _ in $(seq 50); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.2; done
app_needs_x11() {
  local status=0
  kill -0 "$APP_PID" 2>/dev/null && { echo "the app did not quit"; return 1; }
  timeout 60 env HOME="$FP/home" XDG_RUNTIME_DIR="$SMOKE/run" DISPLAY="$DISPLAY_NUM" \
    DBUS_SESSION_BUS_ADDRESS="unix:path=$SMOKE/bus" \
    flatpak run --nosocket=fallback-x11 --nosocket=x11 "$APP_ID" >"$FP/app-no-x11.log" 2>&1 || status=$?
  cat "$FP/app-no-x11.log"
  [ "$status" -ne 0 ] && [ "$status" -ne 124 ]
}
check "--socket=fallback-x11 is needed: without it (and no Wayland) the app cannot start" app_needs_x11

finish
