package dev.toolstream.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.toolstream.stream.ToolInputDelta;
import dev.toolstream.testkit.Turn;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Strict and eager tools say so on the wire; eager input that ends invalid is never run. */
class StrictAndEagerToolsTest extends AgentTestSupport {

  private ToolSpec.Builder weather() {
    return ToolSpec.builder("get_weather")
        .description("Current weather in a city.")
        .inputSchema(json(WEATHER_SCHEMA))
        .handler(
            (input, context) -> {
              synchronized (handled) {
                handled.add(input);
              }
              return ToolOutput.text("Sunny");
            });
  }

  @Test
  void aStrictEagerToolSaysSoInTheRequest() throws Exception {
    enqueue(Turn.text("Hi."));

    agent(weather().strict(true).eagerInputStreaming(true).build()).build().run("Go");

    JsonNode tool = nextRequestBody().get("tools").get(0);
    assertThat(tool.get("strict").asBoolean()).isTrue();
    assertThat(tool.get("eager_input_streaming").asBoolean()).isTrue();
  }

  @Test
  void aPlainToolSendsNeitherField() throws Exception {
    enqueue(Turn.text("Hi."));

    agent(weather().build()).build().run("Go");

    JsonNode tool = nextRequestBody().get("tools").get(0);
    assertThat(tool.has("strict")).isFalse();
    assertThat(tool.has("eager_input_streaming")).isFalse();
  }

  @Test
  void aStrictToolWhoseSchemaStrictModeCannotTakeIsRefusedSayingWhy() {
    String schema =
        "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\",\"maxLength\":80},"
            + "\"tags\":{\"type\":\"object\",\"additionalProperties\":{\"type\":\"string\"}}}}";

    assertThatThrownBy(() -> weather().inputSchema(json(schema)).strict(true).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "tool \"get_weather\" cannot be strict, since strict mode does not support its whole"
                + " schema: $: an object must say \"additionalProperties\": false;"
                + " $.properties.city: \"maxLength\": string length constraints are not"
                + " supported; say it in the description;"
                + " $.properties.tags: a map (additionalProperties with a schema) is not"
                + " supported; use a type with fixed properties."
                + " Change the schema, or drop strict(true)");
  }

  @Test
  void eagerInputThatEndsInvalidGoesBackAsInvalidJsonAndTheHandlerDoesNotRun() throws Exception {
    String raw = "{\"city\": \"Lisbon\", \"unit\": cel";
    enqueue(
        Turn.builder()
            .toolUseFragments(
                "toolu_1", "get_weather", "{\"city\": ", "\"Lis", "bon\", ", "\"unit\": cel")
            .build(),
        Turn.text("Let me try again."));
    List<JsonNode> inputs = new ArrayList<>();
    AgentListener listener =
        new AgentListener() {
          @Override
          public void onToolInputDelta(ToolInputDelta delta) {
            inputs.add(delta.partialInput());
          }
        };

    agent(weather().eagerInputStreaming(true).build()).listener(listener).build().run("Go");

    assertThat(inputs)
        .containsExactly(
            json("{}"),
            json("{\"city\":\"Lis\"}"),
            json("{\"city\":\"Lisbon\"}"),
            json("{\"city\":\"Lisbon\"}"));
    assertThat(handled).isEmpty();
    nextRequestBody();
    JsonNode messages = nextRequestBody().get("messages");
    JsonNode call = messages.get(1).get("content").get(0);
    assertThat(call.get("input")).isEqualTo(json("{\"INVALID_JSON\":" + quoted(raw) + "}"));
    JsonNode result = messages.get(2).get("content").get(0);
    assertThat(result.get("is_error").asBoolean()).isTrue();
    JsonNode content = result.get("content");
    assertThat(content).hasSize(2);
    assertThat(json(content.get(0).get("text").asString()))
        .isEqualTo(json("{\"INVALID_JSON\":" + quoted(raw) + "}"));
    assertThat(content.get(1).get("text").asString())
        .startsWith("The input for tool get_weather is not valid JSON (")
        .endsWith(
            "so the tool did not run. Call it again with the input as one valid JSON object.");
  }

  private static String quoted(String text) {
    return JSON.writeValueAsString(text);
  }
}
