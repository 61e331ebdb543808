#!/bin/sh
# Record mode's overhead (issue 12 item 5, docs/bench.md "Record mode's
# overhead"), side by side in one run: each round runs every command once,
# in turn, so that load drifts hit them alike; each row is the median of
# RUNS rounds of wall-clock time.
#
#   bench/record_overhead.sh [BUILD_DIR] [RUNS] [LONG_PAIRS] [SOLO_PAIRS]
#                                        (default: build 5 2000000 8000000)
#   PEER=OTHER_BUILD_DIR bench/record_overhead.sh ...
#   BASELINE=OTHER_BUILD_DIR bench/record_overhead.sh ...   (the same)
#                  adds that build's `tangle run` rows, interleaved with
#                  this one's (before/after a change, in one run); a build
#                  of main for a before/after: git clone -q REPO /tmp/x &&
#                  cmake -S /tmp/x -B /tmp/x/build -G Ninja && ninja -C
#                  /tmp/x/build tangle tangle-full tangle_rt
#                  Like with like: a file the linker wrote sits in the page
#                  cache in 4 KiB folios, a copy in large ones, 0.2-0.4 ms
#                  of CPU a run apart (docs/bench.md, "Record mode's fixed
#                  cost"); a build copies bin/tangle and libtangle_rt.so
#                  once linked since then, so compare it with a cp of a
#                  build, or with a build of the same kind.
#
# Rows:
# - bench/lock_heavy.c, 4 threads x 100,000 lock/unlock pairs (the issue's
#   benchmark), clang-14 -O2: native, `tangle run --no-predict -- ./native`
#   (record mode without memory accesses: the binary has no hooks; no
#   prediction after the run, which docs/bench.md times apart),
#   -fsanitize=thread;
# - the same with LONG_PAIRS pairs per thread (tangle's fixed costs weigh
#   less);
# - one thread with SOLO_PAIRS pairs: no contention, so the ratio is the
#   record path's own cost (native and tangle run only);
# - bench/memory_sweep.c (tangle-bench's memory program, PASSES=2000: 32 Mi
#   accesses), built as tangle builds a source (-g -O0, the ThreadSanitizer
#   hooks of tangle's runtime): native, `tangle run` of that binary (record
#   mode with memory accesses), and -fsanitize=thread;
# - tangle's own floor: `tangle --version` (the launcher, then the full
#   tangle with LLVM), `tangle run --no-predict` of an empty main (the
#   launcher alone) and `tangle run` of it (with prediction: the full
#   tangle).
# For each `tangle run` row, "program" is the run's own seconds from
# tangle's report (the program started, ran and was reaped; tangle's start
# and end excluded).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "${1:-build}" && pwd)
runs=${2:-5}
long=${3:-2000000}
solo=${4:-8000000}
tangle="$build/bin/tangle"
rt="$build/lib/libtangle_rt.so"
peer=${PEER:-${BASELINE:-}}
peer=${peer:+$(cd "$peer" && pwd)}
clang=${CLANG:-clang-14}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$clang" -O2 -g -fno-omit-frame-pointer -pthread "$here/lock_heavy.c" -o "$work/lock"
"$clang" -O2 -g -fno-omit-frame-pointer -pthread -fsanitize=thread "$here/lock_heavy.c" -o "$work/lock-tsan"
mem="-g -O0 -fno-omit-frame-pointer -pthread"
"$clang" $mem "$here/memory_sweep.c" -o "$work/mem"
"$clang" $mem -fsanitize=thread "$here/memory_sweep.c" -o "$work/mem-tsan"
"$clang" $mem -fsanitize=thread -fno-sanitize-link-runtime "$here/memory_sweep.c" \
  "$rt" -Wl,-rpath,"$(dirname "$rt")" -o "$work/mem-hooks"
if [ -n "$peer" ]; then
  "$clang" $mem -fsanitize=thread -fno-sanitize-link-runtime "$here/memory_sweep.c" \
    "$peer/lib/libtangle_rt.so" -Wl,-rpath,"$peer/lib" -o "$work/mem-hooks-peer"
fi
printf 'int main(void) { return 0; }\n' > "$work/empty.c"
"$clang" -O2 "$work/empty.c" -o "$work/empty"

