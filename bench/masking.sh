#!/usr/bin/env bash
# Masking benchmark: generates a database whose largest table has ROWS rows (default 1,000,000) with
# names, e-mails, phones, cards, national ids, free text and JSON, and prints Petri's masking time
# next to a plain set-based rewrite and a row-by-row JDBC update of the same columns.
# Usage: bench/masking.sh [ROWS] [ROW_BY_ROW_SAMPLE] [warm] [durable]
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
run_masking_benchmark MaskingBenchmark 4g "$@"
