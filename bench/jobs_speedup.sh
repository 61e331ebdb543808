#!/bin/sh
# --jobs 2 against --jobs 1 on the longest rows of the DPOR table (issue 14,
# docs/exploration.md "Parallel exploration", docs/bench.md). For each row,
# RUNS rounds; each round runs
#   tangle check FILE --strategy dpor --no-lint --no-predict --format json \
#     --timeout T --jobs J -- -D...
# with J = 1 and J = 2 one after the other (the order alternates between
# rounds, so neither always runs first). Prints per row the executions,
# sleep-blocked executions, verdict and findings of each (they must agree),
# the median exploration seconds (`explored.seconds`, without the compile)
# and wall-clock seconds (with it) of each, the ratio jobs1 / jobs2 (> 1: two
# workers are faster) and the load average before and after.
#
#   bench/jobs_speedup.sh [BUILD_DIR] [RUNS] [TIMEOUT]   (default: build 3 300)
#   ROWS="readers10 lastzero8" bench/jobs_speedup.sh     (some rows only)
#   JOBS=4 bench/jobs_speedup.sh                          (--jobs 4 against 1)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-build}
runs=${2:-3}
budget=${3:-300}
jobs=${JOBS:-2}
tangle="$build/bin/tangle"
test -x "$tangle" || { echo "no $tangle: build first" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# name, source, defines
all_rows="philosophers5x2 dpor/philosophers.c -DN=5:-DROUNDS=2:-DORDERED
indexer14 dpor/indexer.c -DTHREADS=14
indexer15 dpor/indexer.c -DTHREADS=15
readers10 dpor/readers.c -DN=10
lastzero8 dpor/lastzero.c -DN=8
lastzero10 dpor/lastzero.c -DN=10"
rows=${ROWS:-$(echo "$all_rows" | cut -d' ' -f1)}

# one NAME SOURCE DEFINES J: appends "seconds wall executions sleep verdict
# findings" to $work/NAME.J
one() {
  defines=$(echo "$3" | tr ':' ' ')
  start=$(date +%s.%N)
  # shellcheck disable=SC2086
  "$tangle" check "$here/$2" --strategy dpor --no-lint --no-predict \
    --format json --timeout "$budget" --jobs "$4" -- $defines \
    > "$work/out.json" 2> "$work/err.txt" && status=0 || status=$?
  end=$(date +%s.%N)
  python3 - "$work/out.json" "$start" "$end" "$status" >> "$work/$1.$4" <<'EOF'
import json, sys
try:
    r = json.load(open(sys.argv[1]))
except ValueError:
    print("nan nan 0 0 error(exit-%s) -" % sys.argv[4])
    sys.exit(0)
e = r.get("explored", {})
kinds = sorted({f.get("kind", f.get("id", "?")) for f in r.get("findings", [])})
verdict = r.get("verdict", "?")
if e.get("stopped_by"):
    verdict += "(" + e["stopped_by"] + ")"
print("%.3f %.3f %d %d %s %s" % (
    e.get("seconds", float("nan")), float(sys.argv[3]) - float(sys.argv[2]),
    e.get("executions", 0), e.get("sleep_blocked", 0),
    verdict, ",".join(kinds) or "-"))
EOF
  if [ "$status" -gt 1 ]; then
    echo "  $2 $3 --jobs $4: exit $status: $(tail -n 3 "$work/err.txt")" >&2
  fi
}

median() { # FILE COLUMN
  sort -g -k"$2" "$1" | awk -v k="$2" '{ a[NR] = $k }
    END { print a[int((NR + 1) / 2)] }'
}

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) CPUs"
printf "%-16s %-22s %-22s %9s %9s %7s %9s %9s %7s\n" row "jobs 1: execs/blocked" \
  "jobs $jobs: execs/blocked" "j1 s" "j$jobs s" ratio "j1 wall" "j$jobs wall" ratio
for name in $rows; do
  line=$(echo "$all_rows" | awk -v n="$name" '$1 == n')
  test -n "$line" || { echo "no row $name" >&2; exit 2; }
  src=$(echo "$line" | cut -d' ' -f2)
  defs=$(echo "$line" | cut -d' ' -f3)
  : > "$work/$name.1"
  : > "$work/$name.$jobs"
  for i in $(seq "$runs"); do
    if [ $((i % 2)) -eq 1 ]; then
      one "$name" "$src" "$defs" 1
      one "$name" "$src" "$defs" "$jobs"
    else
      one "$name" "$src" "$defs" "$jobs"
      one "$name" "$src" "$defs" 1
    fi
  done
  a=$(median "$work/$name.1" 1)
  b=$(median "$work/$name.$jobs" 1)
  aw=$(median "$work/$name.1" 2)
  bw=$(median "$work/$name.$jobs" 2)
  counts1=$(awk '{ print $3 "/" $4 " " $5 " " $6 }' "$work/$name.1" | sort -u | tr '\n' ';')
  countsj=$(awk '{ print $3 "/" $4 " " $5 " " $6 }' "$work/$name.$jobs" | sort -u | tr '\n' ';')
  printf "%-16s %-22s %-22s %9s %9s %7s %9s %9s %7s\n" "$name" \
    "$(awk '{ print $3 "/" $4 }' "$work/$name.1" | sort -u | tr '\n' ' ')" \
    "$(awk '{ print $3 "/" $4 }' "$work/$name.$jobs" | sort -u | tr '\n' ' ')" \
    "$a" "$b" "$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.2f", a / b }')" \
    "$aw" "$bw" "$(awk -v a="$aw" -v b="$bw" 'BEGIN { printf "%.2f", a / b }')"
  echo "  jobs 1: $counts1  jobs $jobs: $countsj"
  case "$counts1" in *error*|*incomplete*) echo "  (jobs 1 did not finish)";; esac
  case "$countsj" in *error*|*incomplete*) echo "  (jobs $jobs did not finish)";; esac
  # Executions and findings must agree (sleep-blocked ones may differ).
  e1=$(awk '{ print $3, $5, $6 }' "$work/$name.1" | sort -u)
  ej=$(awk '{ print $3, $5, $6 }' "$work/$name.$jobs" | sort -u)
  [ "$e1" = "$ej" ] || echo "  DIFFERENT executions, verdict or findings"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