# name|command; a command's output goes to $work/NAME.out.
set -- \
  "lock-native|$work/lock" \
  "lock-run|$tangle run --no-predict --hang-after 60 -- $work/lock" \
  "lock-tsan|$work/lock-tsan" \
  "long-native|$work/lock $long" \
  "long-run|$tangle run --no-predict --hang-after 60 -- $work/lock $long" \
  "long-tsan|$work/lock-tsan $long" \
  "solo-native|$work/lock $solo 1" \
  "solo-run|$tangle run --no-predict --hang-after 60 -- $work/lock $solo 1" \
  "mem-native|$work/mem" \
  "mem-run|$tangle run --no-predict --hang-after 60 -- $work/mem-hooks" \
  "mem-tsan|$work/mem-tsan" \
  "version|$tangle --version" \
  "empty-fast|$tangle run --no-predict -- $work/empty" \
  "empty-run|$tangle run -- $work/empty"
if [ -n "$peer" ]; then
  set -- "$@" \
    "lock-peer|$peer/bin/tangle run --no-predict --hang-after 60 -- $work/lock" \
    "long-peer|$peer/bin/tangle run --no-predict --hang-after 60 -- $work/lock $long" \
    "solo-peer|$peer/bin/tangle run --no-predict --hang-after 60 -- $work/lock $solo 1" \
    "mem-peer|$peer/bin/tangle run --no-predict --hang-after 60 -- $work/mem-hooks-peer" \
    "version-peer|$peer/bin/tangle --version" \
    "empty-fast-peer|$peer/bin/tangle run --no-predict -- $work/empty"
fi
export TSAN_OPTIONS=report_signal_unsafe=0
for round in $(seq "$runs"); do
  for entry in "$@"; do
    name=${entry%%|*}
    command=${entry#*|}
    start=$(date +%s.%N)
    $command > "$work/$name.out" 2>&1 || { echo "failed: $command" >&2; cat "$work/$name.out" >&2; exit 1; }
    end=$(date +%s.%N)
    echo "$end - $start" | bc -l >> "$work/$name.times"
    # The program's own seconds, from tangle's closing line.
    sed -n 's/.* recorded, \([0-9.]*\) s).*/\1/p' "$work/$name.out" >> "$work/$name.program"
  done
done

median() { sort -g "$1" | awk '{ a[NR] = $1 } END { if (NR) printf "%.3f", a[int((NR + 1) / 2)] }'; }
ratio() { echo "$1 / $2" | bc -l | xargs printf '%.2fx'; }
row() { # label name native-name
  t=$(median "$work/$2.times")
  p=$( [ -s "$work/$2.program" ] && median "$work/$2.program" || echo "")
  r=$( [ -n "$3" ] && ratio "$t" "$(median "$work/$3.times")" || echo "")
  rp=$( [ -n "$3" ] && [ -n "$p" ] && ratio "$p" "$(median "$work/$3.times")" || echo "")
  printf '| %s | %s s | %s | %s | %s |\n' "$1" "$t" "$r" "${p:+$p s}" "$rp"
}
echo "load: $(uptime | sed 's/.*load average: //') (1, 5, 15 min); median of $runs rounds"
echo "| run | wall | ratio to native | program inside tangle | its ratio |"
echo "|---|---|---|---|---|"
row "lock_heavy 4 x 100,000: native" lock-native lock-native
row "lock_heavy 4 x 100,000: tangle run" lock-run lock-native
row "lock_heavy 4 x 100,000: -fsanitize=thread" lock-tsan lock-native
row "lock_heavy 4 x $long: native" long-native long-native
row "lock_heavy 4 x $long: tangle run" long-run long-native
row "lock_heavy 4 x $long: -fsanitize=thread" long-tsan long-native
row "lock_heavy 1 x $solo: native" solo-native solo-native
row "lock_heavy 1 x $solo: tangle run" solo-run solo-native
row "memory_sweep (32 Mi accesses): native -O0" mem-native mem-native
row "memory_sweep: tangle run (hooks, record mode)" mem-run mem-native
row "memory_sweep: -fsanitize=thread" mem-tsan mem-native
row "tangle --version" version ""
row "tangle run --no-predict of an empty main" empty-fast ""
row "tangle run of an empty main (with prediction)" empty-run ""
if [ -n "$peer" ]; then
  echo "PEER $peer:"
  row "lock_heavy 4 x 100,000: PEER tangle run" lock-peer lock-native
  row "lock_heavy 4 x $long: PEER tangle run" long-peer long-native
  row "lock_heavy 1 x $solo: PEER tangle run" solo-peer solo-native
  row "memory_sweep: PEER tangle run (hooks, record mode)" mem-peer mem-native
  row "PEER tangle --version" version-peer ""
  row "PEER tangle run --no-predict of an empty main" empty-fast-peer ""
fi
