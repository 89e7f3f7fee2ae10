package dev.toolstream.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.toolstream.testkit.Turn;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A tool source's list is read at the start of each turn: what changes reaches the next turn. */
class ToolSourceTest extends AgentTestSupport {
  private static ToolSpec tool(String name, String answer) {
    return ToolSpec.builder(name)
        .description("Answers " + answer + ".")
        .inputSchema(json("{\"type\":\"object\"}"))
        .handler((input, context) -> ToolOutput.text(answer))
        .build();
  }

  @Test
  void aToolTheSourceAddsDuringARunIsOfferedAndAnsweredFromTheNextTurn() throws Exception {
    List<ToolSpec> listed = new CopyOnWriteArrayList<>();
    ToolSpec late = tool("late", "late answer");
    listed.add(
        ToolSpec.builder("grow")
            .description("Adds a tool.")
            .inputSchema(json("{\"type\":\"object\"}"))
            .handler(
                (input, context) -> {
                  listed.add(late);
                  return ToolOutput.text("grown");
                })
            .build());
    Agent agent = agent(weatherTool()).toolSource(() -> List.copyOf(listed)).build();
    enqueue(
        Turn.builder().toolUse("toolu_1", "grow", "{}").stopReason("tool_use").build(),
        Turn.builder().toolUse("toolu_2", "late", "{}").stopReason("tool_use").build(),
        Turn.text("Done."));

    agent.run("Grow, then use the new tool.");

    assertThat(toolNames(nextRequestBody())).containsExactly("get_weather", "grow");
    assertThat(toolNames(nextRequestBody())).containsExactly("get_weather", "grow", "late");
    JsonNode third = nextRequestBody();
    assertThat(third.at("/messages/4/content/0/content").toString()).contains("late answer");
  }

  @Test
  void aSourceToolNamedLikeABuilderToolIsRefusedAtBuild() {
    assertThatThrownBy(
            () ->
                agent(weatherTool())
                    .toolSource(() -> List.of(tool("get_weather", "other")))
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(
            "offers a tool named \"get_weather\", like a tool added with tool(...)");
  }

  private static List<String> toolNames(JsonNode request) {
    return request.get("tools").valueStream().map(tool -> tool.get("name").asString()).toList();
  }
}
