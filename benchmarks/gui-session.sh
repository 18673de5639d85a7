#!/bin/sh
# Runs a GUI benchmark as is when there is a display and a session bus, else
# in a session bus and an Xvfb display of its own (the Debian packages dbus
# and xvfb, see tools/deps.sh).
set -eu

if [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ]; then
  exec dbus-run-session -- "$0" "$@"
fi

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  exec xvfb-run -a -s "-screen 0 1400x900x24" "$@"
fi

exec "$@"
