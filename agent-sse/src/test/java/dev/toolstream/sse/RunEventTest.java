package dev.toolstream.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/** An event's frame: one data line of JSON whatever the text holds, so it parses back exactly. */
final class RunEventTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** Reads a frame as a browser's EventSource does: its event line and its one data line. */
  private static JsonNode data(String frame) {
    String[] lines = frame.split("\n", -1);
    assertThat(lines).hasSize(4);
    assertThat(lines[1]).startsWith("data: ");
    assertThat(lines[2]).isEmpty();
    assertThat(lines[3]).isEmpty();
    return JSON.readTree(lines[1].substring("data: ".length()));
  }

  @Test
  void multiLineTextStaysOnOneDataLine() {
    String frame = RunEvents.text("one\ntwo\n\nthree\n").frame();

    assertThat(frame).isEqualTo("event: text\ndata: {\"text\":\"one\\ntwo\\n\\nthree\\n\"}\n\n");
  }

  @Test
  void multiLineTextRoundTripsExactly() {
    String text = "- Tokyo: 14.3 °C\n\n- Paris: 9.1 °C\r\nend\r";

    JsonNode data = data(RunEvents.text(text).frame());

    assertThat(data.get("text").asString()).isEqualTo(text);
  }

  @Test
  void carriageReturnsAndBlankLinesCannotEndTheEventEarly() {
    String frame = RunEvents.text("a\r\n\r\nevent: done\ndata: {}\n\nb").frame();

    String[] lines = frame.split("\n", -1);
    assertThat(lines).hasSize(4);
    assertThat(lines[0]).isEqualTo("event: text");
    assertThat(lines[1]).startsWith("data: {").endsWith("}");
    assertThat(frame).doesNotContain("\r");
  }

  @Test
  void unicodeEmojiAndCjkRoundTripAsUtf8() {
    String text = "晴れ 東京 🌦️ naïve Ω 👩‍👩‍👧 \u2028 end";
    String frame = RunEvents.text(text).frame();

    String decoded = new String(frame.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);

    assertThat(data(decoded).get("text").asString()).isEqualTo(text);
  }

  @Test
  void theFrameNamesTheEvent() {
    RunEvent event = RunEvents.error("overloaded_error", "Overloaded");

    assertThat(event.frame())
        .isEqualTo(
            "event: error\ndata: {\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}\n\n");
    assertThat(event.json()).isEqualTo("{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}");
  }

  @Test
  void aNameThatCouldBreakTheFrameIsRefused() {
    assertThatThrownBy(() -> new RunEvent("text\ndata: x", JsonNodeFactory.instance.objectNode()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("letters, digits and _ only");
    assertThatThrownBy(() -> new RunEvent("", JsonNodeFactory.instance.objectNode()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
