#!/usr/bin/env bash
# Builds the libFuzzer harnesses of fuzz/ with clang, AddressSanitizer and
# UBSan in _build-fuzz, and runs each for a bounded time, one after the
# other, starting from its committed corpus (fuzz/corpus/<target>/).
# Prints one TAP line per fuzzer with its exec count, and ends with
# "N passed, N failed" (also in _build-fuzz/test-count.txt). Any crash,
# leak, UB report or timeout fails that fuzzer; the input that did it is
# left in _build-fuzz/artifacts/<target>/.
#
#   tools/fuzz.sh                      all targets, about 300 s in total
#   tools/fuzz.sh --seconds 3600       an hour in total
#   tools/fuzz.sh --seconds 600 money  only the money target, 10 minutes
#
# MR_FUZZ_SECONDS sets the default total; MR_FUZZ_JOBS=N runs N targets
# at once (default 1: the machine is shared). New interesting inputs are
# kept in _build-fuzz/corpus/<target>/, so a second run goes on from there.
# MR_FUZZ_SKIP_UTF8=1 skips the harnesses' UTF-8 check (see fuzz/pending/).
set -u
cd "$(dirname "$0")/.."

total=${MR_FUZZ_SECONDS:-300}
jobs=${MR_FUZZ_JOBS:-1}
builddir=_build-fuzz
targets=()

while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) total=$2; shift 2 ;;
    --seconds=*) total=${1#*=}; shift ;;
    -h|--help) sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) targets+=("$1"); shift ;;
  esac
done

