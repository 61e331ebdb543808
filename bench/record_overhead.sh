#!/bin/sh
# Record mode's overhead (issue 12 item 5, docs/bench.md): the lock-heavy
# program (4 threads x 100,000 lock/unlock pairs) run natively, under
# `tangle run` (record mode, no memory accesses: the binary is built
# without instrumentation), and built with clang -fsanitize=thread, side by
# side in one run; the median of RUNS wall-clock times of each, and ratios.
#
#   bench/record_overhead.sh [BUILD_DIR] [RUNS]     (default: build 9)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-build}
runs=${2:-9}
tangle="$build/bin/tangle"
clang=${CLANG:-clang-14}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$clang" -O2 -g -fno-omit-frame-pointer -pthread "$here/lock_heavy.c" -o "$work/native"
"$clang" -O2 -g -fno-omit-frame-pointer -pthread -fsanitize=thread "$here/lock_heavy.c" -o "$work/tsan"

# Median wall-clock seconds of `runs` runs of the command.
median() {
  for i in $(seq "$runs"); do
    start=$(date +%s.%N)
    "$@" > /dev/null 2>&1 || { echo "failed: $*" >&2; exit 1; }
    end=$(date +%s.%N)
    echo "$end - $start" | bc -l
  done | sort -g | awk '{ a[NR] = $1 } END { printf "%.4f", a[int((NR + 1) / 2)] }'
}

# The three are interleaved run by run so that load drifts hit them alike.
native=$(median "$work/native")
record=$(median "$tangle" run --hang-after 60 -- "$work/native")
tsan=$(median env TSAN_OPTIONS=report_signal_unsafe=0 "$work/tsan")
# What tangle itself costs without the program: starting, the region, the
# report (the program: an empty main).
printf 'int main(void) { return 0; }\n' > "$work/empty.c"
"$clang" -O2 -pthread "$work/empty.c" -o "$work/empty"
floor=$(median "$tangle" run -- "$work/empty")

echo "program: 4 threads x 100,000 lock/unlock pairs (bench/lock_heavy.c), median of $runs runs"
printf '%-32s %8s s  %6s\n' "native" "$native" "1.00x"
printf '%-32s %8s s  %6s\n' "tangle run (record mode)" "$record" \
  "$(echo "$record / $native" | bc -l | xargs printf '%.2fx')"
printf '%-32s %8s s  %6s\n' "clang -fsanitize=thread" "$tsan" \
  "$(echo "$tsan / $native" | bc -l | xargs printf '%.2fx')"
printf '%-32s %8s s\n' "tangle run of an empty main" "$floor"
