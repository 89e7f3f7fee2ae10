package dev.toolstream.spring.boot;

import dev.toolstream.agent.Agent;
import dev.toolstream.agent.AgentResult;
import dev.toolstream.messages.MessageParam;
import dev.toolstream.spring.boot.internal.RunOutcome;
import dev.toolstream.sse.RunEvent;
import dev.toolstream.sse.RunEventListener;
import dev.toolstream.sse.RunEvents;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.codec.ServerSentEvent;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

/**
 * Streams an agent's run as a {@code Flux} of Server-Sent Events, for WebFlux (or a Spring MVC
 * controller, which can return one too): the events of {@link AgentSse}, each with its data as
 * one line of JSON text.
 *
 * <pre>{@code
 * @GetMapping(path = "/ask", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
 * Flux<ServerSentEvent<String>> ask(@RequestParam String prompt) {
 *   return agentSseFlux.stream(agent, prompt);
 * }
 * }</pre>
 *
 * <p>Each subscription starts its own run, on the library's run threads; cancelling the
 * subscription, as the server does when the client goes away, cancels the run, which closes its
 * stream to the API and interrupts its tools. Events are buffered until the subscriber asks for
 * them. Needs Reactor on the classpath; thread-safe and stateless.
 */
public final class AgentSseFlux {
  /** Returns a stateless helper; the auto-configuration also makes one a bean. */
  public AgentSseFlux() {}

  /**
   * Returns a flux that runs {@code agent} on {@code prompt} when subscribed.
   *
   * @param agent the agent to run
   * @param prompt the user's message
   * @return the run's events, ending with one {@code done} or {@code error}
   */
  public Flux<ServerSentEvent<String>> stream(Agent agent, String prompt) {
    return stream(agent, List.of(MessageParam.user(prompt)));
  }

  /**
   * Returns a flux that runs {@code agent} on {@code history} when subscribed.
   *
   * @param agent the agent to run
   * @param history the conversation to continue, ending with the user's message
   * @return the run's events, ending with one {@code done} or {@code error}
   * @throws IllegalArgumentException if {@code history} is empty
   */
  public Flux<ServerSentEvent<String>> stream(Agent agent, List<MessageParam> history) {
    Objects.requireNonNull(agent, "agent == null");
    if (history.isEmpty()) {
      throw new IllegalArgumentException("history is empty: start it with a user message");
    }
    List<MessageParam> copy = List.copyOf(history);
    return Flux.create(
        sink -> {
          long started = System.nanoTime();
          CompletableFuture<AgentResult> run =
              agent.runAsync(copy, new RunEventListener(event -> sink.next(sse(event))));
          sink.onDispose(() -> run.cancel(true));
          run.whenComplete(
              (result, failure) -> {
                sink.next(
                    sse(
                        result != null
                            ? RunEvents.done(result, Duration.ofNanos(System.nanoTime() - started))
                            : RunOutcome.failed(failure)));
                sink.complete();
              });
        },
        FluxSink.OverflowStrategy.BUFFER);
  }

  private static ServerSentEvent<String> sse(RunEvent event) {
    return ServerSentEvent.builder(event.json()).event(event.name()).build();
  }

  @Override
  public String toString() {
    return "AgentSseFlux";
  }
}
