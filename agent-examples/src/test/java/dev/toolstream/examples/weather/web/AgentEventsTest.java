package dev.toolstream.examples.weather.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolstream.agent.AgentCancelledException;
import dev.toolstream.agent.AgentException;
import dev.toolstream.agent.ToolExecution;
import dev.toolstream.agent.TurnLimitException;
import dev.toolstream.errors.ApiConnectionException;
import dev.toolstream.errors.OverloadedException;
import dev.toolstream.messages.ContentBlock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/** What each event says about a run: tool calls and results as the page shows them, error types. */
final class AgentEventsTest {
  private static final ContentBlock.ToolUse CALL =
      new ContentBlock.ToolUse(
          "toolu_1", "get_weather", JsonNodeFactory.instance.objectNode().put("city", "Tokyo"));

  @Test
  void aToolCallCarriesIdNameAndInput() {
    JsonNode data = AgentEvents.toolCall(CALL).data();

    assertThat(data.toString())
        .isEqualTo("{\"id\":\"toolu_1\",\"name\":\"get_weather\",\"input\":{\"city\":\"Tokyo\"}}");
  }

  @Test
  void invalidToolInputIsSentAsTextBesideAnEmptyInput() {
    ContentBlock.ToolUse call =
        new ContentBlock.ToolUse(
            "toolu_2",
            "get_weather",
            JsonNodeFactory.instance.objectNode(),
            new ContentBlock.InvalidInput("{\"city\": \"Tok", "unexpected end"));

    JsonNode data = AgentEvents.toolCall(call).data();

    assertThat(data.get("input").isEmpty()).isTrue();
    assertThat(data.get("invalid_input").asString()).isEqualTo("{\"city\": \"Tok");
  }

  @Test
  void aLongToolResultIsCutWithoutSplittingAnEmoji() {
    String content = "x".repeat(AgentEvents.MAX_RESULT_CHARS - 2) + "🌦" + "tail";
    ToolExecution execution =
        new ToolExecution(
            CALL, ContentBlock.ToolResult.text("toolu_1", content, false), Duration.ZERO);

    String shown = AgentEvents.toolResult(execution).data().get("content").asString();

    assertThat(shown).hasSize(AgentEvents.MAX_RESULT_CHARS - 1).endsWith("x…");
  }

  @Test
  void aFailedToolResultSaysSo() {
    ToolExecution execution =
        new ToolExecution(
            CALL, ContentBlock.ToolResult.text("toolu_1", "HTTP 503", true), Duration.ofMillis(3));

    JsonNode data = AgentEvents.toolResult(execution).data();

    assertThat(data.get("is_error").asBoolean()).isTrue();
    assertThat(data.get("content").asString()).isEqualTo("HTTP 503");
    assertThat(data.get("id").asString()).isEqualTo("toolu_1");
  }

  @Test
  void errorTypesNameTheRunsOwnLimits() {
    assertThat(AgentEvents.errorType(new TurnLimitException(4, List.of(), List.of())))
        .isEqualTo("turn_limit");
    assertThat(AgentEvents.errorType(new AgentCancelledException(List.of(), List.of())))
        .isEqualTo("cancelled");
  }

  @Test
  void errorTypesKeepTheApisOwnType() {
    AgentException overloaded =
        new AgentException(
            "failed",
            List.of(),
            List.of(),
            new OverloadedException(529, "overloaded_error", "Overloaded", null));
    AgentException unreachable =
        new AgentException(
            "failed", List.of(), List.of(), new ApiConnectionException("connection refused", null));

    assertThat(AgentEvents.errorType(overloaded)).isEqualTo("overloaded_error");
    assertThat(AgentEvents.errorType(unreachable)).isEqualTo("connection_error");
  }
}
