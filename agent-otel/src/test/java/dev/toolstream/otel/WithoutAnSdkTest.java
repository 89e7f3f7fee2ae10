package dev.toolstream.otel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolstream.agent.AgentObserver;
import dev.toolstream.messages.MessageRequest;
import io.opentelemetry.api.OpenTelemetry;
import org.junit.jupiter.api.Test;

/** Without a configured SDK, telemetry observes nothing: a run costs what it costs without it. */
class WithoutAnSdkTest {
  @Test
  void theNoopOpenTelemetryObservesNoRun() {
    AgentTelemetry telemetry = AgentTelemetry.create(OpenTelemetry.noop());

    AgentObserver.Run run =
        telemetry.runStarted(
            "0",
            MessageRequest.builder()
                .model("claude-sonnet-4-6")
                .maxTokens(1)
                .addUserMessage("Hi")
                .build(),
            "https://api.anthropic.com/");

    assertThat(run).isSameAs(AgentObserver.Run.NONE);
  }
}
