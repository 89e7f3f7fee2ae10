package dev.toolstream.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.toolstream.agent.Agent;
import dev.toolstream.agent.AgentResult;
import dev.toolstream.agent.OutputType;
import dev.toolstream.client.MessagesClient;
import dev.toolstream.errors.OutputMismatchException;
import dev.toolstream.internal.json.Json;
import dev.toolstream.testkit.ScriptedClaude;
import dev.toolstream.testkit.Turn;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A Java class as the type of a structured answer: its schema, and the answer read into it. */
final class OutputSchemasTest {
  enum Sky {
    CLEAR,
    CLOUDY
  }

  record Day(LocalDate date, Sky sky, @JsonPropertyDescription("In °C") double high) {}

  record Forecast(String city, List<Day> days, Optional<String> note) {}

  private static final OutputType<Forecast> FORECAST = OutputSchemas.of(Forecast.class);

  @Test
  void theSchemaIsTheOneToolsUseWithinTheStrictSubset() {
    assertThat(FORECAST.schema())
        .isEqualTo(
            Json.parse(
                """
                {"type":"object","properties":{
                  "city":{"type":"string"},
                  "days":{"type":"array","items":{"type":"object","properties":{
                    "date":{"type":"string","format":"date"},
                    "sky":{"type":"string","enum":["CLEAR","CLOUDY"]},
                    "high":{"type":"number","description":"In °C"}},
                    "required":["date","high","sky"],"additionalProperties":false}},
                  "note":{"type":["string","null"]}},
                 "required":["city","days"],"additionalProperties":false}
                """));
  }

  @Test
  void anAgentAsksForTheSchemaAndReadsTheAnswerIntoTheClass() throws Exception {
    String answer =
        "{\"city\":\"Lisbon\",\"days\":[{\"date\":\"2026-12-03\",\"sky\":\"CLEAR\",\"high\":17.5}]}";
    try (ScriptedClaude claude = ScriptedClaude.start(Turn.text(answer))) {
      AgentResult result = agent(claude).run("Forecast for Lisbon?");

      assertThat(claude.takeRequest(Duration.ofSeconds(5)).body().at("/output_config/format"))
          .isEqualTo(
              Json.parse(
                  "{\"type\":\"json_schema\",\"schema\":" + Json.write(FORECAST.schema()) + "}"));
      assertThat(result.output(FORECAST))
          .isEqualTo(
              new Forecast(
                  "Lisbon",
                  List.of(new Day(LocalDate.of(2026, 12, 3), Sky.CLEAR, 17.5)),
                  Optional.empty()));
    }
  }

  @Test
  void anAnswerMissingARequiredPropertySaysWhichOne() {
    String answer = "{\"city\":\"Lisbon\",\"days\":[{\"date\":\"2026-12-03\",\"high\":17.5}]}";
    try (ScriptedClaude claude = ScriptedClaude.start(Turn.text(answer))) {
      AgentResult result = agent(claude).run("Forecast for Lisbon?");

      assertThatThrownBy(() -> result.output(FORECAST))
          .isInstanceOf(OutputMismatchException.class)
          .hasMessage(
              "the answer does not match the output schema: $.days[0]: required property 'sky'"
                  + " not found (required)");
    }
  }

  @Test
  void aClassWhoseJsonIsNotAnObjectIsRefusedWithTheFix() {
    assertThatThrownBy(() -> OutputSchemas.of(String.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "String cannot be an output type: its JSON is not an object with properties, and a"
                + " structured answer must be one: wrap it in a record, such as record"
                + " Answer(String value) {}");
  }

  record Tagged(String city, Map<String, String> tags) {}

  @Test
  void aClassStructuredOutputsCannotDescribeIsRefusedNamingTheProperty() {
    assertThatThrownBy(() -> OutputSchemas.of(Tagged.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Tagged cannot be an output type: the output schema uses what structured outputs do"
                + " not support: $.properties.tags: a map (additionalProperties with a schema) is"
                + " not supported; use a type with fixed properties");
  }

  private static Agent agent(ScriptedClaude claude) {
    MessagesClient client =
        MessagesClient.builder().apiKey("test-key").baseUrl(claude.baseUrl()).maxRetries(0).build();
    return Agent.builder().client(client).model("claude-sonnet-4-6").output(FORECAST).build();
  }
}
