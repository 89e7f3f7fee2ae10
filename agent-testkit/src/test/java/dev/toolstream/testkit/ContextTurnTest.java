package dev.toolstream.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Compaction blocks, refusals' stop details and applied edits, as a Turn encodes them. */
final class ContextTurnTest {

  @Test
  void aCompactionStreamsAsAStartWithNoSummaryThenOneDeltaWithAllOfIt() {
    Turn turn = Turn.builder().compaction("Summary.", "opaque").build();

    List<SseEvents.Event> events = SseEvents.parse(turn.toSse());

    assertThat(events.get(1).data())
        .isEqualTo(
            "{\"type\":\"content_block_start\",\"index\":0,"
                + "\"content_block\":{\"type\":\"compaction\",\"content\":null}}");
    assertThat(events.get(2).data())
        .isEqualTo(
            "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":"
                + "\"compaction_delta\",\"content\":\"Summary.\","
                + "\"encrypted_content\":\"opaque\"}}");
    assertThat(events.get(3).name()).isEqualTo("content_block_stop");
    assertThat(TestJson.read(turn.toJson()).path("content").get(0))
        .isEqualTo(
            TestJson.read(
                "{\"type\":\"compaction\",\"content\":\"Summary.\","
                    + "\"encrypted_content\":\"opaque\"}"));
  }

  @Test
  void aFailedCompactionSendsANullSummary() {
    Turn turn = Turn.builder().compaction(null).build();

    JsonNode delta = TestJson.read(SseEvents.parse(turn.toSse()).get(2).data()).path("delta");

    assertThat(delta).isEqualTo(TestJson.read("{\"type\":\"compaction_delta\",\"content\":null}"));
  }

  @Test
  void aRefusalSendsItsStopDetailsBesideTheStopReason() {
    Turn turn = Turn.builder().text("I can't").refusal("bio", "Lab methods.").build();

    List<SseEvents.Event> events = SseEvents.parse(turn.toSse());
    JsonNode delta = TestJson.read(events.get(events.size() - 2).data()).path("delta");

    assertThat(delta)
        .isEqualTo(
            TestJson.read(
                "{\"stop_reason\":\"refusal\",\"stop_sequence\":null,\"stop_details\":"
                    + "{\"type\":\"refusal\",\"category\":\"bio\","
                    + "\"explanation\":\"Lab methods.\"}}"));
    assertThat(TestJson.read(turn.toJson()).path("stop_details").path("category").stringValue())
        .isEqualTo("bio");
  }

  @Test
  void appliedEditsGoOnTheMessageDeltaBesideItsDelta() {
    ObjectNode applied =
        (ObjectNode)
            TestJson.read(
                "{\"applied_edits\":[{\"type\":\"clear_tool_uses_20250919\","
                    + "\"cleared_tool_uses\":2,\"cleared_input_tokens\":800}]}");
    Turn turn = Turn.builder().text("Done.").contextManagement(applied).build();

    List<SseEvents.Event> events = SseEvents.parse(turn.toSse());
    JsonNode messageDelta = TestJson.read(events.get(events.size() - 2).data());

    assertThat(messageDelta.get("context_management")).isEqualTo(applied);
    assertThat(messageDelta.path("delta").has("context_management")).isFalse();
    assertThat(TestJson.read(turn.toJson()).get("context_management")).isEqualTo(applied);
  }
}
