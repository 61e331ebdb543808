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
#
# With PAIR=1, each round also runs two --jobs 1 explorations at once, one
# pinned to each of the first two CPUs (taskset): what this machine gives
# two independent copies of the program, with no shared tree and no lock.
# The "ceiling" column is 2 * (jobs 1 s) / (paired s, the mean of the two):
# the most two workers can gain here; when --jobs 2 reaches it, what is
# left is the machine's (two CPUs that slow each other down), not the
# explorer's.
# With BASE=DIR, each round also runs DIR/bin/tangle (e.g. a build of main)
# with --jobs J: its median and base / this build's (> 1: this build's
# --jobs J is faster), a before/after.
#
#   bench/jobs_speedup.sh [BUILD_DIR] [RUNS] [TIMEOUT]   (default: build 3 300)
#   ROWS="readers10 lastzero8" bench/jobs_speedup.sh     (some rows only)
#   JOBS=4 bench/jobs_speedup.sh                          (--jobs 4 against 1)
#   PAIR=1 BASE=/tmp/main/build bench/jobs_speedup.sh    (ceiling, baseline)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-build}
runs=${2:-3}
budget=${3:-300}
jobs=${JOBS:-2}
pair=${PAIR:-0}
base=${BASE:-}
tangle="$build/bin/tangle"
test -x "$tangle" || { echo "no $tangle: build first" >&2; exit 2; }
if [ -n "$base" ]; then
  test -x "$base/bin/tangle" || { echo "no $base/bin/tangle" >&2; exit 2; }
fi
cpus=$(python3 -c 'import os; print(" ".join(map(str, sorted(os.sched_getaffinity(0))[:2])))')
if [ "$pair" != 0 ] && [ "$(echo "$cpus" | wc -w)" -lt 2 ]; then
  echo "PAIR=1 needs two CPUs" >&2
  exit 2
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# name, source, defines
all_rows="philosophers5x2 dpor/philosophers.c -DN=5:-DROUNDS=2:-DORDERED
indexer14 dpor/indexer.c -DTHREADS=14
indexer15 dpor/indexer.c -DTHREADS=15
readers10 dpor/readers.c -DN=10
lastzero8 dpor/lastzero.c -DN=8
lastzero10 dpor/lastzero.c -DN=10
prodcons2 producer_consumer.c -DITEMS=2"
rows=${ROWS:-$(echo "$all_rows" | cut -d' ' -f1)}

# one NAME SOURCE DEFINES J [TANGLE [SUFFIX [CPU]]]: appends "seconds wall
# executions sleep verdict findings" to $work/NAME.J (NAME.SUFFIX), run by
# TANGLE (this build's), pinned to CPU when given.
one() {
  defines=$(echo "$3" | tr ':' ' ')
  bin=${5:-$tangle}
  out="$work/$1.${6:-$4}"
  pin=""
  [ -z "${7:-}" ] || pin="taskset -c $7"
  start=$(date +%s.%N)
  # shellcheck disable=SC2086
  $pin "$bin" check "$here/$2" --strategy dpor --no-lint --no-predict \
    --format json --timeout "$budget" --jobs "$4" -- $defines \
    > "$out.json" 2> "$out.err" && status=0 || status=$?
  end=$(date +%s.%N)
  python3 - "$out.json" "$start" "$end" "$status" >> "$out" <<'EOF'
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
    echo "  $2 $3 --jobs $4: exit $status: $(tail -n 3 "$out.err")" >&2
  fi
}

# paired NAME SOURCE DEFINES: two --jobs 1 at once, one on each CPU; appends
# to $work/NAME.pair the mean of their seconds.
paired() {
  set -- "$1" "$2" "$3" $cpus
  : > "$work/$1.pairA"
  : > "$work/$1.pairB"
  one "$1" "$2" "$3" 1 "$tangle" pairA "$4" &
  one "$1" "$2" "$3" 1 "$tangle" pairB "$5"
  wait
  paste "$work/$1.pairA" "$work/$1.pairB" |
    awk '{ printf "%.3f %.3f %s %s %s %s\n", ($1 + $7) / 2, ($2 + $8) / 2, $3, $4, $5, $6 }' \
    >> "$work/$1.pair"
}

