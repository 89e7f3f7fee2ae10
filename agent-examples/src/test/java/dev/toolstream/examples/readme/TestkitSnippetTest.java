package dev.toolstream.examples.readme;

// region testkit-imports
import static org.assertj.core.api.Assertions.assertThat;

import dev.toolstream.agent.Agent;
import dev.toolstream.agent.AgentResult;
import dev.toolstream.client.MessagesClient;
import dev.toolstream.testkit.RecordedRequest;
import dev.toolstream.testkit.Script;
import dev.toolstream.testkit.ScriptedClaude;
import dev.toolstream.testkit.Turn;
import dev.toolstream.tools.AnnotatedTools;
// endregion

import dev.toolstream.tools.Tool;
import org.junit.jupiter.api.Test;

/** The README's test-kit snippet, run as the test it shows. */
final class TestkitSnippetTest {
  static final class WeatherTools {
    @Tool(name = "get_weather", description = "Returns the current weather in a city.")
    String getWeather(String city) {
      return "Sunny in " + city;
    }
  }

  @Test
  void theReadmesTestKitExampleRunsAndSeesTheToolResult() {
    // region testkit-example
    try (ScriptedClaude claude = ScriptedClaude.start(Script.echoToolResults(
             Turn.builder().text("Let me check.").toolUse("get_weather", "{\"city\":\"Tokyo\"}")
                 .stopReason("tool_use").build()))) {
      MessagesClient client = MessagesClient.builder()
          .baseUrl(claude.baseUrl()).apiKey("test-key").build();
      AgentResult result = Agent.builder().client(client).model("claude-sonnet-4-6")
          .tools(AnnotatedTools.from(new WeatherTools())).build()
          .run("Weather in Tokyo?");

      RecordedRequest second = claude.requests().get(1);
      assertThat(second.toolResults()).hasSize(1);        // what your tool sent back
      assertThat(result.text()).isEqualTo("Sunny in Tokyo");
    }
    // endregion
  }
}
