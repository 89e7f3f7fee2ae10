package dev.toolstream.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolstream.agent.Agent;
import dev.toolstream.client.MessagesClient;
import dev.toolstream.internal.tools.ToolErrorMessages;
import dev.toolstream.testkit.Reply;
import dev.toolstream.testkit.ScriptedClaude;
import dev.toolstream.testkit.Turn;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A JVM killed with SIGKILL in the middle of a tool call, and two other instances on the same
 * PostgreSQL database racing to finish its run: exactly one does, no completed tool runs again,
 * and the model hears that the interrupted call may or may not have taken effect.
 */
@ExtendWith(PostgresServer.class)
class CrashTest {
  private static final long WAIT_SECONDS = 60;

  @TempDir Path folder;

  @Test
  void aRunKilledInAToolCallIsFinishedByExactlyOneOtherInstance(PostgresServer.Database database)
      throws Exception {
    Path effects = folder.resolve("effects.txt");
    Queue<Reply> replies = new ConcurrentLinkedQueue<>();
    replies.add(Turn.builder().toolUse("toolu_mail", "send_mail", "{}").build());
    replies.add(Turn.builder().toolUse("toolu_book", "book_room", "{}").build());
    replies.add(Turn.text("The mail went out; check whether the room was booked."));
    try (ScriptedClaude claude = ScriptedClaude.start(request -> replies.remove())) {
      Process crashing = startCrashingInstance(database.url(), claude.baseUrl(), effects);
      try {
        awaitLine(crashing, CrashingInstance.BLOCKING);
      } finally {
        crashing.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no last write.
      }
      assertThat(crashing.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();

      // Two instances whose clocks say the dead one's 30 s lease has expired race to recover.
      Instant later = Instant.now().plus(Duration.ofMinutes(5));
      List<Integer> recovered = new ArrayList<>();
      List<DurableResult> results = new ArrayList<>();
      CyclicBarrier barrier = new CyclicBarrier(2);
      ExecutorService instances = Executors.newFixedThreadPool(2);
      try (JdbcRunStore east = store(database, later);
          JdbcRunStore west = store(database, later);
          DurableAgent eastAgent = rescuer("east", claude, east, effects);
          DurableAgent westAgent = rescuer("west", claude, west, effects)) {
        List<Future<List<CompletableFuture<DurableResult>>>> races = new ArrayList<>();
        for (DurableAgent instance : List.of(eastAgent, westAgent)) {
          races.add(
              instances.submit(
                  () -> {
                    barrier.await();
                    return instance.recoverAbandoned();
                  }));
        }
        for (Future<List<CompletableFuture<DurableResult>>> race : races) {
          List<CompletableFuture<DurableResult>> runs = race.get(WAIT_SECONDS, TimeUnit.SECONDS);
          recovered.add(runs.size());
          for (CompletableFuture<DurableResult> run : runs) {
            results.add(run.get(WAIT_SECONDS, TimeUnit.SECONDS));
          }
        }
      } finally {
        instances.shutdownNow();
      }

      assertThat(recovered).as("runs recovered by each instance").containsExactlyInAnyOrder(0, 1);
      assertThat(results).hasSize(1);
      DurableResult result = results.get(0);
      assertThat(result.status()).isEqualTo(RunStatus.DONE);
      assertThat(Files.readAllLines(effects))
          .as("each tool's effect, once: send_mail completed, book_room was interrupted")
          .containsExactly("send_mail", "book_room");
      JsonNode results3 = lastMessage(claude.requests().get(2).messages());
      assertThat(results3.get(0).get("tool_use_id").asString()).isEqualTo("toolu_book");
      assertThat(results3.get(0).get("is_error").asBoolean()).isTrue();
      JsonNode content = results3.get(0).get("content");
      assertThat(content.isString() ? content.asString() : content.get(0).get("text").asString())
          .isEqualTo(ToolErrorMessages.interrupted());
      try (JdbcRunStore check = store(database, later)) {
        RunRecord run = check.find(result.runId()).orElseThrow();
        assertThat(run.claims()).as("claims of the run").isEqualTo(1);
        assertThat(run.status()).isEqualTo(RunStatus.DONE);
        assertThat(run.turns()).isEqualTo(3);
      }
    }
  }

  private static JsonNode lastMessage(List<JsonNode> messages) {
    return messages.get(messages.size() - 1).get("content");
  }

  private static JdbcRunStore store(PostgresServer.Database database, Instant now) {
    return JdbcRunStore.builder().url(database.url()).clock(new MutableClock(now)).build();
  }

  private static DurableAgent rescuer(
      String owner, ScriptedClaude claude, JdbcRunStore store, Path effects) {
    Agent agent =
        Agent.builder()
            .client(MessagesClient.builder().apiKey("sk-test").baseUrl(claude.baseUrl()).maxRetries(0).build())
            .model("claude-sonnet-4-6")
            .maxTokens(1024)
            .tool(CrashingInstance.sideEffect("send_mail", effects, () -> {}))
            .tool(CrashingInstance.sideEffect("book_room", effects, () -> {}))
            .build();
    return DurableAgent.builder(agent, store).owner(owner).build();
  }

  private static Process startCrashingInstance(String url, String claude, Path effects)
      throws java.io.IOException {
    String classPath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    return new ProcessBuilder(
            java.toString(), "-cp", classPath, CrashingInstance.class.getName(), url, claude,
            effects.toString())
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
  }

  /** Reads the process's output until {@code expected}; fails if it ends first or takes long. */
  private static void awaitLine(Process process, String expected) throws InterruptedException {
    CountDownLatch seen = new CountDownLatch(1);
    List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader out =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                  lines.add(line);
                  if (line.equals(expected)) {
                    seen.countDown();
                  }
                }
              } catch (java.io.IOException ignored) {
                // The process was killed.
              }
            });
    reader.setDaemon(true);
    reader.start();
    assertThat(seen.await(WAIT_SECONDS, TimeUnit.SECONDS))
        .as("the crashing instance reached book_room; its output: " + lines)
        .isTrue();
  }
}
