package dev.toolstream.mcp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

final class BoundedLineReaderTest {
  @Test
  void readsLinesEndedByNewlineOrCarriageReturnAndNewlineAndALastLineWithoutAnEnd()
      throws IOException {
    BoundedLineReader reader = new BoundedLineReader(new StringReader("one\ntwo\r\n\nlast"), 5);

    assertThat(reader.readLine()).isEqualTo("one");
    assertThat(reader.readLine()).isEqualTo("two");
    assertThat(reader.readLine()).isEmpty();
    assertThat(reader.readLine()).isEqualTo("last");
    assertThat(reader.readLine()).isNull();
  }

  @Test
  void aLineOfTheBoundIsReadAndALongerOneIsRefused() throws IOException {
    BoundedLineReader reader =
        new BoundedLineReader(new StringReader("12345\n1234\r\n123456\nnext"), 5);

    assertThat(reader.readLine()).isEqualTo("12345");
    assertThat(reader.readLine()).isEqualTo("1234");
    assertThatThrownBy(reader::readLine)
        .isInstanceOf(BoundedLineReader.TooLong.class)
        .hasMessage("a line longer than 5 characters");
  }

  @Test
  void anEndlessLineIsRefusedOnceItPassesTheBoundWithoutReadingOn() {
    Endless endless = new Endless();
    BoundedLineReader reader = new BoundedLineReader(endless, 100_000);

    assertThatThrownBy(reader::readLine).isInstanceOf(BoundedLineReader.TooLong.class);
    assertThat(endless.served).isLessThan(100_000 + 2 * 8192);
  }

  @Test
  void cuttingKeepsTheStartOfALongLineAndGoesOnWithTheNext() throws IOException {
    String longLine = "x".repeat(20_000);
    BoundedLineReader reader =
        new BoundedLineReader(new StringReader(longLine + "\nnext\n" + longLine), 10);

    assertThat(reader.readLineCut()).isEqualTo("xxxxxxxxxx…");
    assertThat(reader.readLineCut()).isEqualTo("next");
    assertThat(reader.readLineCut()).isEqualTo("xxxxxxxxxx…");
    assertThat(reader.readLineCut()).isNull();
  }

  /** A stream of {@code x} that never ends a line, counting what it served. */
  private static final class Endless extends Reader {
    long served;

    @Override
    public int read(char[] buffer, int offset, int length) {
      java.util.Arrays.fill(buffer, offset, offset + length, 'x');
      served += length;
      return length;
    }

    @Override
    public void close() {}
  }
}
