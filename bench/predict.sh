#!/bin/sh
# Prediction at scale (docs/prediction.md, docs/bench.md): a recorded run of
# bench/predict_tellers.c (10^6 lock events by default), then, RUNS times:
#   - `tangle predict TRACE` alone: the analysis (read, candidates, the
#     closures and the solver), nothing confirmed;
#   - `tangle predict TRACE -- ./tellers`: the whole command, with the
#     confirmation by a controlled replay of the witness.
# Prints the median wall-clock and CPU seconds of each, the load, and the
# --verbose line of the candidate (its tier and time). With PEER=/path/to/
# another/tangle, that binary's analysis runs interleaved with this one's,
# on the same trace, for a side-by-side ratio.
#
#   bench/predict.sh [BUILD_DIR] [RUNS] [TRANSFERS]   (default: build 3 62500)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-build}
runs=${2:-3}
transfers=${3:-62500}
tangle="$build/bin/tangle"
clang=${CLANG:-clang-14}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$clang" -O1 -g -fno-omit-frame-pointer -pthread -DTRANSFERS="$transfers" \
  "$here/predict_tellers.c" -o "$work/tellers"
"$tangle" run --no-predict --trace "$work/run.rec" -- "$work/tellers" \
  > "$work/run.txt" || { cat "$work/run.txt"; exit 1; }
tail -n 1 "$work/run.txt"

# timed NAME COMMAND...: appends "wall cpu" to $work/NAME (time -o writes
# "Command exited with non-zero status 1" first when the verdict is bugs).
timed() {
  name=$1
  shift
  /usr/bin/time -f "%e %U %S" -o "$work/time" "$@" > "$work/$name.out" ||
    test $? -eq 1
  awk 'END { printf "%s %.2f\n", $1, $2 + $3 }' "$work/time" >> "$work/$name"
}
median() {
  sort -g -k"$2" "$work/$1" | awk -v k="$2" '{ a[NR] = $k }
    END { print a[int((NR + 1) / 2)] }'
}

for i in $(seq "$runs"); do
  echo "round $i: load $(cut -d' ' -f1-3 /proc/loadavg)"
  if [ -n "${PEER:-}" ]; then
    timed peer "$PEER" predict "$work/run.rec" --verbose
  fi
  timed analysis "$tangle" predict "$work/run.rec" --verbose
  timed confirmed "$tangle" predict "$work/run.rec" --verbose -- "$work/tellers"
done
echo "load after: $(uptime)"
printf "tangle predict (analysis):     median %s s wall, %s s CPU of %d runs\n" \
  "$(median analysis 1)" "$(median analysis 2)" "$runs"
printf "tangle predict -- ./tellers:   median %s s wall, %s s CPU of %d runs\n" \
  "$(median confirmed 1)" "$(median confirmed 2)" "$runs"
if [ -n "${PEER:-}" ]; then
  printf "peer %s (analysis): median %s s wall, %s s CPU\n" "$PEER" \
    "$(median peer 1)" "$(median peer 2)"
  awk -v a="$(median analysis 1)" -v p="$(median peer 1)" \
    'BEGIN { printf "peer / tangle (wall): %.1fx\n", p / a }'
fi
grep "note: prediction" "$work/confirmed.out"
tail -n 1 "$work/confirmed.out"
