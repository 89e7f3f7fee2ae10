package dev.toolstream.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.toolstream.client.HostileServer;
import dev.toolstream.errors.MalformedStreamException;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Events in an impossible order end the stream with a {@link MalformedStreamException} holding
 * what arrived before them, at once and without growing memory: they never corrupt the message.
 * Runs with a small heap (see {@link HostileServer}).
 */
@Tag(HostileServer.SMALL_HEAP)
class ProtocolViolationsTest {
  private static final String START =
      event("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\","
          + "\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4-6\","
          + "\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,"
          + "\"usage\":{\"input_tokens\":10,\"output_tokens\":1}}}");
  private static final String END =
      event("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\","
          + "\"stop_sequence\":null},\"usage\":{\"output_tokens\":20}}")
          + event("message_stop", "{\"type\":\"message_stop\"}");

  private final HostileServer server = new HostileServer();

  ProtocolViolationsTest() throws IOException {}

  @AfterEach
  void stop() {
    server.close();
  }

  static String event(String name, String data) {
    return "event: " + name + "\ndata: " + data + "\n\n";
  }

  static String textStart(int index) {
    return event("content_block_start", "{\"type\":\"content_block_start\",\"index\":" + index
        + ",\"content_block\":{\"type\":\"text\",\"text\":\"\"}}");
  }

  static String toolStart(int index) {
    return event("content_block_start", "{\"type\":\"content_block_start\",\"index\":" + index
        + ",\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_" + index
        + "\",\"name\":\"get_weather\",\"input\":{}}}");
  }

