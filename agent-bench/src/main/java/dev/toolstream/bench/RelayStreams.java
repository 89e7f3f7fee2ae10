package dev.toolstream.bench;

import com.sun.management.OperatingSystemMXBean;
import com.sun.management.UnixOperatingSystemMXBean;
import dev.toolstream.agent.Agent;
import dev.toolstream.agent.ToolSpec;
import dev.toolstream.client.MessagesClient;
import dev.toolstream.examples.weather.web.WeatherServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;

/**
 * Ten thousand concurrent browser streams through the weather agent's web relay ({@link
 * WeatherServer}) in one JVM. On Java 21 or newer the server's request threads ({@link
 * WeatherServer.Builder#threadFactory}), its runs ({@link WeatherServer.Builder#runExecutor}) and
 * the agent's tool calls ({@link Agent.Builder#toolExecutor}) are virtual threads; on Java 17 (or
 * with {@code --platform}) they are the defaults, platform threads, which is how the Java 17
 * limit is measured.
 *
 * <p>Three processes: this one serves (the server, its agent, the parked tool calls); the scripted
 * Claude ({@link ScriptedServer}, two turns: a sentence and a tool call, then the tool's result as
 * the answer) and the browsers ({@link RelayClient}, one NIO thread, one connection per stream)
 * each run in a process of their own, so that each process holds only its own side of each
 * connection: this one holds one browser connection per stream, the others' file descriptors count
 * elsewhere. Each run's tool call waits until every stream is live, so all of them are in flight at
 * once, each having sent its first {@code text} and its {@code tool_call} to its browser; a parked
 * run holds no connection to the model (its first turn's went back to the pool).
 *
 * <p>Once every stream is live, the harness reads the heap (after full collections) and the
 * platform threads, measures the CPU the server spends over {@value #HOLD_SECONDS} seconds of
 * parked streams (the heartbeats, one {@code : ping} per stream per second), then releases the
 * runs in waves of {@value #WAVE}: a released run's second turn opens a connection to the model,
 * and ten thousand at once next to ten thousand browser connections would pass this machine's
 * limit of 20,000 open files per process (a hard limit here; against the API, HTTP/2 carries many
 * streams on one connection). The client checks every stream's events and reports the time from
 * its connect to its first {@code text} (p50, p99, max). Exits with 1 unless every stream ended
 * as scripted.
 *
 * <p>Usage, from the repository root after {@code mvn -B -q -Pbench -pl agent-bench -am package
 * -DskipTests}: {@code /usr/lib/jvm/temurin-25-jdk-amd64/bin/java -Xmx2g -cp
 * agent-bench/target/benchmarks.jar dev.toolstream.bench.RelayStreams [streams] [--platform]};
 * 10,000 streams by default; {@code -Dbench.modelJava=PATH} runs the scripted Claude on another
 * {@code java}, such as a Java 21+ one when this one is Java 17. Needs an open-files limit
 * ({@code ulimit -n}) above the streams plus the wave, with some room.
 */
