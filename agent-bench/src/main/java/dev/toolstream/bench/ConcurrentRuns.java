package dev.toolstream.bench;

import dev.toolstream.agent.Agent;
import dev.toolstream.agent.AgentListener;
import dev.toolstream.agent.AgentResult;
import dev.toolstream.agent.ToolSpec;
import dev.toolstream.client.MessagesClient;
import dev.toolstream.messages.MessageParam;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;

/**
 * Ten thousand concurrent agent runs in one JVM, on Java 21 or newer: each run (two turns, one
 * tool call) runs on a virtual thread, through {@link Agent#runAsync(List, AgentListener,
 * java.util.concurrent.Executor)} with an executor of virtual threads, and its tool call on
 * another ({@link Agent.Builder#toolExecutor}); the library itself is unchanged and stays Java 17.
 * The scripted Claude serves from a process of its own ({@link ScriptedServer}, its connections on
 * virtual threads too), so this JVM holds only the client side of each connection, as against the
 * API.
 *
 * <p>The runs are spread over agents on separate OkHttp connection pools, {@value #RUNS_PER_POOL}
 * runs each: an OkHttp pool looks through all its connections, under each one's lock, for every
 * new call, so one pool serving ten thousand streams at once spends its time there (a profile of
 * one pool at 2,000 runs has a quarter of the threads in {@code
 * RealConnectionPool.callAcquirePooledConnection}). Each pool keeps its idle connections, so a
 * run's second turn reuses the connection of its first.
 *
 * <p>Every run is held in its tool call until all have arrived, so all of them are in flight at
 * once; then they are released to finish. Prints the platform threads at the peak, the heap each
 * parked run holds (after full collections), the time from {@code runAsync} to each run's first
 * text (p50, p99, max) and the wall time; exits with 1 if a run did not end as scripted.
 *
 * <p>Usage, from the repository root after {@code mvn -B -q -Pbench -pl agent-bench -am package
 * -DskipTests}: {@code /usr/lib/jvm/temurin-25-jdk-amd64/bin/java -Xmx2g -cp
 * agent-bench/target/benchmarks.jar dev.toolstream.bench.ConcurrentRuns [runs] [--platform]};
 * 10,000 runs by default. On Java 17, or with {@code --platform}, the runs and tool calls take the
 * library's defaults instead, a platform thread each, which is how the Java 17 limit is
 * measured: {@code java -cp agent-bench/target/benchmarks.jar dev.toolstream.bench.ConcurrentRuns
 * 2000}; {@code -Dbench.modelJava=PATH} runs the scripted Claude on another {@code java},
 * such as a Java 21+ one so that its connections take virtual threads.
 */
public final class ConcurrentRuns {
  private static final String PROMPT = "What's the weather in Tokyo?";
  private static final int RUNS_PER_POOL = 250;
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private ConcurrentRuns() {}

