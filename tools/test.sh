#!/usr/bin/env bash
# Sets up, builds and runs the whole test suite (unit and UI tests under
# Xvfb). With --sanitize, builds with AddressSanitizer and UBSan and fails
# on any report. Prints "N passed, N failed" at the end.
set -eu
cd "$(dirname "$0")/.."

builddir=_build
setup_args=()
test_args=()
if [ "${1:-}" = "--sanitize" ]; then
  builddir=_build-sanitize
  # windows of 50 domains and more outlast their waits under ASan
  test_args=(--no-suite ui-large)
  setup_args=(-Db_sanitize=address,undefined -Db_lundef=false -Dbuildtype=debug)
  export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:halt_on_error=1:fast_unwind_on_malloc=0
  export LSAN_OPTIONS=suppressions=$PWD/tests/lsan.supp:print_suppressions=0
  export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
fi

tools/deps.sh

if [ ! -f "$builddir/build.ninja" ]; then
  meson setup "$builddir" "${setup_args[@]}"
fi
meson compile -C "$builddir"

status=0
# CI has libxtst-dev (tools/deps.sh): the real key input tests must be there
if [ "${CI:-}" = true ] && ! meson test -C "$builddir" --list 2>/dev/null | grep -q 'test-key-input$'; then
  echo "test-key-input was not built: is libxtst-dev installed?" >&2
  status=1
fi
dbus-run-session -- xvfb-run -a -s "-screen 0 1400x900x24" \
  meson test -C "$builddir" --print-errorlogs --num-processes 2 "${test_args[@]}" || status=$?

python3 tools/count-tests.py "$builddir/meson-logs/testlog.json" | tee "$builddir/test-count.txt"
exit $status
