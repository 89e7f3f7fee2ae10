package dev.toolstream.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.toolstream.client.MessagesClient;
import dev.toolstream.errors.StreamErrorException;
import dev.toolstream.internal.json.Json;
import dev.toolstream.messages.ContentBlock;
import dev.toolstream.messages.Message;
import dev.toolstream.messages.StopReason;
import dev.toolstream.messages.Usage;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FixtureStreamTest {
  static MessageStream stream(String fixture) {
    return MessagesClient.streamOf(new ByteArrayInputStream(Fixtures.bytes(fixture)));
  }

  @Test
  void textStreamAccumulatesMultiByteTextAndUsage() {
    Message message = stream("text.sse").finalMessage();
    assertThat(message.id()).isEqualTo("msg_01TextExample");
    assertThat(message.model()).isEqualTo("claude-sonnet-4-6");
    assertThat(message.stopReason()).isEqualTo(StopReason.END_TURN);
    assertThat(message.usage()).isEqualTo(new Usage(18, 52, 0, 0));
    assertThat(message.content()).hasSize(1).first().isInstanceOf(ContentBlock.Text.class);
    assertThat(message.text()).startsWith("Quantum entanglement links two particles");
  }

  @Test
  void textStreamYieldsOnlyTextInOrder() {
    List<String> pieces = stream("text.sse").textStream().toList();
    assertThat(pieces).startsWith("Quan", "tum e", "ntan");
    assertThat(String.join("", pieces)).isEqualTo(stream("text.sse").finalMessage().text());
  }

  @Test
  void toolInputFragmentsAreJoinedAndParsedAtBlockStop() {
    Message message = stream("tool_use.sse").finalMessage();
    assertThat(message.stopReason()).isEqualTo(StopReason.TOOL_USE);
    ContentBlock.ToolUse call = message.toolUses().get(0);
    assertThat(call.id()).isEqualTo("toolu_01ParisWeather");
    assertThat(call.name()).isEqualTo("get_weather");
    assertThat(call.input()).isEqualTo(Json.parse("{\"city\":\"Paris\",\"unit\":\"celsius\"}"));
    assertThat(call.invalidInput()).isNull();
  }

  @Test
  void parallelCallsAreKeptPerIndex() {
    Message message = stream("parallel_tools.sse").finalMessage();
    assertThat(message.content()).hasSize(3);
    assertThat(message.toolUses())
        .extracting(ContentBlock.ToolUse::id)
        .containsExactly("toolu_01Lisbon", "toolu_02Quito");
    assertThat(message.toolUses().get(0).input().get("city").asString()).isEqualTo("Lisbon");
    assertThat(message.toolUses().get(1).input().get("unit").asString()).isEqualTo("fahrenheit");
  }

  @Test
  void emptyToolInputBecomesEmptyObject() {
    ContentBlock.ToolUse call = stream("empty_tool_input.sse").finalMessage().toolUses().get(0);
    assertThat(call.input()).isEqualTo(Json.object());
    assertThat(call.invalidInput()).isNull();
  }

  @Test
  void maxTokensStopIsReported() {
    Message message = stream("max_tokens.sse").finalMessage();
    assertThat(message.stopReason()).isEqualTo(StopReason.MAX_TOKENS);
    assertThat(message.text()).isEqualTo("Here is a long answer that will be cut");
  }

  @Test
  void errorEventEndsTheStreamWithThePartialText() {
    assertThatThrownBy(() -> stream("error_midstream.sse").finalMessage())
        .isInstanceOfSatisfying(
            StreamErrorException.class,
            e -> {
              assertThat(e.errorType()).isEqualTo("overloaded_error");
              assertThat(e.errorMessage()).isEqualTo("Overloaded");
              assertThat(e.partialMessage().text()).isEqualTo("Partial answer befor");
            });
  }

  @Test
  void thinkingKeepsItsTextAndSignature() {
    Message message = stream("thinking_tool_use.sse").finalMessage();
    assertThat(message.content().get(0))
        .isEqualTo(
            new ContentBlock.Thinking(
                "The user asks about Reykjavik; get_weather takes a city.",
                "ErUBCkYIAxgCIkB0c2lnbmF0dXJlLWV4YW1wbGU="));
    assertThat(message.toolUses().get(0).input().get("city").asString()).isEqualTo("Reykjavik");
  }

  @Test
  void crlfCommentsAndUnknownEventsAreTolerated() {
    List<StreamEvent> events = new ArrayList<>();
    try (MessageStream stream = stream("crlf_unknown_events.sse")) {
      stream.forEach(events::add);
      assertThat(stream.finalMessage().text()).isEqualTo("Line one\nLine two");
    }
    assertThat(events)
        .filteredOn(e -> e instanceof StreamEvent.Unknown)
        .singleElement()
        .satisfies(e -> assertThat(e.type()).isEqualTo("some_future_event"));
    assertThat(events.get(events.size() - 1)).isInstanceOf(StreamEvent.MessageStop.class);
  }
}
