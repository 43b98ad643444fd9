#!/usr/bin/env bash
# Masking benchmark: generates a database whose largest table has ROWS rows (default 1,000,000) with
# names, e-mails, phones, cards, national ids, free text and JSON, and prints Petri's masking time
# next to a plain set-based rewrite and a row-by-row JDBC update of the same columns.
# Usage: bench/masking.sh [ROWS] [ROW_BY_ROW_SAMPLE] [warm] [durable]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -o -pl petri-masking -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
CP="petri-masking/target/test-classes:petri-masking/target/classes:$(cat petri-masking/target/bench-classpath.txt)"
exec java -Xmx4g -Djava.util.logging.manager=java.util.logging.LogManager -cp "$CP" \
  dev.petri.masking.bench.MaskingBenchmark "$@"
