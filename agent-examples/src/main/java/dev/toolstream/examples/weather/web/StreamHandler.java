package dev.toolstream.examples.weather.web;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import dev.toolstream.agent.Agent;
import dev.toolstream.agent.AgentException;
import dev.toolstream.agent.AgentResult;
import dev.toolstream.messages.ContentBlock;
import dev.toolstream.messages.MessageParam;
import dev.toolstream.sse.RunEvent;
import dev.toolstream.sse.RunEventListener;
import dev.toolstream.sse.RunEvents;
import dev.toolstream.sse.SetupHints;
import dev.toolstream.store.ConversationBusyException;
import dev.toolstream.store.DurableResult;
import dev.toolstream.store.LeaseLostException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code /stream}: checks the request and takes a slot, then runs the agent and forwards the
 * run as events until its one terminal {@code done} or {@code error}, and ends the response.
 *
 * <p>The JDK's server notices a closed connection only when a write fails, so while a run is live
 * a heartbeat comment goes out every {@code heartbeat}. The first failed write, of an event or a
 * heartbeat, cancels the run, which closes its upstream stream. The handler's thread waits for the
 * run and always gives its slot back.
 *
 * <p>With {@link Conversations}, the browser's conversation (named by its cookie) is the history:
 * the request's last message is the prompt, and the run is a durable one, saved step by step, that
 * another server finishes if this one dies; a question while the conversation's previous run has
 * not ended is refused with a 409. Thread-safe.
 */
final class StreamHandler {
  private static final Logger log = LoggerFactory.getLogger(StreamHandler.class);

  /** The message of a run cut short because the server is stopping. */
  static final String STOPPING = "The server is stopping, so the answer was cut short.";

  /** The message of a question refused because the conversation's last run has not ended. */
  static final String BUSY =
      "This conversation is still answering an earlier question (in another tab, or one a"
          + " restarted server is finishing). Wait a moment, reload the page to see that answer,"
          + " then ask again.";

  /** Where whoever runs this server sets the key and the model, for the error sentences. */
  private static final SetupHints HINTS = new SetupHints("ANTHROPIC_API_KEY", "its --model");
  /** Seconds a refused client should wait; a run takes a few seconds. */
  static final String RETRY_AFTER_SECONDS = "2";

  private final @Nullable Agent agent;
  private final StreamSlots slots;
  private final Duration heartbeat;
  private final int maxPromptLength;
  private final int maxBodyBytes;
  private final HandlerThreads deadlines;
  private final @Nullable Conversations conversations;
  private final @Nullable Executor runExecutor;

  StreamHandler(
      @Nullable Agent agent,
      @Nullable Conversations conversations,
      StreamSlots slots,
      Duration heartbeat,
      int maxPromptLength,
      HandlerThreads deadlines,
      @Nullable Executor runExecutor) {
    this.agent = agent;
    this.slots = slots;
    this.heartbeat = heartbeat;
    this.maxPromptLength = maxPromptLength;
    // Room for a conversation around the prompt, without reading unbounded bodies.
    this.maxBodyBytes = Math.max(64 * 1024, 16 * maxPromptLength);
    this.deadlines = deadlines;
    this.conversations = conversations;
    this.runExecutor = runExecutor;
  }

  /** Answers a GET or POST to {@code /stream}. */
  void handle(HttpExchange exchange) throws IOException {
    StreamRequest request;
    try {
      request =
          exchange.getRequestMethod().equals("POST")
              ? deadlines.readWithin(
                  () ->
                      StreamRequest.fromJson(
                          exchange.getRequestBody(), maxBodyBytes, maxPromptLength))
              : StreamRequest.fromQuery(exchange.getRequestURI().getRawQuery(), maxPromptLength);
    } catch (Rejection rejection) {
      Responses.reject(exchange, rejection);
      return;
    }
    if (!slots.tryAcquire()) {
      exchange.getResponseHeaders().set("Retry-After", RETRY_AFTER_SECONDS);
      Responses.reject(
          exchange,
          new Rejection(
              503,
              "too_many_streams",
              "every stream slot is taken (or the server is stopping); try again in "
                  + RETRY_AFTER_SECONDS
                  + " seconds"));
      return;
    }
    try {
      stream(exchange, request.history());
    } finally {
      slots.release();
    }
  }

