package dev.toolstream.sse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolstream.agent.AgentCancelledException;
import dev.toolstream.agent.AgentException;
import dev.toolstream.agent.ToolExecution;
import dev.toolstream.agent.TurnLimitException;
import dev.toolstream.errors.ApiConnectionException;
import dev.toolstream.errors.AuthenticationException;
import dev.toolstream.errors.OverloadedException;
import dev.toolstream.messages.ContentBlock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/** What each event says about a run: tool calls and results as the page shows them, error types. */
final class RunEventsTest {
  private static final SetupHints HINTS = new SetupHints("ANTHROPIC_API_KEY", "its --model");

  private static final ContentBlock.ToolUse CALL =
      new ContentBlock.ToolUse(
          "toolu_1", "get_weather", JsonNodeFactory.instance.objectNode().put("city", "Tokyo"));

  @Test
  void aToolCallCarriesIdNameAndInput() {
    JsonNode data = RunEvents.toolCall(CALL).data();

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

    JsonNode data = RunEvents.toolCall(call).data();

    assertThat(data.get("input").isEmpty()).isTrue();
    assertThat(data.get("invalid_input").asString()).isEqualTo("{\"city\": \"Tok");
  }

  @Test
  void aLongToolResultIsCutWithoutSplittingAnEmoji() {
    String content = "x".repeat(RunEvents.MAX_RESULT_CHARS - 2) + "🌦" + "tail";
    ToolExecution execution =
        new ToolExecution(
            CALL, ContentBlock.ToolResult.text("toolu_1", content, false), Duration.ZERO);

    String shown = RunEvents.toolResult(execution).data().get("content").asString();

    assertThat(shown).hasSize(RunEvents.MAX_RESULT_CHARS - 1).endsWith("x…");
  }

  @Test
  void aFailedToolResultSaysSo() {
    ToolExecution execution =
        new ToolExecution(
            CALL, ContentBlock.ToolResult.text("toolu_1", "HTTP 503", true), Duration.ofMillis(3));

    JsonNode data = RunEvents.toolResult(execution).data();

    assertThat(data.get("is_error").asBoolean()).isTrue();
    assertThat(data.get("content").asString()).isEqualTo("HTTP 503");
    assertThat(data.get("id").asString()).isEqualTo("toolu_1");
  }

  @Test
  void errorTypesNameTheRunsOwnLimits() {
    assertThat(RunEvents.errorType(new TurnLimitException(4, List.of(), List.of())))
        .isEqualTo("turn_limit");
    assertThat(RunEvents.errorType(new AgentCancelledException(List.of(), List.of())))
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

    assertThat(RunEvents.errorType(overloaded)).isEqualTo("overloaded_error");
    assertThat(RunEvents.errorType(unreachable)).isEqualTo("connection_error");
  }

  @Test
  void aFailedRunsEventSaysWhatToDoInTheServersOwnTermsAndNeverTheExceptionsText() {
    AgentException refused =
        new AgentException(
            "failed",
            List.of(),
            List.of(),
            new AuthenticationException(
                401, "authentication_error", "invalid x-api-key sk-ant-secret", null));

    JsonNode data = RunEvents.failure(refused, HINTS).data();

    assertThat(data.get("type").asString()).isEqualTo("authentication_error");
    assertThat(data.get("message").asString())
        .isEqualTo(
            "The server's API key was not accepted. Whoever runs this server should check"
                + " ANTHROPIC_API_KEY.")
        .doesNotContain("sk-ant");
    assertThat(
            RunEvents.failure(refused, new SetupHints("toolstream.api-key", "x"))
                .data()
                .get("message")
                .asString())
        .endsWith("should check toolstream.api-key.");
  }

  @Test
  void aRunsFutureIsLookedThroughAndACancelledOneSaysSo() {
    AgentException limit = new TurnLimitException(4, List.of(), List.of());

    assertThat(RunEvents.failure(new CompletionException(limit), HINTS).data().get("type").asString())
        .isEqualTo("turn_limit");
    assertThat(RunEvents.failure(new CancellationException(), HINTS).data().get("type").asString())
        .isEqualTo("cancelled");
  }

  @Test
  void aFailureNobodyForesawIsAnInternalErrorWithoutItsDetails() {
    RunEvent event = RunEvents.failure(new IllegalStateException("at com.example.Secret"), HINTS);

    assertThat(event.name()).isEqualTo("error");
    assertThat(event.data().get("type").asString()).isEqualTo("internal_error");
    assertThat(event.data().get("message").asString()).isEqualTo(RunEvents.INTERNAL_ERROR);
  }
}
