#!/usr/bin/env bash
# Times tangle-lint against `clang -fsyntax-only` on the same inputs and
# flags, side by side: the lint testcases, and one large generated
# translation unit. Prints the ratio; the target is <= 1.3x.
#
# usage: bench/lint/run.sh [build-dir] [functions-in-large-TU]
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build}
functions=${2:-2000}
lint=$build/bin/tangle-lint
clang=${CLANG:-$(command -v clang-14 || command -v clang)}
repeats=${REPEATS:-3}
[ -x "$lint" ] || { echo "no $lint; build the tangle-lint target first" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 "$root/bench/lint/gen_large.py" "$functions" > "$work/large.c"

now() { date +%s.%N; }

# Best of $repeats wall-clock seconds for running "$@" once per input file.
best_of() {
  local best="" start end t
  for _ in $(seq "$repeats"); do
    start=$(now)
    "$@" > /dev/null
    end=$(now)
    t=$(echo "$end - $start" | bc -l)
    if [ -z "$best" ] || [ "$(echo "$t < $best" | bc -l)" = 1 ]; then best=$t; fi
  done
  echo "$best"
}

flags_for() {
  case "$1" in
  *.cpp) echo "-std=c++17" ;;
  # The multi-file testcases, one file at a time: their header and the
  # SELLERS their database would give.
  */cross_tu_*) echo "-I$root/testcases/lint/Inputs/cross_tu -DSELLERS=4" ;;
  *) echo "" ;;
  esac
}

# Exit 1 (findings) is a normal lint result; 2 means the input did not
# compile, and then the timing would mean nothing.
lint_each() {
  for f in "$@"; do
    "$lint" "$f" -- $(flags_for "$f") || [ $? -eq 1 ] || { echo "tangle-lint failed on $f" >&2; exit 2; }
  done
}
clang_each() { for f in "$@"; do "$clang" -fsyntax-only -w $(flags_for "$f") "$f"; done; }

tests=("$root"/testcases/lint/*.c "$root"/testcases/lint/*.cpp)
tests=($(printf "%s\n" "${tests[@]}" | grep -v -e errors.c -e compile_db.c))

report() {
  local name=$1 clang_s=$2 lint_s=$3
  printf '%-28s %10.3f %12.3f %8.2fx\n' "$name" "$clang_s" "$lint_s" \
    "$(echo "$lint_s / $clang_s" | bc -l)"
}

printf '%-28s %10s %12s %9s\n' "input" "clang (s)" "tangle-lint" "ratio"
c=$(best_of clang_each "${tests[@]}"); l=$(best_of lint_each "${tests[@]}")
report "testcases/lint (${#tests[@]} files)" "$c" "$l"
c=$(best_of clang_each "$work/large.c"); l=$(best_of lint_each "$work/large.c")
report "generated TU ($(wc -l < "$work/large.c") lines)" "$c" "$l"