  /** Runs the measurement and prints its table. */
  public static void main(String[] args) throws Exception {
    ScaleArgs scale = ScaleArgs.parse(args);
    int runs = scale.count();
    boolean platform = scale.platform();
    Process server =
        new ProcessBuilder(
                // Another java for the model, such as a Java 21+ one (virtual threads) when this
                // one is Java 17, so that only this JVM's threads are platform threads per run.
                System.getProperty(
                    "bench.modelJava", ProcessHandle.current().info().command().orElse("java")),
                "-cp",
                System.getProperty("java.class.path"),
                ScriptedServer.class.getName())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    try {
      String baseUrl =
          new BufferedReader(
                  new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))
              .readLine();
      System.exit(measure(baseUrl, runs, platform) ? 0 : 1);
    } finally {
      server.getOutputStream().close(); // The server ends when its stdin closes.
      server.waitFor(10, TimeUnit.SECONDS);
      server.destroy();
    }
  }

  private static boolean measure(String baseUrl, int runs, boolean platform) throws Exception {
    // On Java 17 (or with --platform) the library's defaults: a platform thread per run and per
    // running tool call.
    ExecutorService runThreads = platform ? null : VirtualThreads.perTask("run-");
    ExecutorService toolThreads = platform ? null : VirtualThreads.perTask("tool-");
    OkHttpClient http = new OkHttpClient();
    int pools = (runs + RUNS_PER_POOL - 1) / RUNS_PER_POOL;
    CountDownLatch arrived = new CountDownLatch(runs);
    CountDownLatch release = new CountDownLatch(1);
    Agent[] agents = new Agent[pools];
    for (int p = 0; p < pools; p++) {
      // The same dispatcher and threads; a pool of its own, keeping its connections for turn two.
      OkHttpClient pooled =
          http.newBuilder()
              .connectionPool(new ConnectionPool(RUNS_PER_POOL, 5, TimeUnit.MINUTES))
              .build();
      MessagesClient client =
          MessagesClient.builder()
              .apiKey("sk-ant-bench")
              .baseUrl(baseUrl)
              .maxRetries(0)
              .connectTimeout(Duration.ofMinutes(1))
              .okHttpClient(pooled)
              .build();
      if (p == 0) {
        warmUp(client, runThreads, toolThreads);
      }
      agents[p] = parkingAgent(client, toolThreads, arrived, release);
    }
    long heapBefore = ThreadCensus.heapAfterGc();
    long residentBefore = ThreadCensus.residentBytes();
    int platformBefore = THREADS.getThreadCount();
    THREADS.resetPeakThreadCount();

    long[] started = new long[runs];
    long[] firstText = new long[runs];
    List<CompletableFuture<AgentResult>> futures = new ArrayList<>(runs);
    long start = System.nanoTime();
    for (int i = 0; i < runs; i++) {
      int run = i;
      AgentListener listener =
          new AgentListener() {
            @Override
            public void onText(String text) {
              if (firstText[run] == 0) {
                firstText[run] = System.nanoTime();
              }
            }
          };
      started[i] = System.nanoTime();
      List<MessageParam> history = List.of(MessageParam.user(PROMPT));
      futures.add(
          runThreads == null
              ? agents[i % pools].runAsync(history, listener)
              : agents[i % pools].runAsync(history, listener, runThreads));
    }
    if (!arrived.await(10, TimeUnit.MINUTES)) {
      throw new IllegalStateException(
          (runs - arrived.getCount()) + " of " + runs + " runs reached their tool call");
    }
    long parkedAt = System.nanoTime();
    long heapParked = ThreadCensus.heapAfterGc();
    long residentParked = ThreadCensus.residentBytes();
    int platformParked = THREADS.getThreadCount();
    release.countDown();
    int ok = awaitAll(futures);
    long wall = System.nanoTime() - start;
    int peak = THREADS.getPeakThreadCount();

    long[] ttft = new long[runs];
    for (int i = 0; i < runs; i++) {
      ttft[i] = firstText[i] == 0 ? Long.MAX_VALUE : firstText[i] - started[i];
    }
    Arrays.sort(ttft);
    System.out.printf(
        Locale.ROOT,
        "%n| %,d concurrent agent runs (2 turns, 1 tool call each), Java %s, %s, %d CPUs | result |%n"
            + "|---|---:|%n",
        runs,
        Runtime.version(),
        platform ? "platform threads" : "virtual threads",
        Runtime.getRuntime().availableProcessors());
    row("runs that ended as scripted", String.format(Locale.ROOT, "%,d", ok));
    row("OkHttp connection pools (runs each)", pools + " (" + RUNS_PER_POOL + ")");
    row("all parked in their tool call, after", ms(parkedAt - start));
    row("wall time, first run started to last run ended", ms(wall));
    row(
        "platform threads: before, all parked, peak",
        platformBefore + ", " + platformParked + ", " + peak);
    row(
        "heap held per parked run (after full GC)",
        String.format(Locale.ROOT, "%.1f KB", (heapParked - heapBefore) / 1e3 / runs));
    row(
        "resident memory (RSS) grown per parked run",
        String.format(Locale.ROOT, "%.1f KB", (residentParked - residentBefore) / 1e3 / runs));
    row("time to first text, p50", ms(ttft[runs / 2]));
    row("time to first text, p99", ms(ttft[(int) Math.ceil(runs * 0.99) - 1]));
    row("time to first text, max", ms(ttft[runs - 1]));

    if (runThreads != null) {
      runThreads.shutdown();
      toolThreads.shutdown();
    }
    http.dispatcher().executorService().shutdown();
    return ok == runs;
  }

  /** Runs a few hundred runs first, so that what is measured is not the JIT warming up. */
  private static void warmUp(
      MessagesClient client,
      ExecutorService runThreads,
      ExecutorService toolThreads)
      throws Exception {
    Agent agent =
        toolThreads == null
            ? NoopAgent.agent(client)
            : NoopAgent.agent(client).newBuilder().toolExecutor(toolThreads).build();
    for (int round = 0; round < 3; round++) {
      List<CompletableFuture<AgentResult>> futures = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        futures.add(
            runThreads == null ? agent.runAsync(PROMPT) : agent.runAsync(PROMPT, runThreads));
      }
      awaitAll(futures);
    }
  }

  /** Returns the agent whose one tool waits, once called, until {@code release}. */
  private static Agent parkingAgent(
      MessagesClient client,
      ExecutorService toolThreads,
      CountDownLatch arrived,
      CountDownLatch release) {
    ToolSpec parked =
        NoopAgent.parked(
            () -> {
              arrived.countDown();
              release.await();
            });
    Agent.Builder agent =
        Agent.builder()
            .client(client)
            .model("claude-sonnet-4-6")
            .maxTokens(1024)
            .tool(parked)
            // Held until every run has arrived, which on a busy machine can pass the default
            // minute.
            .toolTimeout(Duration.ofMinutes(30));
    return (toolThreads == null ? agent : agent.toolExecutor(toolThreads)).build();
  }

  /** Waits for every run; returns how many ended as scripted (two turns, the tool's "ok"). */
  private static int awaitAll(List<CompletableFuture<AgentResult>> futures) throws Exception {
    int ok = 0;
    boolean told = false;
    for (CompletableFuture<AgentResult> future : futures) {
      AgentResult result = future.get(10, TimeUnit.MINUTES);
      if (result.turns() == 2 && result.text().equals("ok")) {
        ok++;
      } else if (!told) {
        told = true;
        System.err.println("a run ended otherwise: " + result.turns() + " turns, " + result.text());
      }
    }
    return ok;
  }

  private static String ms(long nanos) {
    return String.format(Locale.ROOT, "%,.0f ms", nanos / 1e6);
  }

  private static void row(String what, String value) {
    System.out.printf("| %s | %s |%n", what, value);
  }
}
