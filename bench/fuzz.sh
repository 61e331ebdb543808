#!/usr/bin/env bash
# Runs tangle's libFuzzer targets for longer than the tests do (docs/fuzzing.md):
#
#   bench/fuzz.sh [MINUTES] [TARGET...]     (default: 10 minutes each, all)
#
# TARGET is schedule, trace or suppressions. Targets run one after the other
# (the machine's other CPU is left to the rest), from their seed corpus in the
# tree plus what earlier runs found in build/fuzz/TARGET. A crash stops the
# script with libFuzzer's report; the input is saved as
# build/fuzz/TARGET-crash-*. Run `make build` first.
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$here/build}
minutes=${1:-10}
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(schedule trace suppressions)

seeds() {
  case "$1" in
    schedule | trace) echo "$here/model/fuzz/$1_corpus" ;;
    suppressions) echo "$here/cli/fuzz/$1_corpus" ;;
    *) echo "bench/fuzz.sh: unknown target '$1'" >&2; exit 2 ;;
  esac
}

for target in "${targets[@]}"; do
  corpus=$(seeds "$target")
  binary=$build/bin/fuzz-$target
  [ -x "$binary" ] || { echo "bench/fuzz.sh: $binary missing; run make build" >&2; exit 2; }
  work=$build/fuzz/$target
  mkdir -p "$work"
  echo "== fuzz-$target for $minutes min" >&2
  start=$(date +%s)
  "$binary" -max_total_time=$((minutes * 60)) -max_len=4096 -rss_limit_mb=2048 \
    -timeout=20 -print_final_stats=1 -artifact_prefix="$work-" "$work" "$corpus"
  echo "== fuzz-$target: no crash in $(( $(date +%s) - start )) s" >&2
done
