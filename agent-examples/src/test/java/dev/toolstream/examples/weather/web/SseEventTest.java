package dev.toolstream.examples.weather.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

/** An event's frame: one data line of JSON whatever the text holds, so it parses back exactly. */
final class SseEventTest {
  private static SseEvents.Event roundTrip(String text) throws Exception {
    List<SseEvents.Event> events = SseEvents.parse(AgentEvents.text(text).frame());
    assertThat(events).hasSize(1);
    return events.get(0);
  }

  @Test
  void multiLineTextStaysOnOneDataLine() {
    String frame = AgentEvents.text("one\ntwo\n\nthree\n").frame();

    assertThat(frame).isEqualTo("event: text\ndata: {\"text\":\"one\\ntwo\\n\\nthree\\n\"}\n\n");
  }

  @Test
  void multiLineTextRoundTripsExactly() throws Exception {
    String text = "- Tokyo: 14.3 °C\n\n- Paris: 9.1 °C\r\nend\r";

    SseEvents.Event event = roundTrip(text);

    assertThat(event.name()).isEqualTo("text");
    assertThat(event.json().get("text").asString()).isEqualTo(text);
  }

  @Test
  void carriageReturnsAndBlankLinesCannotEndTheEventEarly() {
    String frame = AgentEvents.text("a\r\n\r\nevent: done\ndata: {}\n\nb").frame();

    String[] lines = frame.split("\n", -1);
    assertThat(lines).hasSize(4);
    assertThat(lines[0]).isEqualTo("event: text");
    assertThat(lines[1]).startsWith("data: {").endsWith("}");
    assertThat(lines[2]).isEmpty();
    assertThat(frame).doesNotContain("\r");
  }

  @Test
  void unicodeEmojiAndCjkRoundTripAsUtf8() throws Exception {
    String text = "晴れ 東京 🌦️ naïve Ω 👩‍👩‍👧 \u2028 end";
    SseEvent event = AgentEvents.text(text);

    String decoded = new String(event.bytes(), StandardCharsets.UTF_8);

    assertThat(decoded).isEqualTo(event.frame());
    assertThat(roundTrip(text).json().get("text").asString()).isEqualTo(text);
  }

  @Test
  void theFrameNamesTheEvent() throws Exception {
    SseEvent event = AgentEvents.error("overloaded_error", "Overloaded");

    SseEvents.Event parsed = SseEvents.parse(event.frame()).get(0);

    assertThat(parsed.name()).isEqualTo("error");
    assertThat(parsed.data())
        .isEqualTo("{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}");
  }

  @Test
  void aNameThatCouldBreakTheFrameIsRefused() {
    assertThatThrownBy(() -> new SseEvent("text\ndata: x", JsonNodeFactory.instance.objectNode()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("letters, digits and _ only");
    assertThatThrownBy(() -> new SseEvent("", JsonNodeFactory.instance.objectNode()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aCommentIsOneLineThatReadersSkip() throws Exception {
    byte[] comment = SseEvent.comment("ping\r\nevent: text");

    assertThat(new String(comment, StandardCharsets.UTF_8)).isEqualTo(": ping  event: text\n");
    assertThat(SseEvents.parse(new String(comment, StandardCharsets.UTF_8) + "\n")).isEmpty();
  }
}
