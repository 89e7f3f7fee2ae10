#!/usr/bin/env bash
# Runs every Toolstream benchmark and prints the README's Performance tables.
#
#   agent-bench/run.sh                 # everything, about 15 minutes on 2 cores
#   agent-bench/run.sh -f 3 -i 10      # extra arguments go to JMH (forks, iterations, ...)
#
# Builds agent-bench/target/benchmarks.jar (with -Pbench) and the weather jar, without installing
# anything; runs the JMH benchmarks with the GC profiler (results in
# agent-bench/target/jmh-result.json), then the delivery-latency, cold-start and scale harnesses,
# and, with a Java 21+ runtime at $JAVA21 (Temurin 25 by default, if installed), ten thousand
# concurrent runs on virtual threads and the cold start with Java 25's AOT cache.
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=agent-bench/target/benchmarks.jar
RESULT=agent-bench/target/jmh-result.json

mvn -B -q -Pbench -pl agent-bench,agent-examples -am package -DskipTests
java -jar "$JAR" 'StreamBenchmark|AssemblyBenchmark|LayerBenchmark|AgentLoopBenchmark' \
  -prof gc -rf json -rff "$RESULT" "$@"
java -cp "$JAR" dev.toolstream.bench.Report "$RESULT"
java -Xms512m -Xmx512m -cp "$JAR" dev.toolstream.bench.DeliveryLatency
JAVA21=${JAVA21:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
if [ -x "$JAVA21" ]; then
  java -cp "$JAR" dev.toolstream.bench.ColdStart agent-examples/target/weather-agent.jar "$JAR" 7 "$JAVA21"
else
  java -cp "$JAR" dev.toolstream.bench.ColdStart agent-examples/target/weather-agent.jar "$JAR"
fi
java -Xmx1g -cp "$JAR" dev.toolstream.bench.ScaleRun
if [ -x "$JAVA21" ]; then
  "$JAVA21" -Xmx2g -cp "$JAR" dev.toolstream.bench.ConcurrentRuns 10000
fi