median() { # FILE COLUMN
  sort -g -k"$2" "$1" | awk -v k="$2" '{ a[NR] = $k }
    END { print a[int((NR + 1) / 2)] }'
}

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) CPUs"
printf "%-16s %-22s %-22s %9s %9s %7s %9s %9s %7s" row "jobs 1: execs/blocked" \
  "jobs $jobs: execs/blocked" "j1 s" "j$jobs s" ratio "j1 wall" "j$jobs wall" ratio
[ "$pair" = 0 ] || printf " %9s %8s" "pair s" ceiling
[ -z "$base" ] || printf " %9s %9s" "base j$jobs" "base/this"
echo
for name in $rows; do
  line=$(echo "$all_rows" | awk -v n="$name" '$1 == n')
  test -n "$line" || { echo "no row $name" >&2; exit 2; }
  src=$(echo "$line" | cut -d' ' -f2)
  defs=$(echo "$line" | cut -d' ' -f3)
  : > "$work/$name.1"
  : > "$work/$name.$jobs"
  : > "$work/$name.pair"
  : > "$work/$name.base"
  for i in $(seq "$runs"); do
    if [ $((i % 2)) -eq 1 ]; then
      one "$name" "$src" "$defs" 1
      one "$name" "$src" "$defs" "$jobs"
      [ -z "$base" ] || one "$name" "$src" "$defs" "$jobs" "$base/bin/tangle" base
      [ "$pair" = 0 ] || paired "$name" "$src" "$defs"
    else
      [ "$pair" = 0 ] || paired "$name" "$src" "$defs"
      [ -z "$base" ] || one "$name" "$src" "$defs" "$jobs" "$base/bin/tangle" base
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
  printf "%-16s %-22s %-22s %9s %9s %7s %9s %9s %7s" "$name" \
    "$(awk '{ print $3 "/" $4 }' "$work/$name.1" | sort -u | tr '\n' ' ')" \
    "$(awk '{ print $3 "/" $4 }' "$work/$name.$jobs" | sort -u | tr '\n' ' ')" \
    "$a" "$b" "$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.2f", a / b }')" \
    "$aw" "$bw" "$(awk -v a="$aw" -v b="$bw" 'BEGIN { printf "%.2f", a / b }')"
  if [ "$pair" != 0 ]; then
    p=$(median "$work/$name.pair" 1)
    printf " %9s %8s" "$p" "$(awk -v a="$a" -v p="$p" 'BEGIN { printf "%.2f", 2 * a / p }')"
  fi
  if [ -n "$base" ]; then
    c=$(median "$work/$name.base" 1)
    printf " %9s %9s" "$c" "$(awk -v b="$b" -v c="$c" 'BEGIN { printf "%.2f", c / b }')"
  fi
  echo
  echo "  jobs 1: $counts1  jobs $jobs: $countsj"
  case "$counts1" in *error*|*incomplete*) echo "  (jobs 1 did not finish)";; esac
  case "$countsj" in *error*|*incomplete*) echo "  (jobs $jobs did not finish)";; esac
  # Executions and findings must agree (sleep-blocked ones may differ).
  e1=$(awk '{ print $3, $5, $6 }' "$work/$name.1" | sort -u)
  ej=$(awk '{ print $3, $5, $6 }' "$work/$name.$jobs" | sort -u)
  [ "$e1" = "$ej" ] || echo "  DIFFERENT executions, verdict or findings"
  for other in pair base; do
    [ -s "$work/$name.$other" ] || continue
    eo=$(awk '{ print $3, $5, $6 }' "$work/$name.$other" | sort -u)
    [ "$e1" = "$eo" ] || echo "  DIFFERENT executions, verdict or findings ($other)"
  done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
