package dev.toolstream.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.toolstream.client.ApiServer;
import dev.toolstream.testkit.ScriptedClaude;
import dev.toolstream.testkit.StreamGate;
import dev.toolstream.testkit.Turn;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import mockwebserver3.MockWebServer;
import okio.BufferedSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ConcurrencyAndCancellationTest extends AgentTestSupport {
  private final ExecutorService executor = Executors.newFixedThreadPool(4);

  @AfterEach
  void stopExecutor() {
    executor.shutdownNow();
  }

  /** A tool whose calls each wait for {@code meeting} and say whether the other call came. */
  private ToolSpec meetingTool(CountDownLatch meeting) {
    return ToolSpec.builder("meet")
        .description("Waits for the other call.")
        .inputSchema(json("{\"type\":\"object\"}"))
        .handler(
            (input, context) -> {
              meeting.countDown();
              boolean together = meeting.await(5, TimeUnit.SECONDS);
              return ToolOutput.text(together ? "together" : "alone");
            })
        .build();
  }

  private void enqueueTwoCalls() {
    enqueue(
        Turn.builder().toolUse("toolu_a", "meet", "{}").toolUse("toolu_b", "meet", "{}").build(),
        Turn.text("Done."));
  }

  /** Returns where block {@code index}'s {@code content_block_stop} event ends in {@code sse}. */
  private static int endOfBlock(String sse, int index) {
    String stop = "data: {\"type\":\"content_block_stop\",\"index\":" + index + "}\n\n";
    int at = sse.indexOf(stop);
    assertThat(at).as("block %d stops in the stream", index).isNotNegative();
    return at + stop.length();
  }

  @Test
  void withAnExecutorTheCallsOfOneTurnOverlap() throws Exception {
    enqueueTwoCalls();

    agent(meetingTool(new CountDownLatch(2))).toolExecutor(executor).build().run("Meet");

    nextRequestBody();
    JsonNode results = nextRequestBody().get("messages").get(2).get("content");
    assertThat(results.get(0).get("content").asString()).isEqualTo("together");
    assertThat(results.get(1).get("content").asString()).isEqualTo("together");
    assertThat(results.get(0).get("tool_use_id").asString()).isEqualTo("toolu_a");
  }

  @Test
  void aCallStartsAsSoonAsItsBlockEndsWhileTheReplyStillStreams() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    AtomicReference<Boolean> startedMidStream = new AtomicReference<>();
    String first =
        Turn.builder()
            .toolUse("toolu_a", "early", "{}")
            .text("More text after the call.")
            .build()
            .toSse();
    int cut = endOfBlock(first, 0);
    ToolSpec early =
        ToolSpec.builder("early")
            .description("Marks its start.")
            .inputSchema(json("{\"type\":\"object\"}"))
            .handler(
                (input, context) -> {
                  started.countDown();
                  return ToolOutput.text("ok");
                })
            .build();

    // MockWebServer, for a body that holds the rest of the reply back until the call has started.
    try (MockWebServer server = new MockWebServer()) {
      server.start();
      server.enqueue(
          new MockResponse.Builder()
              .setHeader("content-type", "text/event-stream")
              .body(
                  new WaitingBody(
                      first.substring(0, cut),
                      () -> startedMidStream.set(await(started)),
                      first.substring(cut)))
              .build());
      server.enqueue(ApiServer.stream(Turn.text("Done.").toSse()));

      agent(early)
          .client(client(server.url("/").toString()))
          .toolExecutor(executor)
          .build()
          .run("Go");
    }

    assertThat(startedMidStream.get()).isTrue();
  }

  @Test
  void cancellingTheFutureClosesTheStreamAtOnce() throws Exception {
    // message_start, the block's start and its one delta; then silence until the client closes.
    enqueue(Turn.builder().textDeltas("Thinking about it").stallAfter(3).build());
    CountDownLatch streaming = new CountDownLatch(1);
    Agent agent = agent().listener(AgentListener.onText(text -> streaming.countDown())).build();

    CompletableFuture<AgentResult> run = agent.runAsync("Go");
    assertThat(streaming.await(5, TimeUnit.SECONDS)).isTrue();
    run.cancel(true);

    assertThat(run).isCancelled();
    assertThat(claude.awaitClientDisconnect(WAIT)).as("the server sees the stream closed").isTrue();
  }

  @Test
  void cancellingDuringAToolCallInterruptsItAndSendsNothingMore() throws Exception {
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    ToolSpec blocking =
        ToolSpec.builder("block")
            .description("Blocks.")
            .inputSchema(json("{\"type\":\"object\"}"))
            .handler(
                (input, context) -> {
                  running.countDown();
                  try {
                    new CountDownLatch(1).await(30, TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    interrupted.countDown();
                  }
                  return ToolOutput.text("late");
                })
            .build();
    enqueue(Turn.builder().toolUse("toolu_1", "block", "{}").build());

    CompletableFuture<AgentResult> run = agent(blocking).build().runAsync("Go");
    assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();
    run.cancel(true);

    assertThat(interrupted.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(catchThrowable(run::join)).isInstanceOf(CancellationException.class);
    assertThat(requestCount()).isEqualTo(1);
  }

  @Test
  void interruptingTheRunsThreadCancelsTheRunEvenWhileTheStreamIsSilent() throws Exception {
    // The server flushes the first delta and waits at the gate: the run's thread goes on to a
    // socket read, which does not see interrupts.
    StreamGate gate = new StreamGate();
    Turn held = Turn.builder().text("Thinking").hold(gate).text(" about it").build();
    try (ScriptedClaude streamer = ScriptedClaude.start(held)) {
      CountDownLatch streaming = new CountDownLatch(1);
      Agent agent =
          agent()
              .client(client(streamer.baseUrl()))
              .listener(AgentListener.onText(text -> streaming.countDown()))
              .build();
      AtomicReference<Throwable> thrown = new AtomicReference<>();
      Thread thread = new Thread(() -> thrown.set(catchThrowable(() -> agent.run("Go"))));

      thread.start();
      assertThat(gate.awaitReached(WAIT)).isTrue();
      assertThat(streaming.await(5, TimeUnit.SECONDS)).isTrue();
      thread.interrupt();
      thread.join(WAIT.toMillis());

      assertThat(thread.isAlive()).isFalse();
      assertThat(thrown.get()).isInstanceOf(AgentCancelledException.class);
      assertThat(streamer.awaitClientDisconnect(WAIT)).isTrue();
    }
  }

  @Test
  void aTimedOutCallOnAnExecutorDoesNotHoldUpTheTurn() throws Exception {
    ToolSpec stubborn =
        ToolSpec.builder("stubborn")
            .description("Ignores interrupts for a while.")
            .inputSchema(json("{\"type\":\"object\"}"))
            .timeout(Duration.ofMillis(100))
            .handler(
                (input, context) -> {
                  CountDownLatch never = new CountDownLatch(1);
                  while (!context.isCancelled()) {
                    try {
                      never.await(10, TimeUnit.MILLISECONDS);
                    } catch (InterruptedException ignored) {
                      // Keeps going until it sees isCancelled().
                    }
                  }
                  return ToolOutput.text("finally");
                })
            .build();
    enqueue(Turn.builder().toolUse("toolu_1", "stubborn", "{}").build(), Turn.text("Done."));

    TimeoutsFireAtOnce timer = new TimeoutsFireAtOnce();

    AgentResult result = agent(stubborn).toolExecutor(executor).timer(timer).build().run("Go");

    timer.shutdown();
    assertThat(result.text()).isEqualTo("Done.");
    nextRequestBody();
    JsonNode toolResult = nextRequestBody().get("messages").get(2).get("content").get(0);
    assertThat(toolResult.get("content").asString()).contains("timed out after 100 ms");
  }

  private static boolean await(CountDownLatch latch) {
    try {
      return latch.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Writes a first part, runs a pause action, then writes the rest. */
  private static final class WaitingBody implements MockResponseBody {
    private final String first;
    private final Runnable pause;
    private final String rest;

    WaitingBody(String first, Runnable pause, String rest) {
      this.first = first;
      this.pause = pause;
      this.rest = rest;
    }

    @Override
    public long getContentLength() {
      return -1;
    }

    @Override
    public void writeTo(BufferedSink sink) throws IOException {
      sink.writeUtf8(first).flush();
      pause.run();
      sink.writeUtf8(rest).flush();
    }
  }
}
