package dev.toolstream.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.toolstream.messages.ContentBlock;
import dev.toolstream.messages.ContextManagement;
import dev.toolstream.messages.MessageParam;
import dev.toolstream.messages.Role;
import dev.toolstream.messages.StopReason;
import dev.toolstream.testkit.RecordedRequest;
import dev.toolstream.testkit.Turn;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The agent lets the API compact a long run, and sends the history the way the API reads it. */
class CompactionLoopTest extends AgentTestSupport {

  private RecordedRequest nextRequest() throws InterruptedException {
    return claude.takeRequest(WAIT);
  }

  private static List<String> types(JsonNode message) {
    List<String> types = new ArrayList<>();
    message.path("content").forEach(block -> types.add(block.path("type").asString()));
    return types;
  }

  @Test
  void compactAtSendsTheCompactionEditWithItsBeta() throws Exception {
    enqueue(Turn.text("Hello."));

    agent().compactAt(120_000).build().run("Hi");

    RecordedRequest request = nextRequest();
    assertThat(request.body().get("context_management"))
        .isEqualTo(
            json(
                "{\"edits\":[{\"type\":\"compact_20260112\","
                    + "\"trigger\":{\"type\":\"input_tokens\",\"value\":120000}}]}"));
    assertThat(request.header("anthropic-beta")).isEqualTo("compact-2026-01-12");
  }

  @Test
  void compactAtKeepsTheOtherEditsAndCompactionSettingsSetOnTheRequest() throws Exception {
    enqueue(Turn.text("Hello."));
    ContextManagement set =
        ContextManagement.of(
            ContextManagement.clearThinking().withKeepTurns(1),
            ContextManagement.compact().withInstructions("Keep names.").withTrigger(60_000));

    agent().request(r -> r.contextManagement(set)).compactAt(90_000).build().run("Hi");

    assertThat(nextRequest().body().path("context_management").path("edits"))
        .isEqualTo(
            json(
                "[{\"type\":\"clear_thinking_20251015\","
                    + "\"keep\":{\"type\":\"thinking_turns\",\"value\":1}},"
                    + "{\"type\":\"compact_20260112\","
                    + "\"trigger\":{\"type\":\"input_tokens\",\"value\":90000},"
                    + "\"instructions\":\"Keep names.\"}]"));
  }

  @Test
  void compactAtRefusesAThresholdBelowOne() {
    assertThatThrownBy(() -> agent().compactAt(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("compactAt must be at least 1, was 0");
  }

  @Test
  void afterACompactionTheNextRequestStartsFromTheSummaryAndTheHistoryKeepsAll() throws Exception {
    enqueue(
        Turn.builder()
            .compaction("They asked for Oslo's weather.", "enc_1")
            .text("Checking.")
            .toolUse("toolu_1", "get_weather", "{\"city\":\"Oslo\"}")
            .build(),
        Turn.text("Sunny in Oslo."));
    List<ContentBlock.Compaction> heard = new ArrayList<>();
    AgentListener listener =
        new AgentListener() {
          @Override
          public void onCompaction(ContentBlock.Compaction compaction) {
            heard.add(compaction);
          }
        };
    List<MessageParam> earlier =
        List.of(
            MessageParam.user("Long talk."),
            MessageParam.assistant(List.of(ContentBlock.text("Indeed."))),
            MessageParam.user("Weather in Oslo?"));

    AgentResult result =
        agent(weatherTool()).compactAt(50_000).listener(listener).build().run(earlier);

    nextRequest();
    List<JsonNode> second = nextRequest().messages();
    assertThat(second).hasSize(2);
    assertThat(second.get(0).path("role").asString()).isEqualTo("assistant");
    assertThat(second.get(0).path("content").get(0))
        .isEqualTo(
            json(
                "{\"type\":\"compaction\",\"content\":\"They asked for Oslo's weather.\","
                    + "\"encrypted_content\":\"enc_1\"}"));
    assertThat(types(second.get(0))).containsExactly("compaction", "text", "tool_use");
    assertThat(types(second.get(1))).containsExactly("tool_result");
    assertThat(heard)
        .extracting(ContentBlock.Compaction::content)
        .containsExactly("They asked for Oslo's weather.");
    assertThat(result.history()).hasSize(6);
    assertThat(result.history().get(3).content().get(0))
        .isInstanceOf(ContentBlock.Compaction.class);
  }

  @Test
  void aFailedCompactionReplacesNothingSoTheWholeHistoryGoesBack() throws Exception {
    enqueue(
        Turn.builder()
            .compaction(null)
            .toolUse("toolu_1", "get_weather", "{\"city\":\"Oslo\"}")
            .build(),
        Turn.text("Sunny."));

    agent(weatherTool()).compactAt(50_000).build().run("Weather in Oslo?");

    nextRequest();
    List<JsonNode> second = nextRequest().messages();
    assertThat(second).hasSize(3);
    assertThat(second.get(1).path("content").get(0))
        .isEqualTo(json("{\"type\":\"compaction\",\"content\":null}"));
  }

  @Test
  void aCompactionPauseIsContinuedWithTheSummaryInPlace() throws Exception {
    enqueue(
        Turn.builder().compaction("Summary.").stopReason("compaction").build(),
        Turn.text("Picking up from the summary."));

    AgentResult result =
        agent()
            .request(
                r ->
                    r.contextManagement(
                        ContextManagement.of(
                            ContextManagement.compact().withPauseAfterCompaction(true))))
            .build()
            .run("Go on with the task.");

    assertThat(nextRequest().messages()).hasSize(1);
    List<JsonNode> second = nextRequest().messages();
    assertThat(second).hasSize(1);
    assertThat(second.get(0).path("role").asString()).isEqualTo("assistant");
    assertThat(second.get(0).path("content"))
        .isEqualTo(json("[{\"type\":\"compaction\",\"content\":\"Summary.\"}]"));
    assertThat(result.turns()).isEqualTo(2);
    assertThat(result.stopReason()).isSameAs(StopReason.END_TURN);
    assertThat(result.text()).isEqualTo("Picking up from the summary.");
    assertThat(result.history())
        .extracting(MessageParam::role)
        .containsExactly(Role.USER, Role.ASSISTANT, Role.ASSISTANT);
  }
}
