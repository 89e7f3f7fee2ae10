package dev.toolstream.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolstream.agent.Agent;
import dev.toolstream.agent.ToolOutput;
import dev.toolstream.agent.ToolSpec;
import dev.toolstream.client.MessagesClient;
import dev.toolstream.testkit.Turn;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.codec.ServerSentEvent;
import reactor.core.Disposable;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link AgentSseFlux} emits a run's events and ends with one terminal event; cancelling the
 * subscription cancels the run.
 */
class AgentSseFluxTest {
  private final Claude claude = new Claude();

  @AfterEach
  void stop() {
    claude.close();
  }

  private Agent agent(ToolSpec... tools) {
    return Agent.builder()
        .client(
            MessagesClient.builder()
                .apiKey(Claude.API_KEY)
                .baseUrl(claude.server.baseUrl())
                .maxRetries(0)
                .build())
        .model("claude-sonnet-4-6")
        .tools(List.of(tools))
        .build();
  }

  private static ToolSpec tool(dev.toolstream.agent.ToolHandler handler) {
    return ToolSpec.builder("wait")
        .description("Waits.")
        .inputSchema(JsonMapper.builder().build().readTree("{\"type\":\"object\"}"))
        .handler(handler)
        .build();
  }

  @Test
  void aRunBecomesItsEventsThenDone() {
    claude.enqueue(Turn.text("Hello there."));

    List<ServerSentEvent<String>> events =
        new AgentSseFlux().stream(agent(), "Hi").collectList().block(Claude.WAIT);

    assertThat(events).extracting(ServerSentEvent::event).containsExactly("text", "turn", "done");
    assertThat(events.get(0).data()).isEqualTo("{\"text\":\"Hello there.\"}");
  }

  @Test
  void aFailedRunEndsWithAnErrorEvent() {
    claude.enqueue(Claude.toolCall("wait", "{}"));
    Agent agent =
        agent(tool((input, context) -> ToolOutput.text("waited"))).newBuilder().maxTurns(1).build();

    List<ServerSentEvent<String>> events =
        new AgentSseFlux().stream(agent, "Hi").collectList().block(Claude.WAIT);

    assertThat(events.get(events.size() - 1).event()).isEqualTo("error");
    assertThat(events.get(events.size() - 1).data()).startsWith("{\"type\":\"turn_limit\"");
  }

  @Test
  void cancellingTheSubscriptionCancelsTheRun() throws Exception {
    CountDownLatch waiting = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    claude.enqueue(Claude.toolCall("wait", "{}"));
    Agent agent =
        agent(
            tool(
                (input, context) -> {
                  waiting.countDown();
                  try {
                    new CountDownLatch(1).await();
                  } catch (InterruptedException e) {
                    interrupted.countDown();
                    throw e;
                  }
                  return ToolOutput.text("never");
                }));

    Disposable subscription = new AgentSseFlux().stream(agent, "Wait.").subscribe();
    assertThat(waiting.await(Claude.WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    subscription.dispose();

    assertThat(interrupted.await(Claude.WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void nothingRunsUntilSubscribed() {
    new AgentSseFlux().stream(agent(), "Hi");

    assertThat(claude.server.requests()).isEmpty();
  }
}
