package dev.toolstream.mcp;

import static dev.toolstream.mcp.TestServers.agent;
import static dev.toolstream.mcp.TestServers.testServer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.toolstream.agent.Agent;
import dev.toolstream.agent.AgentTimer;
import dev.toolstream.agent.ToolOutput;
import dev.toolstream.agent.ToolSpec;
import dev.toolstream.messages.ContentBlock;
import dev.toolstream.testkit.ScriptedClaude;
import dev.toolstream.testkit.Turn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * A server that dies, answers garbage or hangs: the model gets an error result, the application a
 * listener event, and the reconnect policy decides about the next call.
 */
final class FailingServerTest {
  @TempDir Path dir;

  private static Turn call(String tool) {
    return Turn.builder().toolUse("toolu_" + tool, tool, "{}").stopReason("tool_use").build();
  }

  private static JsonNode secondResult(ScriptedClaude claude) throws InterruptedException {
    claude.takeRequest(Duration.ofSeconds(5));
    return claude.takeRequest(Duration.ofSeconds(5)).body().at("/messages/2/content/0");
  }

  @Test
  void aServerThatDiesAnswersWithAnErrorAndTheNextCallReconnects() throws Exception {
    RecordingListener events = new RecordingListener();
    try (McpConnection server = testServer("srv").listener(events).connect();
        ScriptedClaude claude =
            ScriptedClaude.start(
                call("die"), Turn.text("It died."), call("double"), Turn.text("."))) {
      Agent agent = agent(claude).tools(server.tools()).build();

      agent.run("Die.");
      JsonNode died = secondResult(claude);

      assertThat(died.get("is_error").asBoolean()).isTrue();
      assertThat(died.toString()).contains("MCP server \\\"srv\\\" failed");
      assertThat(events.await("failed srv ")).isTrue();

      agent.run("Double nothing.");
      claude.takeRequest(Duration.ofSeconds(5));
      JsonNode after = claude.takeRequest(Duration.ofSeconds(5)).body().at("/messages/2/content/0");
      assertThat(after.toString()).contains("required"); // Schema check, no call: "n" is missing.
    }
  }

  @Test
  void aFailedServerIsReconnectedOnTheNextCall() throws Exception {
    RecordingListener events = new RecordingListener();
    try (McpConnection server = testServer("srv").listener(events).connect()) {
      var die =
          server.tools().stream().filter(t -> t.name().equals("die")).findFirst().orElseThrow();
      var twice =
          server.tools().stream().filter(t -> t.name().equals("double")).findFirst().orElseThrow();

      assertThat(die.handler().call(json("{}"), new FixedContext()).isError()).isTrue();
      var output = twice.handler().call(json("{\"n\": 21}"), new FixedContext());

      assertThat(output.isError()).isFalse();
      assertThat(output.content().toString()).contains("42");
      assertThat(events.await("reconnected srv")).isTrue();
    }
  }

  @Test
  void withoutReconnectingAFailedServerStaysAnError() throws Exception {
    try (McpConnection server = testServer("srv").reconnect(ReconnectPolicy.never()).connect()) {
      var die =
          server.tools().stream().filter(t -> t.name().equals("die")).findFirst().orElseThrow();
      die.handler().call(json("{}"), new FixedContext());

      var output = die.handler().call(json("{}"), new FixedContext());

      assertThat(output.isError()).isTrue();
      assertThat(output.content().toString()).contains("does not reconnect");
    }
  }

  @Test
  void aServerThatAnswersGarbageGivesAnErrorResultAndAnEvent() throws Exception {
    RecordingListener events = new RecordingListener();
    try (McpConnection server = testServer("srv").listener(events).connect();
        ScriptedClaude claude = ScriptedClaude.start(call("garbage"), Turn.text("Broken."))) {
      agent(claude).tools(server.tools()).build().run("Garbage.");

      JsonNode result = secondResult(claude);

      assertThat(result.get("is_error").asBoolean()).isTrue();
      assertThat(result.toString()).contains("not a JSON-RPC message: this is not JSON-RPC");
      assertThat(events.await("failed srv wrote a line that is not a JSON-RPC message")).isTrue();
    }
  }

