package dev.toolstream.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolstream.testkit.Turn;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** newBuilder() derives a variant of an agent and leaves the agent as it was. */
class DerivedAgentTest extends AgentTestSupport {

  @Test
  void aVariantDiffersOnlyInWhatWasSetAndTheOriginalIsUnchanged() throws Exception {
    Agent original =
        agent(weatherTool())
            .system("Be brief.")
            .maxTurns(3)
            .request(r -> r.temperature(0.5))
            .build();
    enqueue(Turn.text("One."), Turn.text("Two."), Turn.text("Three."));

    original.run("Hi");
    JsonNode before = nextRequestBody();
    Agent variant = original.newBuilder().model("claude-opus-4-1").build();
    variant.run("Hi");
    JsonNode derived = nextRequestBody();
    original.run("Hi");
    JsonNode after = nextRequestBody();

    assertThat(after).as("the original sends what it sent before").isEqualTo(before);
    ObjectNode expected = ((ObjectNode) before.deepCopy()).put("model", "claude-opus-4-1");
    assertThat(derived).isEqualTo(expected);
  }

  @Test
  void aToolAddedToAVariantIsNotOfferedByTheOriginal() {
    Agent original = agent(weatherTool()).build();
    ToolSpec clock =
        ToolSpec.builder("get_time")
            .description("The time.")
            .inputSchema(json("{\"type\":\"object\"}"))
            .handler((input, context) -> ToolOutput.text("noon"))
            .build();

    Agent variant = original.newBuilder().tool(clock).build();

    assertThat(original.tools()).extracting(ToolSpec::name).containsExactly("get_weather");
    assertThat(variant.tools())
        .extracting(ToolSpec::name)
        .containsExactly("get_weather", "get_time");
  }
}