public final class RelayStreams {
  private static final int WAVE = 1_000;
  private static final int HOLD_SECONDS = 5;
  private static final int OPENING = 32;
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final OperatingSystemMXBean OS =
      (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private RelayStreams() {}

  /** Runs the measurement and prints its table. */
  public static void main(String[] args) throws Exception {
    ScaleArgs scale = ScaleArgs.parse(args);
    int streams = scale.count();
    boolean platform = scale.platform();
    long files = ((UnixOperatingSystemMXBean) OS).getMaxFileDescriptorCount();
    if (files < streams + Math.min(WAVE, streams) + 200L) {
      System.err.printf(
          Locale.ROOT,
          "%,d streams need more open files than this process may have (%,d): one per browser"
              + " connection, one per run's model connection in a wave of %,d, and about 200"
              + " more. Raise the limit first (ulimit -n), or ask for fewer streams.%n",
          streams,
          files,
          WAVE);
      System.exit(2);
    }
    String java = ProcessHandle.current().info().command().orElse("java");
    String classPath = System.getProperty("java.class.path");
    Process model =
        new ProcessBuilder(
                // Another java for the model, such as a Java 21+ one (virtual threads) when this
                // one is Java 17, so that only this JVM's threads are platform threads per stream.
                System.getProperty("bench.modelJava", java),
                "-cp",
                classPath,
                ScriptedServer.class.getName())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    try {
      String baseUrl =
          new BufferedReader(new InputStreamReader(model.getInputStream(), StandardCharsets.UTF_8))
              .readLine();
      System.exit(measure(java, classPath, baseUrl, streams, platform) ? 0 : 1);
    } finally {
      model.getOutputStream().close(); // The model ends when its stdin closes.
      model.waitFor(10, TimeUnit.SECONDS);
      model.destroy();
    }
  }

  private static boolean measure(
      String java, String classPath, String baseUrl, int streams, boolean platform)
      throws Exception {
    ExecutorService runs = platform ? null : VirtualThreads.perTask("run-");
    ExecutorService tools = platform ? null : VirtualThreads.perTask("tool-");
    Parking parking = new Parking(streams);
    OkHttpClient http = new OkHttpClient();
    MessagesClient client =
        MessagesClient.builder()
            .apiKey("sk-ant-bench")
            .baseUrl(baseUrl)
            .maxRetries(0)
            .connectTimeout(Duration.ofMinutes(1))
            .okHttpClient(http)
            .build();
    Agent.Builder agent =
        Agent.builder()
            .client(client)
            .model("claude-sonnet-4-6")
            .maxTokens(1024)
            .tool(parking.tool())
            // Held until every stream is live, which on a busy machine can pass the default minute.
            .toolTimeout(Duration.ofMinutes(30));
    WeatherServer.Builder server =
        WeatherServer.builder()
            .agent((tools == null ? agent : agent.toolExecutor(tools)).build())
            .port(0)
            .maxConcurrentStreams(streams)
            .maxConnections(streams + 100);
    if (!platform) {
      server.threadFactory(VirtualThreads.factory("weather-server-")).runExecutor(runs);
    }
    try (WeatherServer relay = server.start()) {
      // Warm up in this JVM: the same streams, not parked, so what is measured is not the JIT.
      for (int round = 0; round < 3; round++) {
        RelayClient.Result warm = RelayClient.run(relay.url(), 300, OPENING, Duration.ofMinutes(2));
        if (warm.correct() != warm.streams()) {
          System.err.println("warm-up: " + warm.line());
          return false;
        }
      }
      parking.start();
      long heapBefore = ThreadCensus.heapAfterGc();
      long residentBefore = ThreadCensus.residentBytes();
      int platformBefore = THREADS.getThreadCount();
      THREADS.resetPeakThreadCount();

      Process browsers =
          new ProcessBuilder(
                  java,
                  "-Xmx512m",
                  "-cp",
                  classPath,
                  RelayClient.class.getName(),
                  relay.url().toString(),
                  Integer.toString(streams),
                  Integer.toString(OPENING))
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      long start = System.nanoTime();
      boolean live = parking.awaitAll(Duration.ofMinutes(10)) && awaitLive(relay, streams);
      long liveAt = System.nanoTime();
      long heapLive = ThreadCensus.heapAfterGc();
      long residentLive = ThreadCensus.residentBytes();
      int platformLive = THREADS.getThreadCount();
      System.err.printf(
          Locale.ROOT, "%,d streams live; holding them %d s%n", relay.liveStreams(), HOLD_SECONDS);
      long cpuBefore = OS.getProcessCpuTime();
      long holdStart = System.nanoTime();
      Thread.sleep(HOLD_SECONDS * 1000L); // The figure: what held streams cost per second.
      double cpuShare =
          (OS.getProcessCpuTime() - cpuBefore) / (double) (System.nanoTime() - holdStart);
      int liveAfterHold = relay.liveStreams();
      if (!live) {
        System.err.println(
            parking.arrived() + " of " + streams + " runs reached their tool call; "
                + relay.liveStreams() + " streams live");
      }
      long releasedAt = System.nanoTime();
      for (int wave = 0; wave * WAVE < streams; wave++) {
        parking.release(wave);
        int left = Math.max(0, streams - (wave + 1) * WAVE);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (relay.liveStreams() > left && System.nanoTime() < deadline) {
          Thread.sleep(5);
        }
      }
      String line = new BufferedReader(
              new InputStreamReader(browsers.getInputStream(), StandardCharsets.UTF_8))
          .readLine();
      browsers.waitFor(1, TimeUnit.MINUTES);
      int peak = THREADS.getPeakThreadCount();
      Map<String, String> result = parse(line);
      long ended = System.nanoTime();

      System.out.printf(
          Locale.ROOT,
          "%n| %,d concurrent browser streams through WeatherServer (2 turns, 1 tool call each),"
              + " Java %s, %s, %d CPUs | result |%n|---|---:|%n",
          streams,
          Runtime.version(),
          platform ? "platform threads" : "virtual threads",
          Runtime.getRuntime().availableProcessors());
      row("streams that ended as scripted (`done` after text, tool_call, tool_result, text)",
          num(result, "correct"));
      row("`done` events, `error` events, streams failed",
          num(result, "done") + ", " + num(result, "errors") + ", " + num(result, "failed"));
      if (!"{}".equals(result.getOrDefault("failures", "{}"))) {
        row("failures", result.get("failures"));
      }
      row("all live (runs parked in their tool call), after", ms(liveAt - start)
          + " (client JVM start included)");
      row("server platform threads: before, all live, peak",
          platformBefore + ", " + platformLive + ", " + peak);
      row("server heap held per live stream (after full GC)",
          String.format(Locale.ROOT, "%.1f KB", (heapLive - heapBefore) / 1e3 / streams));
      row("server resident memory (RSS) grown per live stream",
          String.format(Locale.ROOT, "%.1f KB", (residentLive - residentBefore) / 1e3 / streams));
      row("server CPU while all are live (heartbeats)",
          String.format(Locale.ROOT, "%.1f%% of a core", 100 * cpuShare));
      row("streams still live after the " + HOLD_SECONDS + " s hold", String.format(
          Locale.ROOT, "%,d", liveAfterHold));
      row("time to first text (connect to first `text` event), p50", nsMs(result, "ttft_p50_ns"));
      row("time to first text, p99", nsMs(result, "ttft_p99_ns"));
      row("time to first text, max", nsMs(result, "ttft_max_ns"));
      row("released in waves of " + WAVE + ", all ended after", ms(ended - releasedAt));
      String correct = result.get("correct");
      return correct != null && Integer.parseInt(correct) == streams;
    } finally {
      if (runs != null) {
        runs.shutdown();
        tools.shutdown();
      }
      parking.releaseAll();
      http.dispatcher().executorService().shutdown();
    }
  }

  private static boolean awaitLive(WeatherServer relay, int streams) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    while (relay.liveStreams() < streams) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(5);
    }
    return true;
  }

  /** The tool that, once parking started, waits until its wave is released. */
  private static final class Parking {
    private final CountDownLatch arrived;
    private final CountDownLatch[] waves;
    private final AtomicInteger tickets = new AtomicInteger();
    private volatile boolean parking;

    Parking(int streams) {
      arrived = new CountDownLatch(streams);
      waves = new CountDownLatch[(streams + WAVE - 1) / WAVE];
      for (int i = 0; i < waves.length; i++) {
        waves[i] = new CountDownLatch(1);
      }
    }

    ToolSpec tool() {
      return NoopAgent.parked(
          () -> {
            if (parking) {
              int ticket = tickets.getAndIncrement();
              arrived.countDown();
              waves[Math.min(ticket / WAVE, waves.length - 1)].await();
            }
          });
    }

    void start() {
      parking = true;
    }

    boolean awaitAll(Duration timeout) throws InterruptedException {
      return arrived.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    long arrived() {
      return waves.length == 0 ? 0 : tickets.get();
    }

    void release(int wave) {
      waves[wave].countDown();
    }

    void releaseAll() {
      for (CountDownLatch wave : waves) {
        wave.countDown();
      }
    }
  }

  private static Map<String, String> parse(String line) {
    Map<String, String> values = new HashMap<>();
    if (line == null || !line.startsWith("RESULT ")) {
      System.err.println("the client printed no result: " + line);
      return values;
    }
    for (String pair : line.substring(7).split(" ")) {
      int equals = pair.indexOf('=');
      values.put(pair.substring(0, equals), pair.substring(equals + 1));
    }
    return values;
  }

  private static String num(Map<String, String> result, String key) {
    String value = result.get(key);
    return value == null ? "?" : String.format(Locale.ROOT, "%,d", Long.parseLong(value));
  }

  private static String nsMs(Map<String, String> result, String key) {
    String value = result.get(key);
    return value == null ? "?" : ms(Long.parseLong(value));
  }

  private static String ms(long nanos) {
    return String.format(Locale.ROOT, "%,.0f ms", nanos / 1e6);
  }

  private static void row(String what, String value) {
    System.out.printf("| %s | %s |%n", what, value);
  }
}