  @Test
  void aHangingCallTimesOutAndTheServerReceivesNotificationsCancelled() throws Exception {
    Path record = dir.resolve("received.jsonl");
    RecordingListener events = new RecordingListener();
    CountDownLatch called = new CountDownLatch(1);
    // Its time runs out at once, once the server has the call: no clock, and no timeout before it.
    TimeoutsFireAtOnce timer = new TimeoutsFireAtOnce(called);
    try (ScriptedClaude claude = ScriptedClaude.start(call("hang"), Turn.text("Gave up."))) {
      try (McpConnection server =
          testServer("srv")
              .environment("RECORD", record.toString())
              .toolTimeout(Duration.ofMillis(200))
              .listener(events)
              .sent(method -> EverythingServerTest.countDownOn("tools/call", method, called))
              .connect()) {
        AgentTimer.timer(agent(claude), timer).tools(server.tools()).build().run("Hang.");
        // The model is answered at once; the handler's thread then tells the server.
        assertThat(events.await("cancelled srv hang")).isTrue();
      } // Closing waits for the server to exit, so its record is complete.

      JsonNode result = secondResult(claude);
      assertThat(result.toString()).contains("timed out after 200 ms");
      assertThat(called.getCount()).as("the call reached the server before it timed out").isZero();
      String received = Files.readString(record);
      JsonNode call = TestJson.line(received, "tools/call");
      JsonNode cancelled = TestJson.line(received, "notifications/cancelled");
      assertThat(cancelled.at("/params/requestId")).isEqualTo(call.get("id"));
    } finally {
      timer.shutdownNow();
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "process.exit(7)", // Before the client writes anything.
        "process.stdin.once('data', () => process.exit(7))" // Once it has the initialize request.
      })
  void aServerThatExitsAtStartFailsToConnectAtOnceWithItsExitCode(String script) {
    // A connect timeout far longer than the test's bound: connecting must not wait for it.
    CompletableFuture<McpConnection> connecting =
        CompletableFuture.supplyAsync(
            () ->
                McpConnection.stdio("early", "node", "-e", script)
                    .connectTimeout(Duration.ofMinutes(5))
                    .connect());

    assertThatThrownBy(() -> connecting.get(60, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(McpConnectionException.class)
        .hasMessageContaining("could not connect to MCP server \"early\"")
        .hasMessageContaining("closed its output (exit code 7)");
  }

  @Test
  void aResultWithAnUnknownContentTypeSaysWhatWasLeftOutAndTheServerGoesOn() throws Exception {
    RecordingListener events = new RecordingListener();
    try (McpConnection server = testServer("srv").listener(events).connect()) {
      ToolOutput odd = tool(server, "odd").handler().call(json("{}"), new FixedContext());

      assertThat(odd.isError()).isFalse();
      assertThat(odd.content())
          .containsExactly(
              ContentBlock.text("before"),
              ContentBlock.text("[content of type hologram, which cannot be shown]"));
      ToolOutput doubled =
          tool(server, "double").handler().call(json("{\"n\": 2}"), new FixedContext());
      assertThat(doubled.content()).containsExactly(ContentBlock.text("4"));
      assertThat(events.events).as("no failure, no reconnection").isEmpty();
    }
  }

  @Test
  void aResultThatCannotBeReadIsAnErrorOfThatCallAndTheServerGoesOn() throws Exception {
    RecordingListener events = new RecordingListener();
    try (McpConnection server = testServer("srv").listener(events).connect()) {
      ToolOutput unreadable =
          tool(server, "unreadable").handler().call(json("{}"), new FixedContext());

      assertThat(unreadable.isError()).isTrue();
      assertThat(((ContentBlock.Text) unreadable.content().get(0)).text())
          .startsWith(
              "the MCP server \"srv\" answered the call of unreadable with a result that could not"
                  + " be read: ");
      ToolOutput doubled =
          tool(server, "double").handler().call(json("{\"n\": 2}"), new FixedContext());
      assertThat(doubled.content()).containsExactly(ContentBlock.text("4"));
      assertThat(events.events).as("no failure, no reconnection").isEmpty();
    }
  }

  @Test
  void aReconnectionThatHangsNeitherHoldsTheCallsWaitingForItNorClose() throws Exception {
    CountDownLatch reinitializing = new CountDownLatch(2); // The first connection's, then this.
    ExecutorService callers = Executors.newCachedThreadPool();
    try (McpConnection server =
        testServer("srv")
            .environment("HANG_AFTER_RESTART", dir.resolve("started").toString())
            .connectTimeout(Duration.ofSeconds(60))
            .sent(method -> EverythingServerTest.countDownOn("initialize", method, reinitializing))
            .connect()) {
      tool(server, "die").handler().call(json("{}"), new FixedContext());
      Future<ToolOutput> reconnecting = callers.submit(() -> twice(server));
      // The restarted server has the initialize request, and never answers it.
      assertThat(reinitializing.await(30, TimeUnit.SECONDS)).isTrue();
      AtomicReference<Thread> waiter = new AtomicReference<>();
      Future<ToolOutput> waiting =
          callers.submit(
              () -> {
                waiter.set(Thread.currentThread());
                return twice(server);
              });
      awaitBlocked(waiter);

      waiter.get().interrupt(); // As the agent does when a call times out or its run is cancelled.

      assertThat(waiting.get(10, TimeUnit.SECONDS).content().toString())
          .contains("the call of double was cancelled");
      CompletableFuture.runAsync(server::close).get(10, TimeUnit.SECONDS);
      assertThat(reconnecting.get(10, TimeUnit.SECONDS).content().toString())
          .contains("the connection to MCP server \"srv\" is closed");
    } finally {
      callers.shutdownNow();
    }
  }

  private static ToolOutput twice(McpConnection server) throws Exception {
    return tool(server, "double").handler().call(json("{\"n\": 1}"), new FixedContext());
  }

  /** Waits until the thread {@code thread} will hold is parked or blocked: a bound, no sleep. */
  private static void awaitBlocked(AtomicReference<Thread> thread) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (thread.get() == null
        || (thread.get().getState() != Thread.State.WAITING
            && thread.get().getState() != Thread.State.BLOCKED)) {
      assertThat(System.nanoTime()).as("the call waits for the reconnection").isLessThan(deadline);
      Thread.onSpinWait();
    }
  }

  @Test
  void aMessageOverTheSizeLimitFailsTheServerInsteadOfFillingTheMemory() throws Exception {
    RecordingListener events = new RecordingListener();
    try (McpConnection server =
        testServer("srv").listener(events).reconnect(ReconnectPolicy.never()).connect()) {
      // The line never ends: a reader that waits for its end would wait, and buffer, forever.
      CompletableFuture<ToolOutput> call =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return tool(server, "flood").handler().call(json("{}"), new FixedContext());
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });

      ToolOutput output = call.get(60, TimeUnit.SECONDS);
      assertThat(output.isError()).isTrue();
      assertThat(output.content().toString())
          .contains("wrote a message longer than 16777216 characters");
      assertThat(events.await("failed srv wrote a message longer than")).isTrue();
    }
  }

  private static ToolSpec tool(McpConnection server, String name) {
    return server.tools().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
  }

  private static JsonNode json(String text) {
    return dev.toolstream.mcp.internal.McpContent.JSON.readTree(text);
  }
}
