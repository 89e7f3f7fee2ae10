package dev.toolstream.bench;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.toolstream.client.MessagesClient;
import dev.toolstream.messages.Message;
import dev.toolstream.stream.MessageStream;
import java.io.ByteArrayInputStream;
import org.junit.jupiter.api.Test;

/** The correctness check that guards every benchmark can fail. */
class ExpectationsTest {
  @Test
  void aMessageWithOtherToolInputIsRejected() {
    SyntheticStream expected = SyntheticStream.toolInput(2_000, 40);
    SyntheticStream other = SyntheticStream.threeTools(2_000, 40);
    Message read = MessagesClient.streamOf(new ByteArrayInputStream(other.body())).finalMessage();

    assertThatThrownBy(() -> Expectations.check(expected, read))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Toolstream");
  }

  @Test
  void aRawCountShortOfTheBodyIsRejected() {
    SyntheticStream stream = SyntheticStream.text(10);

    assertThatThrownBy(() -> Expectations.check(stream, 3L))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("raw");
  }
}
