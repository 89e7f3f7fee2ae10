package dev.toolstream.bench;

import dev.toolstream.agent.Agent;
import dev.toolstream.agent.AgentResult;
import dev.toolstream.agent.ToolSpec;
import dev.toolstream.client.MessagesClient;
import dev.toolstream.messages.Message;
import dev.toolstream.stream.MessageStream;
import dev.toolstream.stream.StreamEvent;
import dev.toolstream.testkit.Script;
import dev.toolstream.testkit.ScriptedClaude;
import dev.toolstream.testkit.Turn;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;

/**
 * The scale run, against the test kit on loopback: 200 concurrent agent runs (wall time, peak
 * client threads, heap held per run in flight), then 10,000 sequential streams and 1,000 streams
 * cancelled after their first delta, checking that no threads or pooled connections are left
 * behind; then 5,000 tool calls in a row that outlive their timeout and 1,000 interrupted runs,
 * checking that each ends as documented ({@link OutcomeLoops}). Prints markdown tables; throws if
 * a run fails, and exits with 1 if something leaks or an outcome is not the documented one.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.toolstream.bench.ScaleRun [concurrent] [sequential]
 * [cancelled] [timed-out calls] [interrupted runs]}.
 */
public final class ScaleRun {
  private ScaleRun() {}

  /** Runs the five parts and prints their tables. */
  public static void main(String[] args) throws Exception {
    int concurrent = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    int sequential = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    int cancelled = args.length > 2 ? Integer.parseInt(args[2]) : 1_000;
    int timedOut = args.length > 3 ? Integer.parseInt(args[3]) : 5_000;
    int interrupted = args.length > 4 ? Integer.parseInt(args[4]) : 1_000;
    LeakWarnings warnings = LeakWarnings.install();
    System.out.printf("%n| scale run | result |%n|---|---|%n");
    concurrentRuns(concurrent);
    boolean clean = sequentialStreams(sequential, warnings);
    clean &= cancelledStreams(cancelled, warnings);
    clean &= OutcomeLoops.timedOutCalls(timedOut);
    clean &= OutcomeLoops.interruptedRuns(interrupted);
    System.exit(clean ? 0 : 1);
  }

  private static void concurrentRuns(int runs) throws Exception {
    OkHttpClient http = new OkHttpClient();
    try (ScriptedClaude claude = ScriptedClaude.start(NoopAgent.SCRIPT)) {
      Agent agent = NoopAgent.agent(NoopAgent.client(claude.baseUrl(), http));
      awaitAll(List.of(agent.runAsync("warm-up")), 1);
      int threadsBefore = ThreadCensus.clientThreads();
      long wall;
      int peak;
      try (ThreadCensus census = ThreadCensus.start()) {
        long start = System.nanoTime();
        List<CompletableFuture<AgentResult>> futures = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
          futures.add(agent.runAsync("What's the weather in Tokyo?"));
        }
        awaitAll(futures, runs);
        wall = System.nanoTime() - start;
        peak = census.peak();
      }
      row("%d concurrent agent runs (2 turns, 1 no-op tool call each): wall time", runs);
      System.out.printf(Locale.ROOT, "%.0f ms |%n", wall / 1e6);
      row("peak client threads (before: %d; test-kit server threads not counted)", threadsBefore);
      System.out.printf("%d |%n", peak);
      long perRun = heldHeapPerRun(claude, http, runs);
      row("heap held per run in flight (all %d parked in their tool call, after full GC)", runs);
      System.out.printf(Locale.ROOT, "%.1f KB |%n", perRun / 1e3);
    } finally {
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
  }

