# Shared by the masking benchmarks: builds petri-masking's test classes and runs one benchmark class on them.
# Usage (from the repository root): run_masking_benchmark CLASS HEAP [ARGS...]
run_masking_benchmark() {
  local cls="$1" heap="$2"
  shift 2
  ./mvnw -B -q -o -pl petri-masking -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
  local cp="petri-masking/target/test-classes:petri-masking/target/classes:$(cat petri-masking/target/bench-classpath.txt)"
  exec java "-Xmx$heap" -Djava.util.logging.manager=java.util.logging.LogManager -cp "$cp" \
    "dev.petri.masking.bench.$cls" "$@"
}
