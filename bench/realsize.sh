#!/bin/sh
# The real-size table of docs/bench.md: tangle check (default budget) beside
# ThreadSanitizer. Usage: bench/realsize.sh [--quick]
exec python3 "$(dirname "$0")/peer_tables.py" realsize "$@"
