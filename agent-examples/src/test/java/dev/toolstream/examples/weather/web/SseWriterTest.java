package dev.toolstream.examples.weather.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The heartbeat comment: one line that readers skip, whatever text it is given. */
final class SseWriterTest {
  @Test
  void aCommentIsOneLineThatReadersSkip() throws Exception {
    byte[] comment = SseWriter.comment("ping\r\nevent: text");

    assertThat(new String(comment, StandardCharsets.UTF_8)).isEqualTo(": ping  event: text\n");
    assertThat(SseEvents.parse(new String(comment, StandardCharsets.UTF_8) + "\n")).isEmpty();
  }
}
