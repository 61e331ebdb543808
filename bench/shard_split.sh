#!/bin/sh
# --shard I/N against one run (docs/exploration.md, "Shards"): how the N
# parts add up and how long the longest takes, which is what N machines
# running the shards at once would wait for. For each row, RUNS rounds;
# each round runs, one after the other,
#   tangle check FILE --strategy dpor --no-lint --no-predict --format json \
#     --timeout T -- -D...
# without --shard and with --shard 1/N ... N/N, then tangle merge on the N
# reports. Prints per row the unsharded run's executions, the merged
# executions and sleep-blocked ones, the executions each shard ran to split
# the tree, the verdicts (they must agree), the median seconds
# (`explored.seconds`) of the unsharded run, of the longest shard and of all
# shards together, and the ratios one / longest (> 1: N machines finish
# sooner) and sum / one (the work sharding adds), with the load average.
#
#   bench/shard_split.sh [BUILD_DIR] [RUNS] [SHARDS] [TIMEOUT]  (build 3 2 300)
#   ROWS=philosophers5x2 bench/shard_split.sh                   (one row)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-build}
runs=${2:-3}
shards=${3:-2}
budget=${4:-300}
tangle="$build/bin/tangle"
test -x "$tangle" || { echo "no $tangle: build first" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

all_rows="philosophers5x2 dpor/philosophers.c -DN=5:-DROUNDS=2:-DORDERED
philosophers4x2 dpor/philosophers.c -DN=4:-DROUNDS=2:-DORDERED
readers10 dpor/readers.c -DN=10"
rows=${ROWS:-$(echo "$all_rows" | cut -d' ' -f1 | tr '\n' ' ')}

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-16s %8s %8s %8s %7s %-12s %8s %8s %8s %7s %6s\n' row one merged blocked split verdicts one_s longest_s sum_s speedup work
for row in $rows; do
  line=$(echo "$all_rows" | grep "^$row ") || { echo "no row $row" >&2; exit 2; }
  file="$here/$(echo "$line" | cut -d' ' -f2)"
  defines=$(echo "$line" | cut -d' ' -f3 | tr ':' ' ')
  for r in $(seq "$runs"); do
    # shellcheck disable=SC2086
    "$tangle" check "$file" --strategy dpor --no-lint --no-predict \
      --format json --timeout "$budget" -- $defines \
      > "$work/$row.$r.one.json" || true
    parts=""
    for i in $(seq "$shards"); do
      # shellcheck disable=SC2086
      "$tangle" check "$file" --strategy dpor --no-lint --no-predict \
        --format json --timeout "$budget" --shard "$i/$shards" -- $defines \
        > "$work/$row.$r.$i.json" || true
      parts="$parts $work/$row.$r.$i.json"
    done
    # shellcheck disable=SC2086
    "$tangle" merge --format json $parts > "$work/$row.$r.merged.json" || true
  done
  python3 - "$work" "$row" "$runs" "$shards" <<'PY'
import json, statistics, sys
work, row, runs, shards = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
load = lambda p: json.load(open(p))
one_s, longest_s, sum_s = [], [], []
for r in range(1, runs + 1):
    one = load(f"{work}/{row}.{r}.one.json")
    merged = load(f"{work}/{row}.{r}.merged.json")
    parts = [load(f"{work}/{row}.{r}.{i}.json") for i in range(1, shards + 1)]
    secs = [p["explored"]["seconds"] for p in parts]
    one_s.append(one["explored"]["seconds"])
    longest_s.append(max(secs))
    sum_s.append(sum(secs))
m = statistics.median
print(f"{row:16s} {one['explored']['executions']:8d} "
      f"{merged['explored']['executions']:8d} "
      f"{merged['explored']['sleep_blocked']:8d} "
      f"{parts[0]['shard']['prefix_executions']:7d} "
      f"{one['verdict'] + '/' + merged['verdict']:12s} "
      f"{m(one_s):8.2f} {m(longest_s):8.2f} {m(sum_s):8.2f} "
      f"{m(one_s) / m(longest_s):7.2f} {m(sum_s) / m(one_s):6.2f}")
PY
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
