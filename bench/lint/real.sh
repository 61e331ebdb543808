#!/usr/bin/env bash
# Times tangle-lint against `clang -fsyntax-only -w` with the same flags on
# real multi-threaded C projects you have checked out (this script fetches
# nothing): each file alone, as a build would lint it, and the files linked
# into one program, side by side; prints the ratios. The target is <= 1.5x.
#
# usage: bench/lint/real.sh [-b build-dir] NAME=DIR[:FLAGS] ...
#   NAME   a label;  DIR  the project's source directory (its *.c files are
#   and *.cc/*.cpp files are linted);  FLAGS  compiler flags, comma-separated
#   e.g. bench/lint/real.sh pigz=/tmp/pigz axel=/tmp/axel/src:-include,config.h,-I..,-I. \
#          threadpool=/tmp/C-Thread-Pool
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
build=$root/build
if [ "${1:-}" = -b ]; then build=$2; shift 2; fi
[ $# -gt 0 ] || { sed -n '2,12p' "$0" >&2; exit 2; }
lint=$build/bin/tangle-lint
clang=${CLANG:-$(command -v clang-14 || command -v clang)}
repeats=${REPEATS:-3}
[ -x "$lint" ] || { echo "no $lint; build the tangle-lint target first" >&2; exit 2; }

# user + system CPU seconds of "$@" (the wall clock on a shared machine
# measures the neighbours).
cpu_of() {
  { TIMEFORMAT='%U %S'; time "$@" > /dev/null 2>&1; } 2>&1 | tail -1 | awk '{print $1 + $2}'
}
median() { sort -n | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
# Side by side: the peer command (array PEER) and tangle-lint's (array LINT)
# run in turn $repeats times, so both see the same load; the median of each.
side_by_side() {
  local p="" l=""
  for _ in $(seq "$repeats"); do
    p+="$(cpu_of "${PEER[@]}")"$'\n'
    l+="$(cpu_of "${LINT[@]}")"$'\n'
  done
  report "$1" "$(printf '%s' "$p" | median)" "$(printf '%s' "$l" | median)"
}
# Exit 1 (findings) is a normal lint result.
lint_run() { "$lint" "$@" || [ $? -eq 1 ]; }
clang_each() {
  local flags=$1; shift
  for f in "$@"; do "$clang" -fsyntax-only -w $flags "$f"; done
}
lint_each() {
  local flags=$1; shift
  for f in "$@"; do lint_run "$f" -- $flags; done
}

echo "# $(uptime); median of $repeats, CPU seconds (user + system), interleaved"
printf '%-34s %10s %12s %8s\n' "input" "clang (s)" "tangle-lint" "ratio"
report() {
  printf '%-34s %10.2f %12.2f %7.2fx\n' "$1" "$2" "$3" "$(echo "$3 / $2" | bc -l)"
}
for spec in "$@"; do
  name=${spec%%=*}; rest=${spec#*=}
  dir=${rest%%:*}; flags=""
  [ "$rest" != "$dir" ] && flags=$(echo "${rest#*:}" | tr ',' ' ')
  cd "$dir"
  shopt -s nullglob
  files=(*.c *.cc *.cpp)
  shopt -u nullglob
  # Each file alone; the largest are listed on their own.
  for f in $(ls -S "${files[@]}" | head -3); do
    PEER=(clang_each "$flags" "$f"); LINT=(lint_each "$flags" "$f")
    side_by_side "$name/$f ($(wc -l < "$f") lines)"
  done
  PEER=(clang_each "$flags" "${files[@]}"); LINT=(lint_each "$flags" "${files[@]}")
  side_by_side "$name: ${#files[@]} files, one by one"
  # Linked: one tangle-lint run over all files against clang on each.
  LINT=(lint_run "${files[@]}" -- $flags)
  side_by_side "$name: ${#files[@]} files, linked"
  cd - > /dev/null
done
