package dev.toolstream.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;


import dev.toolstream.internal.sse.EventParser;
import dev.toolstream.messages.ContentBlock;
import dev.toolstream.messages.Message;
import dev.toolstream.messages.Usage;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

class MessageAccumulatorTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private MessageAccumulator accumulator = new MessageAccumulator();

  private ContentBlock feed(String data) {
    return accumulator.accept(EventParser.parse(null, data));
  }

  private void start(String usage) {
    feed(
        "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\","
            + "\"role\":\"assistant\",\"model\":\"claude-sonnet-4-6\",\"content\":[],"
            + "\"stop_reason\":null,\"stop_sequence\":null,\"usage\":" + usage + "}}");
  }

  private void startToolUse(int index) {
    feed(
        "{\"type\":\"content_block_start\",\"index\":" + index + ",\"content_block\":"
            + "{\"type\":\"tool_use\",\"id\":\"toolu_" + index + "\",\"name\":\"save\",\"input\":{}}}");
  }

  private void inputDelta(int index, String fragment) {
    ObjectNode delta = JsonNodeFactory.instance.objectNode().put("type", "input_json_delta");
    delta.put("partial_json", fragment);
    ObjectNode event =
        JsonNodeFactory.instance.objectNode().put("type", "content_block_delta").put("index", index);
    event.set("delta", delta);
    feed(JSON.writeValueAsString(event));
  }

  private ContentBlock stop(int index) {
    return feed("{\"type\":\"content_block_stop\",\"index\":" + index + "}");
  }

  @Test
  void usageMergesStartAndCumulativeDeltaCountsAndNullNeverOverwrites() {
    start(
        "{\"input_tokens\":472,\"output_tokens\":1,\"cache_creation_input_tokens\":100,"
            + "\"cache_read_input_tokens\":2000}");
    feed(
        "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},"
            + "\"usage\":{\"output_tokens\":80,\"input_tokens\":null,"
            + "\"cache_read_input_tokens\":null}}");
    feed(
        "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},"
            + "\"usage\":{\"output_tokens\":95}}");

    assertThat(accumulator.message().usage()).isEqualTo(new Usage(472, 95, 100, 2000));
  }

  @Test
  void invalidToolJsonKeepsTheRawTextAndTheParseError() {
    start("{\"input_tokens\":1,\"output_tokens\":1}");
    startToolUse(0);
    inputDelta(0, "{\"path\": \"a.txt\", ");
    inputDelta(0, "\"body\": tru");

    ContentBlock.ToolUse call = (ContentBlock.ToolUse) stop(0);

    assertThat(call.invalidInput()).isNotNull();
    assertThat(call.invalidInput().rawJson()).isEqualTo("{\"path\": \"a.txt\", \"body\": tru");
    assertThat(call.invalidInput().error()).isNotBlank().contains("line 1");
    assertThat(call.input().get("INVALID_JSON").asString()).isEqualTo(call.invalidInput().rawJson());
  }

  @Test
  void aJsonValueThatIsNotAnObjectIsInvalidInput() {
    start("{\"input_tokens\":1,\"output_tokens\":1}");
    startToolUse(0);
    inputDelta(0, "[1, 2]");

    ContentBlock.ToolUse call = (ContentBlock.ToolUse) stop(0);

    assertThat(call.invalidInput().error()).contains("array, not an object");
  }

  @Test
  void aMegabyteInputInTwentyThousandFragmentsCutAnywhereIsAssembledExactly() {
    StringBuilder body = new StringBuilder();
    Random random = new Random(42);
    String[] pieces = {"plain text ", "quote \\\" ", "newline \\n ", "東京 ", "😀 ", "\\u00e9 "};
    while (body.length() < 1_000_000) {
      body.append(pieces[random.nextInt(pieces.length)]);
    }
    String json = "{\"path\":\"big.txt\",\"body\":\"" + body + "\"}";
    start("{\"input_tokens\":1,\"output_tokens\":1}");
    startToolUse(0);

    int fragments = 20_000;
    int step = json.length() / fragments;
    int cut = 0;
    for (int i = 0; i < fragments; i++) {
      int end = i == fragments - 1 ? json.length() : Math.min(json.length() - 1, cut + step);
      if (Character.isHighSurrogate(json.charAt(end - 1))) {
        end++; // The API never splits a character; escapes may be split anywhere.
      }
      inputDelta(0, json.substring(cut, end));
      cut = end;
    }
    ContentBlock.ToolUse call = (ContentBlock.ToolUse) stop(0);

    assertThat(call.invalidInput()).isNull();
    assertThat(call.input()).isEqualTo(JSON.readTree(json));
    assertThat(call.input().get("body").asString().length()).isGreaterThan(800_000);
  }

  @Test
  void bracketsInsideStringsDoNotCountAsNestingWhereverTheInputIsCut() {
    // Depth 2, with brackets, escaped quotes and an escaped backslash inside the strings.
    String json = "{\"a\":\"[[{{ \\\" [[ \\\\\",\"b\":[\"]]\\\"[[[\",\"\\\\[\"],\"c\":{\"d\":\"}}\"}}";
    assertThat(JSON.readTree(json).get("b").get(0).asString()).isEqualTo("]]\"[[[");
    StreamLimits depthTwo = StreamLimits.builder().maxNestingDepth(2).build();
    for (int cut = 0; cut <= json.length(); cut++) {
      accumulator = new MessageAccumulator(depthTwo);
      start("{\"input_tokens\":1,\"output_tokens\":1}");
      startToolUse(0);
      inputDelta(0, json.substring(0, cut));
      inputDelta(0, json.substring(cut));

      assertThat(((ContentBlock.ToolUse) stop(0)).input()).isEqualTo(JSON.readTree(json));
    }
  }

  @Test
  void inputNestedPastTheLimitIsRefusedWhereverItIsCut() {
    String json = "{\"a\":\"[[[\",\"b\":[{\"c\":1}]}";
    StreamLimits depthTwo = StreamLimits.builder().maxNestingDepth(2).build();
    for (int cut = 0; cut <= json.length(); cut++) {
      accumulator = new MessageAccumulator(depthTwo);
      start("{\"input_tokens\":1,\"output_tokens\":1}");
      startToolUse(0);
      String head = json.substring(0, cut);
      String tail = json.substring(cut);

      inputDelta(0, head);
      inputDelta(0, tail);

      assertThatThrownBy(() -> stop(0))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageStartingWith("a tool call's input is nested deeper than 2 levels");
    }
  }

  @Test
  void citationsAreAttachedToTheirTextBlock() {
    start("{\"input_tokens\":1,\"output_tokens\":1}");
    feed(
        "{\"type\":\"content_block_start\",\"index\":0,"
            + "\"content_block\":{\"type\":\"text\",\"text\":\"\",\"citations\":[]}}");
    feed(
        "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"citations_delta\","
            + "\"citation\":{\"type\":\"char_location\",\"cited_text\":\"The grass is green.\","
            + "\"document_index\":0,\"document_title\":\"Facts\",\"start_char_index\":0,"
            + "\"end_char_index\":20}}}");
    feed(
        "{\"type\":\"content_block_delta\",\"index\":0,"
            + "\"delta\":{\"type\":\"text_delta\",\"text\":\"the grass is green\"}}");

    ContentBlock.Text text = (ContentBlock.Text) stop(0);

    assertThat(text.text()).isEqualTo("the grass is green");
    assertThat(text.citations()).hasSize(1);
    assertThat(text.citations().get(0).get("cited_text").asString())
        .isEqualTo("The grass is green.");
  }

  @Test
  void theMessageSoFarShowsBlocksStillStreaming() {
    start("{\"input_tokens\":1,\"output_tokens\":1}");
    feed(
        "{\"type\":\"content_block_start\",\"index\":0,"
            + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}");
    feed(
        "{\"type\":\"content_block_delta\",\"index\":0,"
            + "\"delta\":{\"type\":\"text_delta\",\"text\":\"Hel\"}}");

    Message message = accumulator.message();

    assertThat(message.text()).isEqualTo("Hel");
    assertThat(accumulator.isComplete()).isFalse();
  }
}
