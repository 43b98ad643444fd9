#!/usr/bin/env bash
# Many-small-tables benchmark: stages, masks and finishes a source of TABLES tables (default 1,000) of
# ROWS rows each (default 20) and prints the time of each step and per table.
# Usage: bench/many-tables.sh [TABLES] [ROWS]
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
run_masking_benchmark ManyTablesBenchmark 1g "$@"