  /** Parks every run inside its tool call, then measures the heap they hold together. */
  private static long heldHeapPerRun(ScriptedClaude claude, OkHttpClient http, int runs)
      throws Exception {
    CountDownLatch arrived = new CountDownLatch(runs);
    CountDownLatch release = new CountDownLatch(1);
    ToolSpec parked =
        NoopAgent.parked(
            () -> {
              arrived.countDown();
              release.await();
            });
    Agent agent =
        Agent.builder()
            .client(NoopAgent.client(claude.baseUrl(), http))
            .model("claude-sonnet-4-6")
            .maxTokens(1024)
            .tool(parked)
            .build();
    long before = ThreadCensus.heapAfterGc();
    List<CompletableFuture<AgentResult>> futures = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      futures.add(agent.runAsync("What's the weather in Tokyo?"));
    }
    if (!arrived.await(2, TimeUnit.MINUTES)) {
      throw new IllegalStateException("not every run reached its tool call");
    }
    long during = ThreadCensus.heapAfterGc();
    release.countDown();
    awaitAll(futures, runs);
    return (during - before) / runs;
  }

  private static boolean sequentialStreams(int streams, LeakWarnings warnings) throws Exception {
    OkHttpClient http = new OkHttpClient();
    Turn reply = Turn.builder().textDeltas("Hello", ", ", "world", ".").build();
    try (ScriptedClaude claude = ScriptedClaude.start((Script) request -> reply)) {
      MessagesClient client = NoopAgent.client(claude.baseUrl(), http);
      Map<String, Integer> before = ThreadCensus.families();
      long start = System.nanoTime();
      for (int i = 0; i < streams; i++) {
        try (MessageStream stream = client.stream(ToolstreamReader.request())) {
          Message message = stream.finalMessage();
          if (message.content().isEmpty()) {
            throw new IllegalStateException("stream " + i + " had no content");
          }
        }
      }
      long wall = System.nanoTime() - start;
      row("%,d sequential streams: wall time", streams);
      System.out.printf(
          Locale.ROOT, "%.0f ms (%.0f µs each) |%n", wall / 1e6, wall / 1e3 / streams);
      return leftBehind("after %,d sequential streams", streams, before, http, 1, warnings);
    } finally {
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
  }

  private static boolean cancelledStreams(int streams, LeakWarnings warnings) throws Exception {
    OkHttpClient http = new OkHttpClient();
    Turn stalled =
        Turn.builder()
            .textDeltas("one ", "two ", "three ", "four ", "five ", "six ", "seven ", "eight ")
            .stallAfter(5)
            .build();
    try (ScriptedClaude claude = ScriptedClaude.start((Script) request -> stalled)) {
      MessagesClient client = NoopAgent.client(claude.baseUrl(), http);
      Map<String, Integer> before = ThreadCensus.families();
      long start = System.nanoTime();
      for (int i = 0; i < streams; i++) {
        try (MessageStream stream = client.stream(ToolstreamReader.request())) {
          for (StreamEvent event : stream) {
            if (event instanceof StreamEvent.ContentBlockDelta) {
              break;
            }
          }
        }
      }
      long wall = System.nanoTime() - start;
      int seen = 0;
      while (seen < streams && claude.awaitClientDisconnect(Duration.ofSeconds(5))) {
        seen++;
      }
      row("%,d streams cancelled after their first delta: wall time", streams);
      System.out.printf(
          Locale.ROOT,
          "%.0f ms; server saw %,d disconnects |%n",
          wall / 1e6,
          claude.clientDisconnects());
      return leftBehind("after %,d cancelled streams", streams, before, http, 0, warnings);
    } finally {
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
  }

  /**
   * Prints the threads and pooled connections left and OkHttp's leak warnings; returns false if
   * more than {@code allowedPooled} connections are left or OkHttp saw a leaked connection.
   */
  private static boolean leftBehind(
      String what,
      int count,
      Map<String, Integer> before,
      OkHttpClient http,
      int allowedPooled,
      LeakWarnings warnings) {
    ThreadCensus.heapAfterGc(); // OkHttp reports a leaked connection when its call is collected.
    int leaks = warnings.takeCount();
    Map<String, Integer> after = ThreadCensus.families();
    List<String> grown = new ArrayList<>();
    after.forEach(
        (family, n) -> {
          if (n > before.getOrDefault(family, 0)) {
            grown.add(family + " +" + (n - before.getOrDefault(family, 0)));
          }
        });
    int pooled = http.connectionPool().connectionCount();
    row(what + ": threads added; pooled connections; OkHttp leak warnings", count);
    System.out.printf(
        "%s; %d pooled (%d idle); %d leaked%s |%n",
        grown.isEmpty() ? "no threads added" : String.join(", ", grown),
        pooled,
        http.connectionPool().idleConnectionCount(),
        leaks,
        pooled > allowedPooled || leaks > 0 ? " **LEAK**" : "");
    return pooled <= allowedPooled && leaks == 0;
  }

  private static void awaitAll(List<CompletableFuture<AgentResult>> futures, int expected)
      throws Exception {
    int ok = 0;
    for (CompletableFuture<AgentResult> future : futures) {
      AgentResult result = future.get(5, TimeUnit.MINUTES);
      if (result.turns() == 2 && result.text().equals("ok")) {
        ok++;
      }
    }
    if (ok != expected) {
      throw new IllegalStateException(ok + " of " + expected + " runs ended as scripted");
    }
  }

  private static void row(String format, Object arg) {
    System.out.printf("| " + format + " | ", arg);
  }
}
