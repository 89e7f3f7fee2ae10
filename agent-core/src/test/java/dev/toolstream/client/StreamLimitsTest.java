package dev.toolstream.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.toolstream.errors.ApiException;
import dev.toolstream.errors.MalformedStreamException;
import dev.toolstream.errors.ToolstreamException;
import dev.toolstream.stream.MessageStream;
import dev.toolstream.stream.StreamLimits;
import dev.toolstream.stream.StreamListener;
import dev.toolstream.stream.ToolInputDelta;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A server that sends without end, or sends too much, fails the call with a typed exception once it
 * crosses a {@link StreamLimits} bound, having buffered no more than that: the bodies here run to
 * 256 MB against a 64 MB heap (see {@link HostileServer}).
 */
@Tag(HostileServer.SMALL_HEAP)
class StreamLimitsTest {
  private static final String START =
      event("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\","
          + "\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4-6\","
          + "\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,"
          + "\"usage\":{\"input_tokens\":10,\"output_tokens\":1}}}");
  private static final String TEXT_START =
      event("content_block_start",
          "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}");
  private static final String TOOL_START =
      event("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":"
          + "{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"save\",\"input\":{}}}");
  private static final String THINKING_START =
      event("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":"
          + "{\"type\":\"thinking\",\"thinking\":\"\",\"signature\":\"\"}}");

