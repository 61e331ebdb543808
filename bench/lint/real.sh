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

# Best of $repeats: user + system CPU seconds of "$@" (the wall clock on a
# shared machine measures the neighbours).
best_of() {
  local best="" t
  for _ in $(seq "$repeats"); do
    t=$( { TIMEFORMAT='%U %S'; time "$@" > /dev/null 2>&1; } 2>&1 | tail -1 | awk '{print $1 + $2}')
    if [ -z "$best" ] || [ "$(echo "$t < $best" | bc -l)" = 1 ]; then best=$t; fi
  done
  echo "$best"
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
    c=$(best_of clang_each "$flags" "$f"); l=$(best_of lint_each "$flags" "$f")
    report "$name/$f ($(wc -l < "$f") lines)" "$c" "$l"
  done
  c=$(best_of clang_each "$flags" "${files[@]}"); l=$(best_of lint_each "$flags" "${files[@]}")
  report "$name: ${#files[@]} files, one by one" "$c" "$l"
  # Linked: one tangle-lint run over all files against clang on each.
  l=$(best_of lint_run "${files[@]}" -- $flags)
  report "$name: ${#files[@]} files, linked" "$c" "$l"
  cd - > /dev/null
done
