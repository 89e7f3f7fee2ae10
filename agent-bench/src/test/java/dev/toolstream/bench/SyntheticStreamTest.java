package dev.toolstream.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Generated streams have the fixtures' wire shape and cut tool input anywhere. */
class SyntheticStreamTest {
  @Test
  void textStreamHasTheFixturesEventOrder() {
    SyntheticStream stream = SyntheticStream.text(3);

    assertThat(eventNames(stream))
        .containsExactly(
            "message_start",
            "ping",
            "content_block_start",
            "content_block_delta",
            "content_block_delta",
            "content_block_delta",
            "content_block_stop",
            "message_delta",
            "message_stop");
  }

  @Test
  void eventCountMatchesTheEventsInTheBody() {
    SyntheticStream stream = SyntheticStream.threeTools(2_000, 50);

    assertThat(eventNames(stream)).hasSize(stream.events());
  }

  @Test
  void toolInputIsCutInsideEscapes() {
    String json = SyntheticStream.toolJson(50_000, new Random(1));

    List<String> pieces = SyntheticStream.cut(json, 2_000, new Random(2));

    assertThat(String.join("", pieces)).isEqualTo(json);
    assertThat(pieces).hasSize(2_000).anyMatch(piece -> piece.endsWith("\\"));
  }

  @Test
  void toolInputHasTheAskedSize() {
    String json = SyntheticStream.toolJson(100_000, new Random(1));

    assertThat(json.getBytes(StandardCharsets.UTF_8).length).isBetween(100_000, 101_000);
  }

  private static List<String> eventNames(SyntheticStream stream) {
    List<String> names = new ArrayList<>();
    for (String line : new String(stream.body(), StandardCharsets.UTF_8).split("\n")) {
      if (line.startsWith("event: ")) {
        names.add(line.substring("event: ".length()));
      }
    }
    return names;
  }
}
