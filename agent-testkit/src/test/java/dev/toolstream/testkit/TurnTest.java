package dev.toolstream.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** What a Turn encodes to, independent of the server. */
final class TurnTest {

  private static List<JsonNode> deltas(Turn turn) {
    List<JsonNode> deltas = new ArrayList<>();
    for (SseEvents.Event event : SseEvents.parse(turn.toSse())) {
      if (event.name().equals("content_block_delta")) {
        deltas.add(TestJson.read(event.data()).path("delta"));
      }
    }
    return deltas;
  }

  @Test
  void missingIdsAreMadeFromTheRequestAndBlockNumbers() {
    Turn turn =
        Turn.builder().text("Checking.").toolUse("get_weather", "{\"city\":\"Oslo\"}").build();

    List<SseEvents.Event> events = SseEvents.parse(turn.toSse());

    assertThat(TestJson.read(events.get(0).data()).path("message").path("id").stringValue())
        .isEqualTo("msg_scripted_1");
    assertThat(TestJson.read(turn.toJson()).path("content").get(1).path("id").stringValue())
        .isEqualTo("toolu_scripted_1_1");
  }

  @Test
  void toolInputFragmentsAreCutAnywhereAndJoinToTheInput() {
    String input = "{\"q\":\"say \\\"hi\\\"\\n\"}";
    Turn turn = Turn.builder().deltaSize(1).toolUse("toolu_1", "search", input).build();

    List<String> fragments = new ArrayList<>();
    deltas(turn).forEach(delta -> fragments.add(delta.path("partial_json").stringValue()));

    assertThat(fragments.get(0)).isEmpty();
    assertThat(fragments).contains("\\").hasSize(input.length() + 1);
    assertThat(String.join("", fragments)).isEqualTo(input);
  }

  @Test
  void textDeltasNeverSplitACharacterOutsideTheBasicPlane() {
    Turn turn = Turn.builder().deltaSize(1).text("a😀b").build();

    assertThat(deltas(turn))
        .extracting(delta -> delta.path("text").stringValue())
        .containsExactly("a", "😀", "b");
  }

  @Test
  void stopReasonIsToolUseWhenTheTurnCallsATool() {
    assertThat(Turn.builder().toolUse("t", "{}").build().stopReason()).isEqualTo("tool_use");
    assertThat(Turn.text("Done.").stopReason()).isEqualTo("end_turn");
  }

  @Test
  void wholeMessageHoldsTheSameContentAsTheStream() {
    Turn turn =
        Turn.builder()
            .id("msg_1")
            .thinking("Hmm.", "sig")
            .text("It is warm.")
            .toolUse("toolu_1", "get_weather", "{\"city\": \"Rome\"}")
            .stopSequence("END")
            .stopReason("stop_sequence")
            .usage(7, 9)
            .cacheUsage(3, 4)
            .build();

    assertThat(turn.toJson())
        .isEqualTo(
            "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\","
                + "\"model\":\"claude-sonnet-4-6\",\"content\":["
                + "{\"type\":\"thinking\",\"thinking\":\"Hmm.\",\"signature\":\"sig\"},"
                + "{\"type\":\"text\",\"text\":\"It is warm.\"},"
                + "{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"get_weather\","
                + "\"input\":{\"city\":\"Rome\"}}],"
                + "\"stop_reason\":\"stop_sequence\",\"stop_sequence\":\"END\","
                + "\"usage\":{\"input_tokens\":7,\"output_tokens\":9,"
                + "\"cache_creation_input_tokens\":3,\"cache_read_input_tokens\":4}}");
  }

  @Test
  void cacheWritesSplitByTimeToLiveAreSentInMessageStartAndAddUp() {
    Turn turn = Turn.builder().text("Hi.").cacheUsage(0, 900).cacheCreation(300, 200).build();

    JsonNode start = TestJson.read(SseEvents.parse(turn.toSse()).get(0).data());

    assertThat(start.path("message").path("usage"))
        .isEqualTo(
            TestJson.read(
                "{\"input_tokens\":10,\"output_tokens\":1,\"cache_creation_input_tokens\":500,"
                    + "\"cache_read_input_tokens\":900,\"cache_creation\":"
                    + "{\"ephemeral_5m_input_tokens\":300,\"ephemeral_1h_input_tokens\":200}}"));
    assertThat(TestJson.read(turn.toJson()).path("usage").path("cache_creation"))
        .isEqualTo(start.path("message").path("usage").path("cache_creation"));
  }

  @Test
  void thinkingStreamsItsSignatureJustBeforeTheBlockStops() {
    Turn turn = Turn.builder().thinking("Let me think.", "c2ln").build();

    List<SseEvents.Event> events = SseEvents.parse(turn.toSse());

    assertThat(SseEvents.names(events))
        .containsExactly(
            "message_start",
            "content_block_start",
            "content_block_delta",
            "content_block_delta",
            "content_block_stop",
            "message_delta",
            "message_stop");
    assertThat(events.get(3).data())
        .isEqualTo(
            "{\"type\":\"content_block_delta\",\"index\":0,"
                + "\"delta\":{\"type\":\"signature_delta\",\"signature\":\"c2ln\"}}");
  }

  @Test
  void redactedThinkingAndRawBlocksComeWholeInTheirStart() {
    Turn turn =
        Turn.builder()
            .redactedThinking("EmwKAhgB")
            .block(
                (ObjectNode)
                    TestJson.read(
                        "{\"type\":\"web_search_tool_result\",\"tool_use_id\":\"srvtoolu_1\","
                            + "\"content\":[]}"))
            .build();

    List<SseEvents.Event> events = SseEvents.parse(turn.toSse());

    assertThat(events.get(1).data())
        .isEqualTo(
            "{\"type\":\"content_block_start\",\"index\":0,"
                + "\"content_block\":{\"type\":\"redacted_thinking\",\"data\":\"EmwKAhgB\"}}");
    JsonNode serverResult = TestJson.read(events.get(3).data()).path("content_block");
    assertThat(serverResult.path("tool_use_id").stringValue()).isEqualTo("srvtoolu_1");
  }

  @Test
  void multiLineEventDataBecomesSeveralDataLines() {
    Turn turn = Turn.builder().event("note", "line one\nline two").build();

    assertThat(turn.toSse()).contains("event: note\ndata: line one\ndata: line two\n\n");
    assertThat(SseEvents.parse(turn.toSse()).get(1).data()).isEqualTo("line one\nline two");
  }

  @Test
  void interruptingPastTheLastEventIsRejectedWithTheRange() {
    Turn.Builder builder = Turn.builder().text("Hi").disconnectAfter(9);

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("The turn has 6 events; interrupt after 0 to 6, not 9");
  }

  @Test
  void invalidToolInputCannotBeSentAsAWholeMessage() {
    Turn turn = Turn.builder().toolUse("toolu_1", "get_weather", "{\"city\": \"Par").build();

    assertThat(turn.toSse()).contains("\"partial_json\":\"{\\\"city\\\": \\\"Par\"");
    assertThatThrownBy(turn::toJson)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("only a streamed turn can send");
  }
}
