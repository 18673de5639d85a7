#!/usr/bin/env bash
# The current-stack lane: builds Mailroom and runs the whole test suite (UI
# tests under Xvfb, in en_US.UTF-8 and de_DE.UTF-8 where they ask for it) in a
# Debian chroot with a newer GNOME stack than Debian 12's (see
# tools/stack-chroot.sh for which suite and why). Needs root. Prints
# "N passed, N failed" at the end and writes it to _build/stack/test-count.txt.
#
#   sudo tools/test-stack.sh            # chroot cached in _build/stack/root
#   MAILROOM_STACK_CACHE=none ...       # no machine-wide cache
set -eu
cd "$(dirname "$0")/.."
. tools/stack-chroot.sh

[ "$(id -u)" -eq 0 ] || stack_die "needs root (debootstrap, chroot, mounts)"
trap stack_cleanup EXIT
trap 'exit 130' INT TERM

count_file=$STACK_DIR/test-count.txt
rm -f "$count_file"
started=$(date +%s)

stack_ensure_root
stack_mount_all
stack_log "chroot ready after $(( $(date +%s) - started )) s: $(stack_run sh -c \
  'pkg-config --modversion gtk4 libadwaita-1 libsoup-3.0 json-glib-1.0 glib-2.0 | paste -sd" "')"

build_in=$STACK_SRC_IN/_build/stack/build
if [ ! -f "$STACK_DIR/build/build.ninja" ]; then
  stack_run meson setup "$build_in" "$STACK_SRC_IN"
fi
stack_run meson compile -C "$build_in"

status=0
stack_run dbus-run-session -- xvfb-run -a -s "-screen 0 1400x900x24" \
  meson test -C "$build_in" --print-errorlogs --num-processes 2 || status=$?

python3 tools/count-tests.py "$STACK_DIR/build/meson-logs/testlog.json" | tee "$count_file"
stack_log "lane took $(( $(date +%s) - started )) s"
exit $status
