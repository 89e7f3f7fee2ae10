package dev.toolstream.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolstream.agent.Agent;
import dev.toolstream.agent.AgentResult;
import dev.toolstream.client.MessagesClient;
import dev.toolstream.internal.json.Json;
import dev.toolstream.testkit.ScriptedClaude;
import dev.toolstream.testkit.Turn;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * An annotated class registered with a real {@link Agent} against a scripted API on loopback: the
 * model calls two of its methods in one turn and the next request carries both results.
 */
final class AgentEndToEndTest {
  static final class ClockTools {
    @Tool(description = "Returns the local time in a city.")
    String local_time(String city) {
      return "09:30 in " + city;
    }
  }

  @Test
  void twoAnnotatedMethodsCalledInOneTurnSendBothResultsInTheNextRequest() throws Exception {
    Turn calls =
        Turn.builder()
            .text("Checking both.")
            .toolUseFragments("toolu_01Weather", "get_weather", "{\"city\": \"Lis", "bon\"}")
            .toolUseFragments("toolu_02Time", "local_time", "{\"ci", "ty\": \"Quito\"}")
            .stopReason("tool_use")
            .build();
    try (ScriptedClaude claude = ScriptedClaude.start(calls, Turn.text("Sunny in Lisbon."))) {
      MessagesClient client =
          MessagesClient.builder().apiKey("test-key").baseUrl(claude.baseUrl()).maxRetries(0).build();
      Agent agent =
          Agent.builder()
              .client(client)
              .model("claude-sonnet-4-6")
              .tools(AnnotatedTools.fromAll(new WeatherExampleTest.WeatherTools(), new ClockTools()))
              .build();

      AgentResult result = agent.run("Weather in Lisbon and time in Quito?");

      JsonNode first = claude.takeRequest(Duration.ofSeconds(5)).body();
      assertThat(first.at("/tools/0/name").asString()).isEqualTo("get_weather");
      assertThat(first.at("/tools/0/input_schema/properties/unit/default").asString())
          .isEqualTo("celsius");
      assertThat(first.at("/tools/1/name").asString()).isEqualTo("local_time");
      JsonNode messages = claude.takeRequest(Duration.ofSeconds(5)).body().get("messages");
      assertThat(messages).hasSize(3);
      assertThat(messages.get(2))
          .isEqualTo(
              Json.parse(
                  "{\"role\":\"user\",\"content\":["
                      + "{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_01Weather\","
                      + "\"content\":\"{\\\"city\\\":\\\"Lisbon\\\",\\\"temperature\\\":21.5,"
                      + "\\\"unit\\\":\\\"celsius\\\"}\"},"
                      + "{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_02Time\","
                      + "\"content\":\"09:30 in Quito\"}]}"));
      assertThat(result.text()).isEqualTo("Sunny in Lisbon.");
    }
  }
}
