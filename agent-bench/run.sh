#!/usr/bin/env bash
# Runs every Toolstream benchmark and prints the README's Performance tables.
#
#   agent-bench/run.sh                 # everything, about 15 minutes on 2 cores
#   agent-bench/run.sh -f 3 -i 10      # extra arguments go to JMH (forks, iterations, ...)
#
# Builds agent-bench/target/benchmarks.jar (with -Pbench) and the weather jar, without installing
# anything; runs the JMH benchmarks with the GC profiler (results in
# agent-bench/target/jmh-result.json), then the delivery-latency, cold-start and scale harnesses.
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=agent-bench/target/benchmarks.jar
RESULT=agent-bench/target/jmh-result.json

mvn -B -q -Pbench -pl agent-bench,agent-examples -am package -DskipTests
java -jar "$JAR" 'StreamBenchmark|AssemblyBenchmark|LayerBenchmark|AgentLoopBenchmark' \
  -prof gc -rf json -rff "$RESULT" "$@"
java -cp "$JAR" dev.toolstream.bench.Report "$RESULT"
java -Xms512m -Xmx512m -cp "$JAR" dev.toolstream.bench.DeliveryLatency
java -cp "$JAR" dev.toolstream.bench.ColdStart agent-examples/target/weather-agent.jar "$JAR"
java -Xmx1g -cp "$JAR" dev.toolstream.bench.ScaleRun
