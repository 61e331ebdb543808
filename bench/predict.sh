#!/bin/sh
# Prediction at scale (docs/prediction.md, docs/bench.md): a recorded run of
# bench/predict_tellers.c (10^6 lock events by default), then
# `tangle predict` on its trace RUNS times: the median wall-clock seconds of
# the whole command (read, candidates, solver, confirmation by replay) and
# the solver's time per candidate from --verbose.
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
echo "load: $(uptime)"
for i in $(seq "$runs"); do
  start=$(date +%s.%N)
  "$tangle" predict "$work/run.rec" --verbose -- "$work/tellers" \
    > "$work/predict.$i.txt" || test $? -eq 1
  end=$(date +%s.%N)
  echo "$end - $start" | bc -l
done | sort -g | awk '{ a[NR] = $1 } END { printf "tangle predict: median %.2f s of %d runs\n", a[int((NR + 1) / 2)], NR }'
grep "note: prediction" "$work/predict.1.txt"
tail -n 1 "$work/predict.1.txt"
