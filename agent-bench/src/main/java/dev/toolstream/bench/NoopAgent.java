package dev.toolstream.bench;

import dev.toolstream.agent.Agent;
import dev.toolstream.agent.ToolOutput;
import dev.toolstream.agent.ToolSpec;
import dev.toolstream.client.MessagesClient;
import dev.toolstream.testkit.Script;
import dev.toolstream.testkit.Turn;
import okhttp3.OkHttpClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The scenario of the agent-loop benchmarks: a scripted Claude that calls a no-op tool once and
 * then answers with the tool's result, so each run is two turns (tool call, final text).
 */
final class NoopAgent {
  /** The model's first turn: a sentence and one call of {@code noop}. */
  static final Turn TOOL_TURN =
      Turn.builder()
          .text("Let me check that for you.")
          .toolUse("noop", "{\"city\":\"Tokyo\",\"unit\":\"celsius\"}")
          .stopReason("tool_use")
          .build();

  /** The test-kit script: the tool turn, then the tool's result echoed as the final text. */
  static final Script SCRIPT = Script.echoToolResults(TOOL_TURN);

  /** A tool that does nothing and answers {@code ok}. */
  static final ToolSpec NOOP =
      ToolSpec.builder("noop")
          .description("Does nothing.")
          .inputSchema(
              JsonMapper.builder()
                  .build()
                  .readTree(
                      "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"},"
                          + "\"unit\":{\"type\":\"string\",\"enum\":[\"celsius\",\"fahrenheit\"]}},"
                          + "\"required\":[\"city\"]}"))
          .handler((input, context) -> ToolOutput.text("ok"))
          .build();

  /** What a parking tool does before it answers: waits, typically on a latch. */
  interface Parking {
    /** Returns when the call may answer. */
    void park() throws Exception;
  }

  private NoopAgent() {}

  /** Returns {@link #NOOP} whose call first runs {@code parking}: a run waits in its tool call. */
  static ToolSpec parked(Parking parking) {
    return ToolSpec.builder("noop")
        .description("Waits until released.")
        .inputSchema(NOOP.definition().inputSchema())
        .handler(
            (input, context) -> {
              parking.park();
              return ToolOutput.text("ok");
            })
        .build();
  }

  /** Returns a client of {@code baseUrl} on {@code http}, with no retries. */
  static MessagesClient client(String baseUrl, OkHttpClient http) {
    return MessagesClient.builder()
        .apiKey("sk-ant-bench")
        .baseUrl(baseUrl)
        .maxRetries(0)
        .okHttpClient(http)
        .build();
  }

  /** Returns the agent with the no-op tool. */
  static Agent agent(MessagesClient client) {
    return Agent.builder()
        .client(client)
        .model("claude-sonnet-4-6")
        .maxTokens(1024)
        .tool(NOOP)
        .build();
  }
}