  private void stream(HttpExchange exchange, List<MessageParam> history) throws IOException {
    Conversations chats = conversations;
    String conversation = chats == null ? null : chats.idFor(exchange);
    SseWriter writer = new SseWriter(exchange.getResponseBody(), deadlines);
    // A durable run starts before the response does, so that a refused one can still be a 409;
    // its events wait for the headers.
    CountDownLatch headersSent = new CountDownLatch(1);
    RunEventListener listener = new RunEventListener(event -> afterHeaders(headersSent, writer, event));
    long started = System.nanoTime();
    CompletableFuture<?> run;
    if (chats == null || conversation == null) {
      run = null;
    } else {
      try {
        run = chats.agent().chatAsync(conversation, prompt(history), listener);
      } catch (ConversationBusyException busy) {
        log.debug("refused a question: {}", busy.getMessage());
        Responses.reject(exchange, new Rejection(409, "conversation_busy", BUSY));
        return;
      } catch (RuntimeException e) {
        run = CompletableFuture.failedFuture(e); // outcome() says it in words for people.
      }
    }
    Headers headers = exchange.getResponseHeaders();
    headers.set("Content-Type", "text/event-stream; charset=utf-8");
    headers.set("Cache-Control", "no-cache");
    headers.set("X-Accel-Buffering", "no");
    try {
      exchange.sendResponseHeaders(200, 0);
    } catch (IOException e) {
      if (run != null) {
        run.cancel(true);
      }
      throw e;
    } finally {
      headersSent.countDown();
    }
    if (run == null) {
      run = run(Objects.requireNonNull(agent, "agent"), history, listener);
    }
    CompletableFuture<?> live = run;
    writer.whenGone(() -> live.cancel(true));
    slots.track(run);
    try {
      awaitWithHeartbeats(run, writer);
      writer.event(outcome(run, started));
    } finally {
      slots.untrack(run);
      writer.close();
      exchange.close();
    }
    log.debug("stream ended{}", writer.isGone() ? " (the client left)" : "");
  }

  /** Writes {@code event} once the response's headers are out (at once for a stateless run). */
  private static void afterHeaders(CountDownLatch headersSent, SseWriter writer, RunEvent event) {
    boolean interrupted = false;
    while (true) {
      try {
        headersSent.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true; // The run is being cancelled; its event still goes out in order.
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    writer.event(event);
  }

  /**
   * Waits for the run to end, writing a heartbeat comment every {@code heartbeat} meanwhile. The
   * comment is written on this stream's own thread, never on a shared one: a client that stops
   * reading can block a write for as long as its socket buffer stays full, and that must stall
   * nobody else's stream. Returns when the run has ended or this thread is interrupted.
   */
  private void awaitWithHeartbeats(CompletableFuture<?> run, SseWriter writer) {
    long every = heartbeat.toNanos();
    while (!run.isDone()) {
      try {
        run.get(every, TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        writer.tryComment("ping");
      } catch (ExecutionException | CancellationException e) {
        return; // outcome() turns the ending into the terminal event.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt(); // outcome() sees it and cancels the run.
        return;
      }
    }
  }

  /** Starts a stateless run, on the run executor if one was given. */
  private CompletableFuture<AgentResult> run(
      Agent agent, List<MessageParam> history, RunEventListener listener) {
    Executor executor = runExecutor;
    return executor == null
        ? agent.runAsync(history, listener)
        : agent.runAsync(history, listener, executor);
  }

  /** Returns the text of the history's last (user) message: the store keeps what came before. */
  private static String prompt(List<MessageParam> history) {
    StringBuilder text = new StringBuilder();
    for (ContentBlock block : history.get(history.size() - 1).content()) {
      if (block instanceof ContentBlock.Text part) {
        text.append(part.text());
      }
    }
    return text.toString();
  }

  /**
   * Waits for the run and returns its terminal event. A failure's details go to the log; the
   * event says what happened in words for the person at the page.
   */
  private RunEvent outcome(CompletableFuture<?> run, long started) {
    try {
      Object ended = run.get();
      return RunEvents.done(
          ended instanceof DurableResult durable ? durable.result() : (AgentResult) ended,
          Duration.ofNanos(System.nanoTime() - started));
    } catch (ExecutionException e) {
      if (e.getCause() instanceof LeaseLostException) {
        // This server handed the run over (it is stopping); another one finishes it.
        return RunEvents.error("cancelled", STOPPING);
      }
      if (e.getCause() instanceof AgentException failure) {
        RunEvent event = RunEvents.failure(failure, HINTS);
        log.warn("A run failed ({}): {}", event.data().get("type").asString(), failure.toString(),
            failure);
        return event;
      }
      log.warn("A run failed unexpectedly", e.getCause());
      return RunEvents.error("internal_error", RunEvents.INTERNAL_ERROR);
    } catch (CancellationException e) {
      return RunEvents.error("cancelled", STOPPING);
    } catch (InterruptedException e) {
      run.cancel(true);
      Thread.currentThread().interrupt();
      return RunEvents.error("cancelled", STOPPING);
    }
  }
}
