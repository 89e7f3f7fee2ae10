package dev.toolstream.agent;

import static dev.toolstream.agent.Replies.reply;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
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
              return ToolResult.text(together ? "together" : "alone");
            })
        .build();
  }

  private void enqueueTwoCalls() {
    server.enqueue(
        reply("msg_1")
            .toolUse("toolu_a", "meet", "{}")
            .toolUse("toolu_b", "meet", "{}")
            .stopReason("tool_use")
            .response());
    server.enqueue(reply("msg_2").text("Done.").response());
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
  void withoutAnExecutorCallsRunInOrderOnTheRunsThread() throws Exception {
    List<String> threads = new ArrayList<>();
    ToolSpec recording =
        ToolSpec.builder("meet")
            .description("Records its thread.")
            .inputSchema(json("{\"type\":\"object\"}"))
            .handler(
                (input, context) -> {
                  threads.add(context.toolUseId() + "@" + Thread.currentThread().getName());
                  return ToolResult.text("ok");
                })
            .build();
    enqueueTwoCalls();

    agent(recording).build().run("Go");

    String me = Thread.currentThread().getName();
    assertThat(threads).containsExactly("toolu_a@" + me, "toolu_b@" + me);
  }

  @Test
  void aCallStartsAsSoonAsItsBlockEndsWhileTheReplyStillStreams() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    AtomicReference<Boolean> startedMidStream = new AtomicReference<>();
    Replies first =
        reply("msg_1")
            .toolUse("toolu_a", "early", "{}")
            .text("More text after the call.")
            .stopReason("tool_use");
    server.enqueue(
        new MockResponse.Builder()
            .setHeader("content-type", "text/event-stream")
            .body(
                new WaitingBody(
                    first.upTo(0),
                    () -> startedMidStream.set(await(started)),
                    first.after(0)))
            .build());
    server.enqueue(reply("msg_2").text("Done.").response());
    ToolSpec early =
        ToolSpec.builder("early")
            .description("Marks its start.")
            .inputSchema(json("{\"type\":\"object\"}"))
            .handler(
                (input, context) -> {
                  started.countDown();
                  return ToolResult.text("ok");
                })
            .build();

    agent(early).toolExecutor(executor).build().run("Go");

    assertThat(startedMidStream.get()).isTrue();
  }

  @Test
  void cancellingTheFutureClosesTheStreamAtOnce() throws Exception {
    EndlessBody body = new EndlessBody(reply("msg_1").text("Thinking about it").upTo(0));
    server.enqueue(
        new MockResponse.Builder().setHeader("content-type", "text/event-stream").body(body).build());
    Agent agent = agent().build();

    CompletableFuture<AgentResult> run = agent.runAsync("Go");
    assertThat(body.streaming.await(5, TimeUnit.SECONDS)).isTrue();
    run.cancel(true);

    assertThat(run).isCancelled();
    assertThat(body.clientGone.await(5, TimeUnit.SECONDS))
        .as("the server sees the stream closed")
        .isTrue();
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
                  return ToolResult.text("late");
                })
            .build();
    server.enqueue(
        reply("msg_1").toolUse("toolu_1", "block", "{}").stopReason("tool_use").response());

    CompletableFuture<AgentResult> run = agent(blocking).build().runAsync("Go");
    assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();
    run.cancel(true);

    assertThat(interrupted.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(catchThrowable(run::join)).isInstanceOf(CancellationException.class);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void interruptingTheRunsThreadCancelsTheRun() throws Exception {
    EndlessBody body = new EndlessBody(reply("msg_1").text("Still going").upTo(0));
    server.enqueue(
        new MockResponse.Builder().setHeader("content-type", "text/event-stream").body(body).build());
    Agent agent = agent().build();
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread thread = new Thread(() -> thrown.set(catchThrowable(() -> agent.run("Go"))));

    thread.start();
    assertThat(body.streaming.await(5, TimeUnit.SECONDS)).isTrue();
    thread.interrupt();
    thread.join(5_000);

    assertThat(thread.isAlive()).isFalse();
    assertThat(thrown.get()).isInstanceOf(AgentCancelledException.class);
    assertThat(body.clientGone.await(5, TimeUnit.SECONDS)).isTrue();
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
                  return ToolResult.text("finally");
                })
            .build();
    server.enqueue(
        reply("msg_1").toolUse("toolu_1", "stubborn", "{}").stopReason("tool_use").response());
    server.enqueue(reply("msg_2").text("Done.").response());

    AgentResult result = agent(stubborn).toolExecutor(executor).build().run("Go");

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

  /** Writes a start, then pings until the client goes away. */
  private static final class EndlessBody implements MockResponseBody {
    final CountDownLatch streaming = new CountDownLatch(1);
    final CountDownLatch clientGone = new CountDownLatch(1);
    private final String start;

    EndlessBody(String start) {
      this.start = start;
    }

    @Override
    public long getContentLength() {
      return -1;
    }

    @Override
    public void writeTo(BufferedSink sink) {
      try {
        sink.writeUtf8(start).flush();
        streaming.countDown();
        CountDownLatch never = new CountDownLatch(1);
        for (int i = 0; i < 3000; i++) {
          never.await(10, TimeUnit.MILLISECONDS);
          sink.writeUtf8("event: ping\ndata: {\"type\":\"ping\"}\n\n").flush();
        }
      } catch (IOException | InterruptedException e) {
        clientGone.countDown();
      }
    }
  }
}
