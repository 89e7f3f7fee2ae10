#!/usr/bin/env bash
# Runs every Toolstream benchmark and prints the README's Performance tables.
#
#   agent-bench/run.sh                 # everything, about 10 minutes on 2 cores
#   agent-bench/run.sh -f 3 -i 10      # extra arguments go to JMH (forks, iterations, ...)
#
# Builds agent-bench/target/benchmarks.jar with -Pbench (no install), runs the JMH benchmarks with
# the GC profiler, then the delivery-latency harness. Results: agent-bench/target/jmh-result.json.
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=agent-bench/target/benchmarks.jar
RESULT=agent-bench/target/jmh-result.json

mvn -B -q -Pbench -pl agent-bench -am package -DskipTests
java -jar "$JAR" 'StreamBenchmark|AssemblyBenchmark' -prof gc -rf json -rff "$RESULT" "$@"
java -cp "$JAR" dev.toolstream.bench.Report "$RESULT"
java -Xms512m -Xmx512m -cp "$JAR" dev.toolstream.bench.DeliveryLatency
