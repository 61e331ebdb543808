#!/bin/sh
# Record mode's overhead in CPU time as well as wall time (docs/bench.md,
# "One event per lock/unlock pair"): on a loaded machine the wall-clock rows
# of record_overhead.sh move by more than a change; CPU time (task-clock of
# tangle and the program, `perf stat`, children included) moves less. Each
# round runs every command in turn; each row is the median of RUNS rounds.
#
#   bench/record_cpu.sh [BUILD_DIR] [RUNS]          (default: build 21)
#   PEER=OTHER_BUILD_DIR bench/record_cpu.sh ...    adds that build's column
#
# Rows: bench/lock_heavy.c (clang-14 -O2) with 1 x 8,000,000 pairs (no
# contention: the record path's own cost), 4 x 2,000,000 and 4 x 100,000;
# native and `tangle run --no-predict --hang-after 60`.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "${1:-build}" && pwd)
runs=${2:-21}
peer=${PEER:-}
peer=${peer:+$(cd "$peer" && pwd)}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"${CLANG:-clang-14}" -O2 -g -fno-omit-frame-pointer -pthread "$here/lock_heavy.c" -o "$work/lock"

median() { sort -g "$1" | awk '{ a[NR] = $1 } END { printf "%.1f", a[int((NR + 1) / 2)] }'; }
ratio() { echo "$1 / $2" | bc -l | xargs printf '%.2fx'; }
echo "load: $(uptime | sed 's/.*load average: //') (1, 5, 15 min); median of $runs rounds"
echo "| program | wall: native / tangle run${peer:+ / PEER} | CPU: native / tangle run${peer:+ / PEER} |"
echo "|---|---|---|"
for args in "8000000 1" "2000000" ""; do
  rm -f "$work"/*.wall "$work"/*.cpu
  set -- native "$build"
  [ -n "$peer" ] && set -- "$@" "$peer"
  for round in $(seq "$runs"); do
    for v in "$@"; do
      name=$(echo "$v" | tr / _)
      if [ "$v" = native ]; then command="$work/lock $args"
      else command="$v/bin/tangle run --no-predict --hang-after 60 -- $work/lock $args"; fi
      perf stat -x, -e task-clock $command 2> "$work/stat" > /dev/null ||
        { cat "$work/stat" >&2; exit 1; }
      grep task-clock "$work/stat" | cut -d, -f1 >> "$work/$name.cpu"
      start=$(date +%s%N)
      $command > /dev/null 2>&1
      end=$(date +%s%N)
      echo "($end - $start) / 1000000" | bc -l >> "$work/$name.wall"
    done
  done
  wall="" cpu=""
  nw=$(median "$work/native.wall") nc=$(median "$work/native.cpu")
  for v in "$@"; do
    name=$(echo "$v" | tr / _)
    w=$(median "$work/$name.wall") c=$(median "$work/$name.cpu")
    if [ "$v" = native ]; then wall="$w ms" cpu="$c ms"
    else wall="$wall / $w ms ($(ratio "$w" "$nw"))" cpu="$cpu / $c ms ($(ratio "$c" "$nc"))"; fi
  done
  echo "| lock ${args:-(4 x 100,000)} | $wall | $cpu |"
done
echo "load after: $(uptime | sed 's/.*load average: //')"
