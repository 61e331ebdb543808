#!/bin/sh
# The deep-bug table of docs/bench.md: tangle check (default budget) beside
# native runs and ThreadSanitizer. Usage: bench/deep_bugs.sh [--quick]
exec python3 "$(dirname "$0")/peer_tables.py" deep "$@"
