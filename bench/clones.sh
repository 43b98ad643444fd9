#!/usr/bin/env bash
# Clone benchmark: PostgresEngine.cloneDatabase on images of about 10 MB, 1 GB and 5 GB, on the default
# filesystem and on an XFS reflink loop mount it creates (needs root and xfsprogs; skipped otherwise).
# Usage: bench/clones.sh [--work DIR] [--sizes 10MB,1GB,5GB] [--repeat 3] [--xfs-size 20G]
#                        [--only-default | --only-reflink]
# Needs about 12 GB free under the work directory (default /tmp/petri-bench) for the default sizes.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
(cd "$ROOT" && ./mvnw -B -q -pl petri-bench -am -DskipTests package) >&2
exec "$JAVA" -Xmx512m -cp "$ROOT/petri-bench/target/classes:$(cat "$ROOT/petri-bench/target/classpath.txt")" \
  dev.petri.bench.CloneBenchmark "$@"