  static String delta(int index, String type, String field, String value) {
    return event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":" + index
        + ",\"delta\":{\"type\":\"" + type + "\",\"" + field + "\":\"" + value + "\"}}");
  }

  static String text(int index, String text) {
    return delta(index, "text_delta", "text", text);
  }

  static String input(int index, String json) {
    return delta(index, "input_json_delta", "partial_json", json.replace("\"", "\\\""));
  }

  static String stop(int index) {
    return event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":" + index + "}");
  }

  private MalformedStreamException malformed(String sse) {
    server.stream(sse);
    return catchThrowableOfType(
        MalformedStreamException.class,
        () -> server.client(StreamLimits.DEFAULTS).stream(HostileServer.request()).finalMessage());
  }

  @Test
  void aHugeBlockIndexIsAMalformedStream() {
    MalformedStreamException e = malformed(START + textStart(50_000_000) + text(50_000_000, "x"));

    assertThat(e).hasMessageContaining("content_block_start for block 50000000, but the next block is 0");
    assertThat(e.partialMessage().id()).isEqualTo("msg_1");
    assertThat(e.partialMessage().content()).isEmpty();
    assertThat(e.requestId()).isEqualTo("req_stream_1");
  }

  @Test
  void aNegativeBlockIndexIsAMalformedStream() {
    MalformedStreamException e = malformed(START + textStart(-1));

    assertThat(e).hasMessageContaining("content_block_start for block -1, but the next block is 0");
  }

  @Test
  void aDeltaForANegativeIndexIsAMalformedStream() {
    MalformedStreamException e = malformed(START + textStart(0) + text(-1, "x"));

    assertThat(e).hasMessageContaining("content_block_delta for block -1, which never started");
  }

  @Test
  void aBlockEventWithoutAnIntegerIndexIsAMalformedStream() {
    MalformedStreamException e =
        malformed(START + textStart(0) + text(0, "kept") + event("content_block_stop",
            "{\"type\":\"content_block_stop\",\"index\":\"0\"}"));

    assertThat(e).hasMessageContaining("content_block_stop event has no integer index");
    assertThat(e.partialMessage().text()).isEqualTo("kept");
  }

  @Test
  void aRepeatedContentBlockStartIsAMalformedStream() {
    MalformedStreamException e =
        malformed(START + textStart(0) + text(0, "Hello") + textStart(0) + stop(0) + END);

    assertThat(e).hasMessageContaining("content_block_start for block 0, which had already started");
    assertThat(e.partialMessage().text()).isEqualTo("Hello");
  }

  @Test
  void aRepeatedContentBlockStopIsAMalformedStream() {
    MalformedStreamException e =
        malformed(START + toolStart(0) + input(0, "{\"city\":\"Oslo\"}") + stop(0) + stop(0) + END);

    assertThat(e).hasMessageContaining("content_block_stop for block 0, which had already stopped");
    assertThat(e.partialMessage().toolUses()).singleElement()
        .satisfies(call -> assertThat(call.input().get("city").asString()).isEqualTo("Oslo"));
  }

  @Test
  void aDeltaBeforeItsBlockStartsIsAMalformedStream() {
    MalformedStreamException e = malformed(START + text(0, "early") + textStart(0) + stop(0) + END);

    assertThat(e).hasMessageContaining("content_block_delta for block 0, which never started");
  }

  @Test
  void aDeltaForAStoppedBlockIsAMalformedStream() {
    MalformedStreamException e =
        malformed(START + textStart(0) + text(0, "Hello") + stop(0) + text(0, " again") + END);

    assertThat(e).hasMessageContaining("content_block_delta for block 0, which had already stopped");
    assertThat(e.partialMessage().text()).isEqualTo("Hello");
  }

  @Test
  void aBlockThatSkipsAnIndexIsAMalformedStream() {
    MalformedStreamException e = malformed(START + textStart(0) + stop(0) + textStart(2) + stop(2) + END);

    assertThat(e).hasMessageContaining("content_block_start for block 2, but the next block is 1");
  }

  @ParameterizedTest(name = "{0} for a {1} block")
  @CsvSource({
    "text_delta, tool_use, text",
    "input_json_delta, text, partial_json",
    "thinking_delta, text, thinking",
    "signature_delta, tool_use, signature",
  })
  void aDeltaOfAnotherBlockTypeIsAMalformedStream(String deltaType, String blockType, String field) {
    String block = blockType.equals("text") ? textStart(0) : toolStart(0);

    MalformedStreamException e = malformed(START + block + delta(0, deltaType, field, "x") + stop(0) + END);

    assertThat(e).hasMessageContaining("a " + deltaType + " arrived for a " + blockType + " block");
  }

  @Test
  void aContentBlockStartWithoutABlockIsAMalformedStream() {
    MalformedStreamException e =
        malformed(START + event("content_block_start",
                "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":null}")
            + input(0, "{}") + stop(0) + END);

    assertThat(e).hasMessageContaining("content_block_start event has no content_block object");
  }

  @Test
  void aDeltaCutBeforeItsPayloadIsAMalformedStreamNotACrash() {
    MalformedStreamException e =
        malformed(START + textStart(0) + event("content_block_delta",
            "{\"type\":\"content_block_delta\",\"index\":0,"
                + "\"delta\":{\"type\":\"text_delta\",\"text\":\"}}"));

    assertThat(e).hasMessageContaining("not valid JSON");
  }

  @Test
  void aBlockBeforeMessageStartIsAMalformedStream() {
    MalformedStreamException e = malformed(textStart(0) + text(0, "Hi") + stop(0) + START + END);

    assertThat(e).hasMessageContaining("content_block_start arrived before message_start");
  }

  @Test
  void aSecondMessageStartIsAMalformedStream() {
    MalformedStreamException e = malformed(START + textStart(0) + text(0, "Hi") + stop(0) + START + END);

    assertThat(e).hasMessageContaining("a second message_start arrived");
    assertThat(e.partialMessage().text()).isEqualTo("Hi");
  }

  @Test
  void messageStopWhileABlockIsOpenIsAMalformedStream() {
    MalformedStreamException e = malformed(START + toolStart(0) + input(0, "{\"city\":") + END);

    assertThat(e).hasMessageContaining("message_stop arrived while content block 0 was open");
    assertThat(e.partialMessage().toolUses().get(0).invalidInput()).isNotNull();
  }
}
