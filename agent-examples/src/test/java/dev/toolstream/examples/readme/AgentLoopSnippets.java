package dev.toolstream.examples.readme;

// region agent-imports
import dev.toolstream.agent.Agent;
import dev.toolstream.agent.AgentListener;
import dev.toolstream.agent.AgentResult;
import dev.toolstream.agent.ToolExecution;
import dev.toolstream.agent.ToolOutput;
import dev.toolstream.agent.ToolSpec;
import dev.toolstream.client.MessagesClient;
import dev.toolstream.messages.ContentBlock;
import java.time.Duration;
import java.util.concurrent.Executors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
// endregion

/** The README's agent-loop snippet, compiled by the build and run against the test kit. */
final class AgentLoopSnippets {
  private AgentLoopSnippets() {}

  static AgentResult weatherAgent(MessagesClient client) {
    // region agent-loop
    JsonNode schema = JsonMapper.builder().build().readTree("""
        {"type": "object",
         "properties": {"city": {"type": "string"},
                        "unit": {"type": "string", "enum": ["celsius", "fahrenheit"]}},
         "required": ["city"]}""");

    ToolSpec weather = ToolSpec.builder("get_weather")
        .description("Current weather in a city.")
        .inputSchema(schema)                      // checked and compiled once, here
        .handler((input, context) -> ToolOutput.text("Sunny, 21 °C in " + input.get("city").asString()))
        .timeout(Duration.ofSeconds(10))          // optional; the agent's default is one minute
        .build();

    Agent agent = Agent.builder()
        .client(client)
        .model("claude-sonnet-4-6")
        .maxTokens(1024)
        .system("You answer questions about the weather.")
        .tool(weather)
        .toolExecutor(Executors.newFixedThreadPool(4))   // optional: a turn's calls run concurrently
        .listener(new AgentListener() {
          @Override public void onText(String text) { System.out.print(text); }
          @Override public void onToolCall(ContentBlock.ToolUse call) {
            System.err.println("→ " + call.name() + " " + call.input());
          }
          @Override public void onToolResult(ToolExecution run) {
            System.err.println("← " + run.resultText() + " (" + run.duration().toMillis() + " ms)");
          }
        })
        .build();

    AgentResult result = agent.run("What's the weather in Tokyo?");
    System.out.println("\n" + result.turns() + " turns, " + result.usage());
    // endregion
    return result;
  }
}