if [ ${#targets[@]} -eq 0 ]; then
  for f in fuzz/fuzz-*.c; do
    t=$(basename "$f" .c)
    targets+=("${t#fuzz-}")
  done
fi

tools/deps.sh --fuzzing

cc=${CC:-}
if [ -z "$cc" ]; then
  for c in clang-14 clang; do
    command -v "$c" >/dev/null && { cc=$c; break; }
  done
fi
if [ -z "$cc" ] || ! echo 'int LLVMFuzzerTestOneInput(const char *d, long n){return 0;}' |
     "$cc" -x c -fsanitize=fuzzer,address,undefined -o /dev/null - 2>/dev/null; then
  echo "tools/fuzz.sh needs clang with libFuzzer: tools/deps.sh --fuzzing installs it" >&2
  mkdir -p "$builddir"
  echo "0 passed, ${#targets[@]} failed" | tee "$builddir/test-count.txt"
  exit 1
fi

if [ -f "$builddir/build.ninja" ]; then
  # new harnesses are new targets, unknown until meson has run again
  meson setup --reconfigure "$builddir" >/dev/null ||
    { echo "0 passed, ${#targets[@]} failed" | tee "$builddir/test-count.txt"; exit 1; }
else
  CC=$cc meson setup "$builddir" -Dfuzzing=true -Dgui=disabled \
    -Db_sanitize=address,undefined -Db_lundef=false -Dbuildtype=debugoptimized >/dev/null ||
    { echo "0 passed, ${#targets[@]} failed" | tee "$builddir/test-count.txt"; exit 1; }
fi
build_targets=()
for t in "${targets[@]}"; do build_targets+=("fuzz/fuzz-$t"); done
if ! meson compile -C "$builddir" "${build_targets[@]}" >"$builddir/fuzz-build.log" 2>&1; then
  cat "$builddir/fuzz-build.log" >&2
  echo "0 passed, ${#targets[@]} failed" | tee "$builddir/test-count.txt"
  exit 1
fi

per=$(( total / ${#targets[@]} ))
[ "$per" -ge 5 ] || per=5

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:halt_on_error=1:allocator_may_return_null=1
export LSAN_OPTIONS=suppressions=$PWD/fuzz/lsan.supp:print_suppressions=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export G_SLICE=always-malloc

run_one() {
  local t=$1 n=$2 dict=() extra=() log rc execs
  mkdir -p "$builddir/corpus/$t" "$builddir/artifacts/$t"
  rm -f "$builddir/artifacts/$t"/crash-* "$builddir/artifacts/$t"/leak-* \
    "$builddir/artifacts/$t"/timeout-* "$builddir/artifacts/$t"/oom-*
  case "$t" in reply-*|order-file|draft|json-reader) dict=(-dict=fuzz/json.dict) ;; esac
  # the JSON reader also starts from every JSON target's corpus
  [ "$t" = json-reader ] && extra=(fuzz/corpus/reply-* fuzz/corpus/order-file fuzz/corpus/draft)
  log="$builddir/artifacts/$t/fuzz.log"
  # Leaks are checked after the run: while mutating, libFuzzer's own
  # checks report GLib and json-glib memory that no single input leaks.
  ASAN_OPTIONS=$ASAN_OPTIONS:detect_leaks=0 "$builddir/fuzz/fuzz-$t" -max_total_time="$per" -timeout=20 -rss_limit_mb=2048 \
    -max_len=16384 -print_final_stats=1 -detect_leaks=0 "${dict[@]}" \
    -artifact_prefix="$builddir/artifacts/$t/" \
    "$builddir/corpus/$t" "fuzz/corpus/$t" "${extra[@]}" >"$log" 2>&1
  rc=$?
  if [ $rc -eq 0 ]; then
    # Then every input kept, in one process, under LeakSanitizer (libFuzzer
    # checks each input as it runs it). A leak counts when its input leaks
    # again run alone: now and then LeakSanitizer reports GLib memory for
    # an input that is clean when run again.
    ASAN_OPTIONS=$ASAN_OPTIONS:fast_unwind_on_malloc=0 \
      "$builddir/fuzz/fuzz-$t" -runs=0 -detect_leaks=1 -timeout=20 \
      -artifact_prefix="$builddir/artifacts/$t/" \
      "$builddir/corpus/$t" "fuzz/corpus/$t" "${extra[@]}" >"$log.leaks" 2>&1
    if [ $? -ne 0 ]; then
      rc=1
      leak=$(ls -t "$builddir/artifacts/$t"/leak-* 2>/dev/null | head -1)
      if [ -n "$leak" ] &&
         ASAN_OPTIONS=$ASAN_OPTIONS:fast_unwind_on_malloc=0 \
           "$builddir/fuzz/fuzz-$t" -detect_leaks=1 "$leak" >/dev/null 2>&1; then
        echo "# $t: a leak report for $(basename "$leak") did not repeat when run alone" >&2
        rc=0
      else
        cat "$log.leaks" >>"$log"
      fi
    fi
  fi
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  if [ $rc -eq 0 ]; then
    echo "ok $n - fuzz-$t: ${execs:-?} execs in ${per} s"
  elif [ "${MR_FUZZ_NEW_FINDINGS:-fail}" = todo ]; then
    # CI: what the committed corpus finds is a failure of the test suite
    # (fuzz-replay-*); what this run finds for the first time is reported
    # as a TODO with its reproducer, for a person to fix and commit
    echo "not ok $n - fuzz-$t: exit $rc after ${execs:-?} execs; see $log # TODO new finding, reproducer in $builddir/artifacts/$t"
    grep -m1 -E "ERROR: |runtime error|is not valid|not idempotent|does not|SUMMARY" "$log" | sed 's/^/#   /'
  else
    echo "not ok $n - fuzz-$t: exit $rc after ${execs:-?} execs; see $log"
    grep -m1 -E "ERROR: |runtime error|is not valid|not idempotent|does not|SUMMARY" "$log" | sed 's/^/#   /'
  fi
}

echo "1..${#targets[@]}"
n=0
for t in "${targets[@]}"; do
  n=$((n + 1))
  mkdir -p "$builddir/artifacts/$t"
  if [ "$jobs" -gt 1 ]; then
    run_one "$t" "$n" >"$builddir/artifacts/$t/result" &
    while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do wait -n; done
  else
    run_one "$t" "$n" | tee "$builddir/artifacts/$t/result"
  fi
done
wait
results=$(mktemp)
for t in "${targets[@]}"; do cat "$builddir/artifacts/$t/result" >>"$results"; done
[ "$jobs" -gt 1 ] && cat "$results"

passed=$(grep -c '^ok ' "$results")
failed=$(grep '^not ok ' "$results" | grep -vc '# TODO')
todo=$(grep '^not ok ' "$results" | grep -c '# TODO')
rm -f "$results"
[ "$todo" -eq 0 ] || echo "# $todo new findings (TODO): see the reproducers named above"
echo "$passed passed, $failed failed" | tee "$builddir/test-count.txt"
[ "$failed" -eq 0 ]
