package dev.toolstream.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.toolstream.errors.MalformedStreamException;
import dev.toolstream.messages.ContentBlock;
import dev.toolstream.messages.MessageParam;
import dev.toolstream.testkit.Turn;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** Each tool_use id of a reply gets exactly one tool_result, and each call sees its own history. */
class OneResultPerCallTest extends AgentTestSupport {

  @Test
  void aReplyThatRepeatsAToolUseIdEndsTheRunAsAMalformedStream() throws Exception {
    enqueue(
        Turn.builder()
            .toolUse("toolu_1", "get_weather", "{\"city\":\"Oslo\"}")
            .toolUse("toolu_1", "get_weather", "{\"city\":\"Rome\"}")
            .build(),
        Turn.text("Done."));

    AgentException e =
        catchThrowableOfType(AgentException.class, () -> agent(weatherTool()).build().run("Go"));

    assertThat(e.getCause())
        .isInstanceOf(MalformedStreamException.class)
        .hasMessageContaining("tool_use id toolu_1 appears twice");
    assertThat(requestCount()).as("no second request answers the id twice").isEqualTo(1);
    assertThat(handled).isEmpty();
  }

  @Test
  void eachCallSeesTheReplyUpToAndIncludingItself() throws Exception {
    Map<String, List<MessageParam>> seen = new ConcurrentHashMap<>();
    ToolSpec recording =
        ToolSpec.builder("look")
            .description("Records the history it sees.")
            .inputSchema(json("{\"type\":\"object\"}"))
            .handler(
                (input, context) -> {
                  seen.put(context.toolUseId(), context.history());
                  return ToolOutput.text("ok");
                })
            .build();
    enqueue(
        Turn.builder()
            .text("Looking twice.")
            .toolUse("toolu_a", "look", "{}")
            .toolUse("toolu_b", "look", "{}")
            .build(),
        Turn.text("Done."));

    agent(recording).build().run("Go");

    assertThat(seen.get("toolu_a")).hasSize(2);
    assertThat(seen.get("toolu_a").get(0)).isEqualTo(MessageParam.user("Go"));
    assertThat(seen.get("toolu_a").get(1).content())
        .extracting(ContentBlock::type)
        .containsExactly("text", "tool_use");
    assertThat(seen.get("toolu_b").get(1).content())
        .extracting(ContentBlock::type)
        .containsExactly("text", "tool_use", "tool_use");
  }
}
