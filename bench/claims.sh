#!/usr/bin/env bash
# The claims benchmark: ./bench/claims.sh [-Dclients=16] [-Drequests=500] [-Dpool=500] [-Drestores=48] [-Dwarmup=0]
# Builds the jars (unless SKIP_BUILD=1), starts Petri with PetriLocal and prints the figures.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
cd "$ROOT"
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  ./mvnw -B -q -o -DskipTests package >&2
fi
ENGINE_CP="$ROOT/petri-engine/target/classpath.txt"
if [ ! -f "$ENGINE_CP" ] || [ "$ROOT/petri-engine/pom.xml" -nt "$ENGINE_CP" ]; then
  ./mvnw -B -q -o -pl petri-engine dependency:build-classpath -Dmdep.outputFile="$ENGINE_CP" -Dmdep.includeScope=runtime >&2
fi
CP="$ROOT/petri-devstack/target/classes:$(cat "$ROOT/petri-devstack/target/classpath.txt"):$ROOT/petri-engine/target/classes:$(cat "$ENGINE_CP")"
exec "$JAVA" -Xmx512m "$@" -cp "$CP" "$ROOT/bench/ClaimsBenchmark.java" "$ROOT"
