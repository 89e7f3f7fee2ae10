package dev.toolstream.spring.boot;

import dev.toolstream.agent.Agent;
import dev.toolstream.agent.AgentResult;
import dev.toolstream.messages.MessageParam;
import dev.toolstream.spring.boot.internal.RunOutcome;
import dev.toolstream.spring.boot.internal.SseConnection;
import dev.toolstream.sse.RunEvent;
import dev.toolstream.sse.RunEventListener;
import dev.toolstream.sse.RunEvents;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Streams an agent's run to a Spring MVC client as Server-Sent Events: return what {@link
 * #stream(Agent, String)} gives from a controller method.
 *
 * <pre>{@code
 * @GetMapping("/ask")
 * SseEmitter ask(@RequestParam String prompt) {
 *   return agentSse.stream(agent, prompt);
 * }
 * }</pre>
 *
 * <p>The events are those of agent-examples' weather relay, each one line of JSON: {@code text}
 * {@code {"text"}} for each piece of the answer; {@code tool_input} {@code {"id", "name",
 * "fragment"}} for each piece of a tool call's input as the model writes it; {@code tool_call}
 * {@code {"id", "name", "input"}} ({@code "server": true} for a tool the API runs); {@code
 * tool_result} {@code {"id", "name", "is_error", "content", "duration_ms"}} (content cut to 500
 * characters); {@code turn} {@code {"turn", "stop_reason", "usage"}} after each turn; then
 * exactly one of {@code done} {@code {"stop_reason", "turns", "usage", "duration_ms"}} or {@code
 * error} {@code {"type", "message"}}, whose message is written for the person at the page and
 * never holds an exception's text.
 *
 * <p>The run starts at once on the library's run threads. While it is quiet a comment line goes
 * out every {@code toolstream.sse.heartbeat}; the first write that fails (the client left) cancels
 * the run, which closes its stream to the API and interrupts its tools. A stream open longer than
 * {@code toolstream.sse.timeout} ends with an {@code error} of type {@code timeout} and cancels
 * its run too.
 *
 * <p>Thread-safe. {@link #close()} cancels the runs of the streams still open, whose clients get
 * the {@code error} event of type {@code cancelled}, and stops the heartbeat thread; the context
 * calls it as it begins to shut down, before the server waits for the requests in flight.
 */
public final class AgentSse implements AutoCloseable {
  private final Duration heartbeat;
  private final Duration timeout;
  private final ScheduledExecutorService heartbeats;

  /** The runs of the streams still open, for {@link #close()} to cancel. */
  private final Set<CompletableFuture<AgentResult>> live = ConcurrentHashMap.newKeySet();

  /**
   * Streams with a comment every {@code heartbeat} and no stream longer than {@code timeout}.
   *
   * @param heartbeat how often a quiet stream gets a comment line; positive
   * @param timeout how long a stream may stay open; zero for no limit
   * @throws IllegalArgumentException if {@code heartbeat} is not positive or {@code timeout} is
   *     negative
   */
  public AgentSse(Duration heartbeat, Duration timeout) {
    if (heartbeat.isNegative() || heartbeat.isZero()) {
      throw new IllegalArgumentException(
          "toolstream.sse.heartbeat must be positive, was " + heartbeat);
    }
    if (timeout.isNegative()) {
      throw new IllegalArgumentException(
          "toolstream.sse.timeout must be 0 (no limit) or positive, was " + timeout);
    }
    this.heartbeat = heartbeat;
    this.timeout = timeout;
    this.heartbeats =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "toolstream-sse-heartbeat");
              thread.setDaemon(true);
              return thread;
            });
  }

  /**
   * Starts a run of {@code agent} on {@code prompt} and returns its event stream.
   *
   * @param agent the agent to run
   * @param prompt the user's message
   * @return the emitter to return from the controller method
   */
  public SseEmitter stream(Agent agent, String prompt) {
    return stream(agent, List.of(MessageParam.user(prompt)));
  }

  /**
   * Starts a run of {@code agent} on {@code history} and returns its event stream.
   *
   * @param agent the agent to run
   * @param history the conversation to continue, ending with the user's message
   * @return the emitter to return from the controller method
   * @throws IllegalArgumentException if {@code history} is empty
   */
  public SseEmitter stream(Agent agent, List<MessageParam> history) {
    Objects.requireNonNull(agent, "agent == null");
    // No servlet timeout (0): the stream's own deadline below ends it, so that its last event is
    // the timeout error rather than nothing.
    SseEmitter emitter = new SseEmitter(0L);
    SseConnection connection = new SseConnection(emitter);
    // Sent first so the response starts at once: a stream that times out before its first event
    // then still ends with the error event, not with an error page.
    connection.comment("run started");
    long started = System.nanoTime();
    CompletableFuture<AgentResult> run =
        agent.runAsync(history, new RunEventListener(connection::send));
    live.add(run);
    connection.whenGone(() -> run.cancel(true));
    emitter.onTimeout(connection::end); // The server's own async timeout, if it has one.
    run.whenComplete(
        (result, failure) -> {
          live.remove(run);
          RunEvent last =
              result != null
                  ? RunEvents.done(result, Duration.ofNanos(System.nanoTime() - started))
                  : RunOutcome.failed(failure);
          connection.send(last);
          connection.end();
        });
    try {
      watch(connection);
    } catch (RejectedExecutionException closed) {
      run.cancel(true); // close() came first: this stream ends as the ones it found open did.
    }
    return emitter;
  }

  /** Sends a comment every heartbeat and ends the stream at its timeout, until it ends. */
  private void watch(SseConnection connection) {
    long every = heartbeat.toNanos();
    ScheduledFuture<?> beats =
        heartbeats.scheduleWithFixedDelay(
            () -> connection.comment("ping"), every, every, TimeUnit.NANOSECONDS);
    connection.whenGone(() -> beats.cancel(false));
    if (!timeout.isZero()) {
      ScheduledFuture<?> deadline =
          heartbeats.schedule(
              () -> {
                connection.send(
                    RunEvents.error(
                        "timeout",
                        "The answer took longer than this server allows, so it was cut short."));
                connection.end();
              },
              timeout.toNanos(),
              TimeUnit.NANOSECONDS);
      connection.whenGone(() -> deadline.cancel(false));
    }
  }

  /**
   * Cancels the run of every stream still open, whose client gets the {@code error} event of type
   * {@code cancelled} before its stream ends, and stops the heartbeat thread. A stream started
   * afterwards is cancelled the same way at once. Idempotent.
   */
  @Override
  public void close() {
    heartbeats.shutdownNow();
    live.forEach(run -> run.cancel(true));
  }

  @Override
  public String toString() {
    return "AgentSse{heartbeat=" + heartbeat + ", timeout=" + timeout + "}";
  }
}
