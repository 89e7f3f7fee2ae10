package dev.toolstream.internal.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolstream.messages.Message;
import dev.toolstream.stream.RecordedStreams;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * Whole (non-streaming) responses recorded from the Messages API for today's features are read and
 * written back with every block and field, and their content goes back in the next request as the
 * API expects it, compared as JSON trees.
 */
class RecordedMessagesRoundTripTest {

  static List<String> messages() {
    return RecordedStreams.MESSAGES;
  }

  @ParameterizedTest
  @MethodSource("messages")
  void aRecordedMessageIsWrittenWithEveryBlockAndField(String file) {
    JsonNode recorded = RecordedStreams.json(file);

    JsonNode written =
        Json.parse(Json.write(MessageCodec.writeMessage(MessageCodec.readMessage(recorded))));

    assertThat(written.get("content")).isEqualTo(recorded.get("content"));
    RecordedStreams.assertHoldsEveryField(written, recorded);
  }

  @ParameterizedTest
  @MethodSource("messages")
  void aRecordedMessageGoesBackAsTheApiExpectsIt(String file) {
    JsonNode recorded = RecordedStreams.json(file);
    Message message = MessageCodec.readMessage(recorded);

    JsonNode sentBack = Json.parse(Json.write(MessageCodec.writeParam(message.toParam())));

    assertThat(sentBack.get("role").asString()).isEqualTo("assistant");
    assertThat(sentBack.get("content"))
        .containsExactlyElementsOf(
            RecordedStreams.requestShape((ArrayNode) recorded.get("content")));
  }
}
