package dev.toolstream.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.toolstream.messages.MessageParam;
import dev.toolstream.messages.StopDetails;
import dev.toolstream.messages.StopReason;
import dev.toolstream.messages.ThinkingConfig;
import dev.toolstream.messages.Usage;
import dev.toolstream.testkit.RecordedRequest;
import dev.toolstream.testkit.Turn;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Thinking between tool calls, refusals' details and a full context window, through the loop. */
class ThinkingAndStopsLoopTest extends AgentTestSupport {

  @Test
  void interleavedThinkingGoesBackInPlaceWithItsSignaturesOnEveryTurn() throws Exception {
    enqueue(
        Turn.builder()
            .thinking("Oslo first.", "sig_1")
            .toolUse("toolu_1", "get_weather", "{\"city\":\"Oslo\"}")
            .build(),
        Turn.builder()
            .thinking("Now Rome.", "sig_2")
            .text("And Rome:")
            .toolUse("toolu_2", "get_weather", "{\"city\":\"Rome\"}")
            .build(),
        Turn.builder().thinking("Both sunny.", "sig_3").text("Sunny in both.").build());

    AgentResult result =
        agent(weatherTool())
            .maxTokens(8192)
            .thinking(ThinkingConfig.enabled(4096).interleaved())
            .build()
            .run("Weather in Oslo and Rome?");

    RecordedRequest first = claude.takeRequest(WAIT);
    RecordedRequest second = claude.takeRequest(WAIT);
    RecordedRequest third = claude.takeRequest(WAIT);
    assertThat(first.header("anthropic-beta")).isEqualTo("interleaved-thinking-2025-05-14");
    assertThat(third.header("anthropic-beta")).isEqualTo("interleaved-thinking-2025-05-14");
    assertThat(second.messages().get(1).path("content"))
        .isEqualTo(
            json(
                "[{\"type\":\"thinking\",\"thinking\":\"Oslo first.\",\"signature\":\"sig_1\"},"
                    + "{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"get_weather\","
                    + "\"input\":{\"city\":\"Oslo\"}}]"));
    List<JsonNode> last = third.messages();
    assertThat(last).hasSize(5);
    assertThat(last.get(1)).isEqualTo(second.messages().get(1));
    assertThat(last.get(3).path("content"))
        .isEqualTo(
            json(
                "[{\"type\":\"thinking\",\"thinking\":\"Now Rome.\",\"signature\":\"sig_2\"},"
                    + "{\"type\":\"text\",\"text\":\"And Rome:\"},"
                    + "{\"type\":\"tool_use\",\"id\":\"toolu_2\",\"name\":\"get_weather\","
                    + "\"input\":{\"city\":\"Rome\"}}]"));
    assertThat(result.text()).isEqualTo("Sunny in both.");
    assertThat(handled).hasSize(2);
  }

  @Test
  void adaptiveThinkingIsSentOnEveryTurnWithoutABeta() throws Exception {
    enqueue(
        Turn.builder()
            .thinking("", "sig_omitted")
            .toolUse("toolu_1", "get_weather", "{\"city\":\"Oslo\"}")
            .build(),
        Turn.text("Sunny."));

    agent(weatherTool())
        .thinking(ThinkingConfig.adaptive().withDisplay(ThinkingConfig.OMITTED))
        .build()
        .run("Weather in Oslo?");

    claude.takeRequest(WAIT);
    RecordedRequest second = claude.takeRequest(WAIT);
    assertThat(second.body().get("thinking"))
        .isEqualTo(json("{\"type\":\"adaptive\",\"display\":\"omitted\"}"));
    assertThat(second.header("anthropic-beta")).isNull();
    assertThat(second.messages().get(1).path("content").get(0))
        .isEqualTo(json("{\"type\":\"thinking\",\"thinking\":\"\",\"signature\":\"sig_omitted\"}"));
  }

  @Test
  void aRefusalsStopDetailsReachTheResult() {
    enqueue(Turn.builder().text("I can't help").refusal("cyber", "Malware.").build());

    AgentResult result = agent(weatherTool()).build().run("Write malware");

    assertThat(result.isRefusal()).isTrue();
    assertThat(result.stopDetails()).isEqualTo(StopDetails.refusal("cyber", "Malware."));
    assertThat(result.isTruncated()).isFalse();
  }

  @Test
  void aRefusedReplyIsLeftOutOfTheHistorySoTheConversationCanGoOn() throws Exception {
    enqueue(
        Turn.builder().refusal("cyber", "Malware.").build(),
        Turn.builder().text("Sunny in Oslo.").build());
    Agent agent = agent(weatherTool()).build();

    AgentResult refused = agent.run("Write malware");
    List<MessageParam> next = new ArrayList<>(refused.history());
    next.add(MessageParam.user("Then just tell me the weather in Oslo."));
    agent.run(next);

    assertThat(refused.finalMessage().content()).isEmpty();
    assertThat(refused.history()).containsExactly(MessageParam.user("Write malware"));
    claude.takeRequest(WAIT);
    RecordedRequest goingOn = claude.takeRequest(WAIT);
    assertThat(goingOn.messages())
        .extracting(message -> message.path("role").asString())
        .containsExactly("user", "user");
  }

  @Test
  void aFullContextWindowInsideAToolCallRunsNoToolAndEndsTheRun() {
    enqueue(
        Turn.builder()
            .text("Checking.")
            .toolUse("toolu_1", "get_weather", "{\"city\": \"Tok")
            .stopReason("model_context_window_exceeded")
            .usage(199_000, 1000)
            .build());

    ContextWindowExceededException e =
        catchThrowableOfType(
            ContextWindowExceededException.class,
            () -> agent(weatherTool()).build().run("Weather?"));

    assertThat(e).hasMessageContaining("context window").hasMessageContaining("no tool ran");
    assertThat(handled).isEmpty();
    assertThat(requestCount()).isEqualTo(1);
    assertThat(e.history()).hasSize(1);
    assertThat(e.truncatedMessage().stopReason())
        .isSameAs(StopReason.MODEL_CONTEXT_WINDOW_EXCEEDED);
    assertThat(e.turnUsage()).containsExactly(new Usage(199_000, 1000, 0, 0));
  }

  @Test
  void aCompleteToolCallCutByTheContextWindowDoesNotRunEither() {
    enqueue(
        Turn.builder()
            .toolUse("toolu_1", "get_weather", "{\"city\":\"Oslo\"}")
            .stopReason("model_context_window_exceeded")
            .build());

    ContextWindowExceededException e =
        catchThrowableOfType(
            ContextWindowExceededException.class,
            () -> agent(weatherTool()).build().run("Weather?"));

    assertThat(e.truncatedMessage().toolUses()).hasSize(1);
    assertThat(handled).isEmpty();
    assertThat(requestCount()).isEqualTo(1);
  }

  @Test
  void aFullContextWindowWithoutToolCallsEndsTheRunAsTruncated() {
    enqueue(
        Turn.builder().text("The answer is").stopReason("model_context_window_exceeded").build());

    AgentResult result = agent(weatherTool()).build().run("Explain");

    assertThat(result.isTruncated()).isTrue();
    assertThat(result.stopReason()).isSameAs(StopReason.MODEL_CONTEXT_WINDOW_EXCEEDED);
    assertThat(result.text()).isEqualTo("The answer is");
    assertThat(requestCount()).isEqualTo(1);
  }
}
