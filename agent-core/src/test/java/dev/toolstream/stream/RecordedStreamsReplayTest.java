package dev.toolstream.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolstream.client.MessagesClient;
import dev.toolstream.internal.json.Json;
import dev.toolstream.internal.json.MessageCodec;
import dev.toolstream.messages.ContentBlock;
import dev.toolstream.messages.Message;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every recorded stream of today's Messages API features, replayed through {@link
 * MessagesClient#streamOf}: the final message holds every block in order with every field, as the
 * official SDKs accumulate it from the same bytes (compared as JSON trees, so whichever typed
 * records hold the blocks).
 */
class RecordedStreamsReplayTest {

  static List<String> streams() {
    return RecordedStreams.allStreams();
  }

  private static JsonNode written(Message message) {
    return Json.parse(Json.write(MessageCodec.writeMessage(message)));
  }

  @ParameterizedTest
  @MethodSource("streams")
  void theFinalMessageHoldsEveryBlockWithEveryField(String stream) {
    ObjectNode expected = RecordedStreams.expectedMessage(stream);

    JsonNode actual = written(replay(stream, new StreamListener() {}));

    assertThat(actual.get("content")).isEqualTo(expected.get("content"));
    RecordedStreams.assertHoldsEveryField(actual, expected);
  }

  @ParameterizedTest
  @MethodSource("streams")
  void listenersGetEachBlockOnceInOrderAsItStays(String stream) {
    List<Integer> indexes = new ArrayList<>();
    List<ContentBlock> blocks = new ArrayList<>();

    Message message =
        replay(
            stream,
            new StreamListener() {
              @Override
              public void onContentBlock(int index, ContentBlock block) {
                indexes.add(index);
                blocks.add(block);
              }
            });

    ArrayNode expected = (ArrayNode) RecordedStreams.expectedMessage(stream).get("content");
    assertThat(indexes).hasSize(expected.size());
    for (int i = 0; i < expected.size(); i++) {
      assertThat(indexes.get(i)).isEqualTo(i);
      assertThat(blocks.get(i)).isEqualTo(message.content().get(i));
    }
  }

  @ParameterizedTest
  @MethodSource("streams")
  void everyEventReachesListenersUnknownTypesIncluded(String stream) {
    List<String> types = new ArrayList<>();
    List<String> deltaTypes = new ArrayList<>();

    replay(
        stream,
        new StreamListener() {
          @Override
          public void onEvent(StreamEvent event) {
            types.add(event.type());
            if (event instanceof StreamEvent.ContentBlockDelta delta) {
              deltaTypes.add(delta.delta().type());
            }
          }
        });

    List<JsonNode> sent = RecordedStreams.events(stream);
    assertThat(types)
        .containsExactlyElementsOf(sent.stream().map(e -> e.get("type").asString()).toList());
    assertThat(deltaTypes)
        .containsExactlyElementsOf(
            sent.stream()
                .filter(e -> e.has("delta") && e.get("delta").has("type"))
                .map(e -> e.get("delta").get("type").asString())
                .toList());
  }

  @Test
  void aTurnResumedWithItsBlocksInMessageStartKeepsThemAndItsStopReason() {
    JsonNode message = written(replay("programmatic_tool_calling.2.sse", new StreamListener() {}));

    assertThat(message.get("stop_reason").asString()).isEqualTo("tool_use");
    assertThat(message.get("content"))
        .extracting(block -> block.get("id").asString())
        .containsExactly("toolu_015dGLMbwBKv1ZRQr6KdJzeH");
    assertThat(message.get("container").get("id").asString())
        .isEqualTo("container_011CWHPPTDTn1XufeRB9uHeH");
  }

  @Test
  void aFallbackNamesTheModelThatServedTheResponse() {
    Message message = replay("fallback_block.sse", new StreamListener() {});

    assertThat(message.model()).isEqualTo("claude-opus-4-8");
  }

  @Test
  void aCompactionDeltaFillsItsBlock() {
    JsonNode compaction =
        written(replay("compaction_encrypted.sse", new StreamListener() {})).get("content").get(0);

    assertThat(compaction.get("content").asString()).isEqualTo("Earlier conversation summarized.");
    assertThat(compaction.get("encrypted_content").asString())
        .isEqualTo("EpwBCioIDxgCEAEYASJALd_opaque_compaction_payload");
  }

  @Test
  void theAppliedContextEditsBesideTheDeltaAreKept() {
    JsonNode message =
        written(replay("context_management_applied_edits.sse", new StreamListener() {}));

    assertThat(message.get("context_management").get("applied_edits"))
        .extracting(edit -> edit.get("type").asString())
        .containsExactly("clear_tool_uses_20250919", "clear_thinking_20251015");
  }

  private static Message replay(String stream, StreamListener listener) {
    byte[] bytes = RecordedStreams.bytes(stream);
    try (MessageStream events = MessagesClient.streamOf(new ByteArrayInputStream(bytes))) {
      events.addListener(listener);
      return events.finalMessage();
    }
  }
}
