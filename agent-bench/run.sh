#!/usr/bin/env bash
# Runs every Toolstream benchmark and prints the README's Performance tables.
#
#   agent-bench/run.sh                 # everything, about 15 minutes on 2 cores
#   agent-bench/run.sh -f 3 -i 10      # extra arguments go to JMH (forks, iterations, ...)
#
# Builds agent-bench/target/benchmarks.jar (with -Pbench) and the weather jar, without installing
# anything; runs the JMH benchmarks with the GC profiler (results in
# agent-bench/target/jmh-result.json), agent-core's footprint, then the delivery-latency,
# cold-start and scale harnesses,
# and, with a Java 21+ runtime at $JAVA21 (Temurin 25 by default, if installed), ten thousand
# concurrent runs and ten thousand browser streams through the web relay on virtual threads, the
# same harnesses at 2,000 on Java 17's platform threads, and the cold start with Java 25's AOT
# cache.
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=agent-bench/target/benchmarks.jar
RESULT=agent-bench/target/jmh-result.json

mvn -B -q -Pbench -pl agent-bench,agent-examples -am package -DskipTests
java -jar "$JAR" 'StreamBenchmark|AssemblyBenchmark|LayerBenchmark|AgentLoopBenchmark' \
  -prof gc -rf json -rff "$RESULT" "$@"
java -cp "$JAR" dev.toolstream.bench.Report "$RESULT"
agent-bench/footprint.sh
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
  # Ten thousand browser streams: this JVM holds a connection (a file) per stream and the client's
  # JVM as many, so each needs an open-files limit above 11,200. Raise the soft limit to the hard
  # one (in a subshell); RelayStreams says so and stops if that is still too low.
  (ulimit -S -n "$(ulimit -H -n)" 2>/dev/null || true
   "$JAVA21" -Xmx2g -cp "$JAR" dev.toolstream.bench.RelayStreams 10000)
  # The Java 17 limit: the same harnesses on platform threads (the scripted model on $JAVA21).
  java -Xmx1g -Dbench.modelJava="$JAVA21" -cp "$JAR" dev.toolstream.bench.ConcurrentRuns 2000
  java -Xmx1g -Dbench.modelJava="$JAVA21" -cp "$JAR" dev.toolstream.bench.RelayStreams 2000
fi