  private static final String STOP =
      event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}");

  private final HostileServer server = new HostileServer();

  StreamLimitsTest() throws IOException {}

  @AfterEach
  void stop() {
    server.close();
  }

  private static String event(String name, String data) {
    return "event: " + name + "\ndata: " + data + "\n\n";
  }

  private static String delta(String type, String field, String value) {
    return event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,"
        + "\"delta\":{\"type\":\"" + type + "\",\"" + field + "\":\"" + value + "\"}}");
  }

  private MalformedStreamException malformed(StreamLimits limits, StreamListener... listeners) {
    MessageStream stream = server.client(limits).stream(HostileServer.request());
    for (StreamListener listener : listeners) {
      stream.addListener(listener);
    }
    return catchThrowableOfType(MalformedStreamException.class, stream::finalMessage);
  }

  @Test
  void aLineThatNeverEndsIsCutAtTheLineLimit() {
    server.endless(200, START + ": ", "padding ");

    MalformedStreamException e = malformed(StreamLimits.DEFAULTS);

    assertThat(e)
        .hasMessageContaining("a line of the event stream is longer than 8388608 bytes")
        .hasMessageContaining("StreamLimits.maxEventBytes");
    assertThat(e.partialMessage().id()).isEqualTo("msg_1");
  }

  @Test
  void anEventWhoseDataLinesNeverEndIsCutAtTheEventLimit() {
    server.endless(200, START + "event: content_block_delta\n", "data: more\n");

    MalformedStreamException e = malformed(StreamLimits.DEFAULTS);

    assertThat(e).hasMessageContaining("an event's data is longer than 8388608 bytes");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"text_delta, text, TEXT", "thinking_delta, thinking, THINKING",
      "signature_delta, signature, THINKING", "input_json_delta, partial_json, TOOL"})
  void aGiantDeltaOfAnyKindIsCutAtTheLineLimit(String type, String field, String block) {
    String blockStart = block.equals("TEXT") ? TEXT_START : block.equals("TOOL") ? TOOL_START : THINKING_START;
    server.endless(200, START + blockStart + "event: content_block_delta\ndata: {\"type\":"
        + "\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"" + type + "\",\"" + field
        + "\":\"", "abcdefgh");

    MalformedStreamException e = malformed(StreamLimits.DEFAULTS);

    assertThat(e).hasMessageContaining("longer than 8388608 bytes (StreamLimits.maxEventBytes)");
    assertThat(e.partialMessage().content()).hasSize(1);
  }

  @Test
  void aTextBlockThatNeverEndsIsCutAtTheMessageLimit() {
    server.endless(200, START + TEXT_START, delta("text_delta", "text", "All work and no play. "));

    MalformedStreamException e =
        malformed(StreamLimits.builder().maxMessageBytes(4 << 20).build());

    assertThat(e).hasMessageContaining("longer than 4194304 bytes in all (StreamLimits.maxMessageBytes)");
    assertThat(e.partialMessage().text()).startsWith("All work and no play. All work");
  }

  @Test
  void aHugeToolInputIsCutAtTheToolInputLimit() {
    server.endless(200, START + TOOL_START + delta("input_json_delta", "partial_json", "{\\\"body\\\": \\\""),
        delta("input_json_delta", "partial_json", "a line of the body; "));

    MalformedStreamException e = malformed(StreamLimits.DEFAULTS);

    assertThat(e).hasMessageContaining(
        "a tool call's input is longer than 4194304 characters (StreamLimits.maxToolInputChars)");
    assertThat(e.partialMessage().toolUses().get(0).invalidInput().rawJson())
        .startsWith("{\"body\": \"a line of the body; ")
        .hasSizeLessThanOrEqualTo(4 << 20);
  }

  @Test
  void aHugeNumberOfContentBlocksIsCutAtTheBlockLimit() {
    StringBuilder blocks = new StringBuilder(START);
    for (int i = 0; i < 1_001; i++) {
      blocks.append(event("content_block_start", "{\"type\":\"content_block_start\",\"index\":" + i
          + ",\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"));
      blocks.append(event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":" + i + "}"));
    }
    server.stream(blocks.toString());

    MalformedStreamException e =
        malformed(StreamLimits.builder().maxContentBlocks(1_000).build());

    assertThat(e).hasMessageContaining("more than 1000 content blocks (StreamLimits.maxContentBlocks)");
    assertThat(e.partialMessage().content()).hasSize(1_000);
  }

  @Test
  void deeplyNestedToolInputIsAnErrorNotAStackOverflow() {
    String deep = "{\\\"tree\\\":" + "[".repeat(100);
    StringBuilder sse = new StringBuilder(START + TOOL_START);
    for (int i = 0; i < 1_000; i++) {
      sse.append(delta("input_json_delta", "partial_json", i == 0 ? deep : "[".repeat(100)));
    }
    server.stream(sse + STOP);
    AtomicInteger seen = new AtomicInteger();
    StreamListener showsInputAsItStreams =
        new StreamListener() {
          @Override
          public void onToolInputDelta(ToolInputDelta delta) {
            delta.partialInput();
            seen.incrementAndGet();
          }
        };

    MalformedStreamException e = malformed(StreamLimits.DEFAULTS, showsInputAsItStreams);

    assertThat(e).hasMessageContaining(
        "a tool call's input is nested deeper than 256 levels (StreamLimits.maxNestingDepth)");
    assertThat(seen).hasValue(1_000);
  }

  @Test
  void deeplyNestedToolInputIsRefusedWhenItsBlockStops() {
    server.stream(START + TOOL_START + delta("input_json_delta", "partial_json", "[".repeat(100_000)) + STOP);

    MalformedStreamException e = malformed(StreamLimits.builder().maxNestingDepth(8).build());

    assertThat(e).hasMessageContaining("nested deeper than 8 levels");
  }

  @Test
  void anErrorBodyIsReadOnlyUpToTheLimit() {
    server.endless(400, "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\","
        + "\"message\":\"", "you sent something wrong ");

    ApiException e =
        catchThrowableOfType(
            ApiException.class,
            () -> server.client(StreamLimits.DEFAULTS).stream(HostileServer.request()).finalMessage());

    assertThat(e.status()).isEqualTo(400);
    assertThat(e).hasMessageContaining("{\"type\":\"error\"");
    assertThat(e.getMessage()).hasSizeLessThan(1_000);
  }

  @Test
  void aWholeMessageLongerThanTheLimitIsRefused() {
    server.endless(200, "{\"id\":\"msg_1\",\"type\":\"message\",\"content\":[{\"type\":\"text\","
        + "\"text\":\"", "and on and on ");

    assertThatThrownBy(
            () -> server.client(StreamLimits.builder().maxMessageBytes(1 << 20).build())
                .create(HostileServer.request()))
        .isInstanceOf(ToolstreamException.class)
        .hasMessageContaining("is longer than 1048576 bytes (StreamLimits.maxMessageBytes)");
  }

  @Test
  void aRaisedLimitLetsALargerEventThrough() {
    String big = "x".repeat(2_000);
    String sse = START + TEXT_START + delta("text_delta", "text", big)
        + event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}")
        + event("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},"
            + "\"usage\":{\"output_tokens\":5}}")
        + event("message_stop", "{\"type\":\"message_stop\"}");
    StreamLimits small = StreamLimits.builder().maxEventBytes(1_024).build();
    server.stream(sse).stream(sse);

    assertThat(malformed(small)).hasMessageContaining("longer than 1024 bytes");
    assertThat(
            server.client(small.newBuilder().maxEventBytes(4_096).build())
                .stream(HostileServer.request())
                .finalMessage()
                .text())
        .isEqualTo(big);
  }

  @Test
  void limitsAreCheckedWhenSet() {
    assertThatThrownBy(() -> StreamLimits.builder().maxEventBytes(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxEventBytes must be 1 or more, was 0");
    assertThatThrownBy(() -> StreamLimits.builder().maxNestingDepth(10_000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxNestingDepth must be between 1 and 500 (the JSON parser's own limit), was 10000");
    assertThat(StreamLimits.DEFAULTS.newBuilder().build()).isEqualTo(StreamLimits.DEFAULTS);
    assertThat(StreamLimits.DEFAULTS).hasToString(
        "StreamLimits{maxEventBytes=8388608, maxMessageBytes=67108864, maxContentBlocks=100000,"
            + " maxToolInputChars=4194304, maxNestingDepth=256, maxErrorBodyBytes=1048576}");
  }
}
