package dev.toolstream.examples.readme;

// region telemetry-imports
import dev.toolstream.agent.Agent;
import dev.toolstream.agent.AgentResult;
import dev.toolstream.agent.ToolSpec;
import dev.toolstream.client.MessagesClient;
import dev.toolstream.otel.AgentTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Scope;
// endregion

/** The README's telemetry snippet, compiled (and run by {@link TelemetrySnippetsRunTest}). */
final class TelemetrySnippets {
  private TelemetrySnippets() {}

  static AgentResult tracedRun(
      OpenTelemetry openTelemetry, MessagesClient client, ToolSpec weather, String sessionId) {
    // region telemetry-agent
    Agent agent = Agent.builder()
        .client(client)
        .model("claude-sonnet-4-6")
        .tool(weather)
        .observer(AgentTelemetry.builder(openTelemetry)  // GlobalOpenTelemetry.get(), or your SDK
            .agentName("weather-agent")                  // the span: invoke_agent weather-agent
            .captureContent(false)                       // prompts, answers, tool I/O: opt-in
            .build())
        .build();

    try (Scope conversation = AgentTelemetry.conversation(sessionId)) {  // gen_ai.conversation.id
      return agent.run("What's the weather in Tokyo?");
    }
    // endregion
  }
}
