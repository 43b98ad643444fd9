#!/usr/bin/env bash
# Many-small-tables benchmark: stages, masks and finishes a source of TABLES tables (default 1,000) of
# ROWS rows each (default 20) and prints the time of each step and per table.
# Usage: bench/many-tables.sh [TABLES] [ROWS]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -o -pl petri-masking -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
CP="petri-masking/target/test-classes:petri-masking/target/classes:$(cat petri-masking/target/bench-classpath.txt)"
exec java -Xmx1g -Djava.util.logging.manager=java.util.logging.LogManager -cp "$CP" \
  dev.petri.masking.bench.ManyTablesBenchmark "$@"
