package dev.toolstream.examples.weather;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolstream.internal.http.Secrets;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** stderr's last line of defence: the key is blanked out however the text reaches it. */
final class RedactingOutputStreamTest {
  private static final String KEY = "sk-ant-api03-Zq7XsecretVALUE9876";

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream err =
      RedactingOutputStream.wrap(
          new PrintStream(bytes, true, StandardCharsets.UTF_8), Secrets.of(List.of(KEY)));

  private String written() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aKeyWrittenInPiecesOfOneLineIsBlankedOut() {
    err.print("error: the key " + KEY.substring(0, 10));
    err.print(KEY.substring(10));
    err.println(" was refused");

    assertThat(written()).isEqualTo("error: the key [redacted] was refused\n");
  }

  @Test
  void eachPieceOfAKeyWithANewlineIsBlankedOut() {
    PrintStream err =
        RedactingOutputStream.wrap(
            new PrintStream(bytes, true, StandardCharsets.UTF_8),
            Secrets.of(List.of("sk-ant-api03-Zq7X\nsecretVALUE9876")));

    err.println("value: sk-ant-api03-Zq7X");
    err.println("secretVALUE9876 and more");

    assertThat(written()).isEqualTo("value: [redacted]\n[redacted] and more\n");
  }

  @Test
  void aFlushInsideALineOrACharacterKeepsThemWhole() {
    byte[] text = ("Tōkyō 🌦️ " + KEY + "\n").getBytes(StandardCharsets.UTF_8);
    for (byte b : text) {
      err.write(b);
      err.flush();
    }

    assertThat(written()).isEqualTo("Tōkyō 🌦️ [redacted]\n");
  }

  @Test
  void closingWritesAnUnfinishedLastLine() {
    err.print("no newline " + KEY);

    err.close();

    assertThat(written()).isEqualTo("no newline [redacted]");
  }
}
