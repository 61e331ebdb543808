#!/bin/sh
# The floor of one execution, three ways (bench/execution_floor.c): a
# process per execution as tangle runs them today (fork), one process with
# pooled threads and its memory copied back (pool), one process with fibers
# (fiber). Each row is the shape of a row of bench/nidhugg_table.py: its
# threads besides main and the visible steps of one execution (explored.steps
# / executions of `tangle check --format json`), next to Nidhugg's
# milliseconds per execution (the issue's reference: seconds / executions).
#
#   bench/execution_floor.sh [ROUNDS]      (default 5; median of the rounds)
#   TANGLE=build/bin/tangle bench/execution_floor.sh
#       also runs `tangle check` of each row once: its ms per execution.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
rounds=${1:-5}
clang=${CLANG:-clang-14}
tangle=${TANGLE:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$clang" -O2 -pthread "$here/execution_floor.c" -o "$work/floor"

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# name | threads | steps | Nidhugg ms/exec | source and flags
rows='ordered philosophers N=4, 2 rounds|4|53|0.33|dpor/philosophers.c -DN=4 -DROUNDS=2 -DORDERED
ordered philosophers N=5, 2 rounds|5|66|0.49|dpor/philosophers.c -DN=5 -DROUNDS=2 -DORDERED
lastzero N=10|11|71|1.08|dpor/lastzero.c -DN=10
indexer, 14 threads|14|122|4.90|dpor/indexer.c -DTHREADS=14
readers N=10|11|56|0.53|dpor/readers.c -DN=10'

echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "| row | fork us | pool us | fiber us | fork / pool | fork / fiber | tangle ms/exec | Nidhugg ms/exec (ref) | fork / Nidhugg | pool / Nidhugg |"
echo "|---|---|---|---|---|---|---|---|---|---|"
echo "$rows" | while IFS='|' read -r name threads steps nidhugg source; do
  : > "$work/fork"; : > "$work/pool"; : > "$work/fiber"
  round=0
  while [ "$round" -lt "$rounds" ]; do
    "$work/floor" fork "$threads" "$steps" 200 | cut -d' ' -f1 >> "$work/fork"
    "$work/floor" pool "$threads" "$steps" 1000 | cut -d' ' -f1 >> "$work/pool"
    "$work/floor" fiber "$threads" "$steps" 20000 | cut -d' ' -f1 >> "$work/fiber"
    round=$((round + 1))
  done
  fork=$(median < "$work/fork"); pool=$(median < "$work/pool"); fiber=$(median < "$work/fiber")
  per=-
  if [ -n "$tangle" ]; then
    set -- $source
    file=$1; shift
    "$tangle" check "$here/$file" --no-lint --strategy dpor --format json -- "$@" > "$work/report.json" || true
    per=$(python3 -c "import json,sys; e=json.load(open(sys.argv[1]))['explored']; print('%.2f' % (e['seconds'] / (e['executions'] + e.get('sleep_blocked', 0)) * 1e3))" "$work/report.json")
  fi
  awk -v n="$name" -v f="$fork" -v p="$pool" -v b="$fiber" -v t="$per" -v r="$nidhugg" 'BEGIN {
    printf "| %s | %.0f | %.0f | %.1f | %.1f | %.0f | %s | %.2f | %.2f | %.2f |\n", n, f, p, b, f / p, f / b, t, r, f / 1000 / r, p / 1000 / r }'
done
