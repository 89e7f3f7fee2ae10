package dev.toolstream.internal.sse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import okio.Buffer;
import okio.BufferedSource;
import okio.Okio;
import okio.Pipe;
import org.junit.jupiter.api.Test;

class SseReaderTest {
  private static List<String> read(String text) throws IOException {
    return read(new Buffer().writeUtf8(text));
  }

  private static List<String> read(okio.Source source) throws IOException {
    return read(Okio.buffer(source));
  }

  private static List<String> read(BufferedSource source) throws IOException {
    SseReader reader = new SseReader(source);
    List<String> events = new ArrayList<>();
    while (reader.next((name, data) -> events.add(name + "|" + data))) {
      // collect
    }
    return events;
  }

  @Test
  void lfLineEndsSeparateFieldsAndBlankLineDispatches() throws IOException {
    assertThat(read("event: ping\ndata: {}\n\n")).containsExactly("ping|{}");
  }

  @Test
  void crLineEndsWork() throws IOException {
    assertThat(read("event: ping\rdata: {}\r\r")).containsExactly("ping|{}");
  }

  @Test
  void crlfLineEndsWork() throws IOException {
    assertThat(read("event: ping\r\ndata: {}\r\n\r\nevent: b\r\ndata: 2\r\n\r\n"))
        .containsExactly("ping|{}", "b|2");
  }

  @Test
  void severalDataLinesJoinWithLineFeed() throws IOException {
    assertThat(read("data: one\ndata: two\ndata:three\n\n")).containsExactly("null|one\ntwo\nthree");
  }

  @Test
  void onlyOneLeadingSpaceIsStripped() throws IOException {
    assertThat(read("data:  two spaces \n\n")).containsExactly("null| two spaces ");
  }

  @Test
  void eventNamesThatMerelyStartLikeTheApisAreReadWhole() throws IOException {
    assertThat(read("event: pingpong\ndata: 1\n\nevent: ping\ndata: 2\n\nevent:error\ndata: 3\n\n"))
        .containsExactly("pingpong|1", "ping|2", "error|3");
  }

  @Test
  void aByteOrderMarkAfterTheFirstLineIsPartOfTheValue() throws IOException {
    assertThat(read("data: a\n\n\uFEFFdata: b\n\ndata: \uFEFFc\n\n")).containsExactly("null|a", "null|\uFEFFc");
  }

  @Test
  void commentLinesAreIgnored() throws IOException {
    assertThat(read(": keep-alive\nevent: a\n: another\ndata: x\n\n")).containsExactly("a|x");
  }

  @Test
  void leadingByteOrderMarkIsIgnored() throws IOException {
    assertThat(read("\uFEFFevent: a\ndata: x\n\n")).containsExactly("a|x");
  }

  @Test
  void eventWithoutEventLineHasNullName() throws IOException {
    assertThat(read("data: {\"type\":\"ping\"}\n\n")).containsExactly("null|{\"type\":\"ping\"}");
  }

  @Test
  void lineWithoutColonIsFieldWithEmptyValue() throws IOException {
    assertThat(read("data\n\n")).containsExactly("null|");
    assertThat(read("...\ndata: x\n\n")).containsExactly("null|x");
  }

  @Test
  void eventWithoutDataIsNotDispatchedAndNameResets() throws IOException {
    assertThat(read("event: lonely\n\ndata: x\n\n")).containsExactly("null|x");
  }

  @Test
  void finalEventWithoutBlankLineIsDropped() throws IOException {
    assertThat(read("data: a\n\ndata: cut")).containsExactly("null|a");
    assertThat(read("data: a\n\ndata: cut\n")).containsExactly("null|a");
  }

  @Test
  void fieldNamesAreCaseSensitive() throws IOException {
    assertThat(read("Data: x\nEVENT: y\ndata: z\n\n")).containsExactly("null|z");
  }

  @Test
  void multiByteCharacterCutBetweenReadsIsDecodedWhole() throws IOException {
    byte[] bytes = "data: caf\u00e9 \uD83D\uDE00\n\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    Pipe pipe = new Pipe(1024);
    BufferedSource source = Okio.buffer(pipe.source());
    try (okio.BufferedSink sink = Okio.buffer(pipe.sink())) {
      for (byte b : bytes) {
        sink.writeByte(b).flush();
      }
    }
    assertThat(read(source)).containsExactly("null|caf\u00e9 \uD83D\uDE00");
  }

  @Test
  void eventEndingInCrIsDispatchedWithoutWaitingForTheNextByte() throws IOException {
    Pipe pipe = new Pipe(1024);
    okio.BufferedSink sink = Okio.buffer(pipe.sink());
    SseReader reader = new SseReader(Okio.buffer(pipe.source()));
    List<String> events = new ArrayList<>();
    // The LF that would complete the final CRLF is not sent yet: a reader that waited for it
    // would block here forever, since nothing else is written before next() returns.
    sink.writeUtf8("data: first\r\n\r").flush();
    assertThat(reader.next((name, data) -> events.add(data))).isTrue();
    sink.writeUtf8("\ndata: second\r\n\r\n").flush();
    sink.close();
    assertThat(reader.next((name, data) -> events.add(data))).isTrue();
    assertThat(reader.next((name, data) -> events.add(data))).isFalse();
    assertThat(events).containsExactly("first", "second");
  }

  @Test
  void lineEndsAreFoundAtEveryPlaceInAWordOfEightBytes() throws IOException {
    for (String end : new String[] {"\n", "\r", "\r\n"}) {
      StringBuilder sse = new StringBuilder();
      List<String> expected = new ArrayList<>();
      for (int length = 0; length < 40; length++) {
        String value = "v".repeat(length);
        sse.append("data: ").append(value).append(end).append(end);
        expected.add("null|" + value);
      }
      assertThat(read(sse.toString())).as("line end %s", end.replace("\r", "CR").replace("\n", "LF"))
          .containsExactlyElementsOf(expected);
    }
  }

  @Test
  void eventsFedInPiecesOfEverySizeReadAsWhole() throws IOException {
    String sse = "\uFEFFevent: message_start\r\ndata: {\"a\":\"caf\u00e9 \uD83D\uDE00\"}\r\n\r\n"
        + ": comment\nevent:custom\ndata\ndata:x\n\n"
        + "event: ping\rdata: {}\r\r"
        + "data: " + "long ".repeat(5_000) + "\n\n";
    byte[] bytes = sse.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    List<String> whole = read(sse);
    assertThat(whole).hasSize(4);
    assertThat(whole.get(0)).isEqualTo("message_start|{\"a\":\"caf\u00e9 \uD83D\uDE00\"}");
    assertThat(whole.get(1)).isEqualTo("custom|\nx");
    assertThat(whole.get(2)).isEqualTo("ping|{}");
    for (int piece : new int[] {1, 2, 3, 7, 8, 9, 64, 8_191, 8_192, 20_000}) {
      assertThat(read(new PiecewiseSource(bytes, piece))).as("pieces of %d", piece).isEqualTo(whole);
    }
  }

  @Test
  void aLineLongerThanTheReadersArrayIsReadWhole() throws IOException {
    String value = "0123456789".repeat(10_000);
    assertThat(read("data: " + value + "\n\ndata: after\n\n")).containsExactly("null|" + value, "null|after");
  }

  @Test
  void aLineOfExactlyTheLimitIsReadAndOneByteMoreIsRefused() throws IOException {
    String line = "data: " + "x".repeat(94); // 100 bytes
    List<String> events = new ArrayList<>();
    SseReader fits = new SseReader(new Buffer().writeUtf8(line + "\n\n"), 100, 1_000);
    assertThat(fits.next((name, data) -> events.add(data))).isTrue();
    assertThat(events).containsExactly("x".repeat(94));

    SseReader over = new SseReader(new Buffer().writeUtf8(line + "x\n\n"), 100, 1_000);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> over.next((name, data) -> {}))
        .isInstanceOf(SseReader.TooLargeException.class)
        .hasMessageContaining("a line of the event stream is longer than 100 bytes");
  }

  @Test
  void aLineThatNeverEndsIsRefusedBeforeMuchMoreThanTheLimitIsRead() {
    PiecewiseSource endless = new PiecewiseSource(null, 4_096);
    SseReader reader = new SseReader(Okio.buffer(endless), 100_000, 1_000_000);

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> reader.next((name, data) -> {}))
        .isInstanceOf(SseReader.TooLargeException.class)
        .hasMessageContaining("longer than 100000 bytes");
    assertThat(endless.served).isLessThanOrEqualTo(100_000 + 2 * 8_192);
  }

  @Test
  void theDataOfAllEventsIsCountedAgainstTheTotal() throws IOException {
    SseReader reader = new SseReader(new Buffer().writeUtf8("data: 12345\n\ndata: 67890\n\n"), 100, 8);
    List<String> events = new ArrayList<>();
    assertThat(reader.next((name, data) -> events.add(data))).isTrue();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> reader.next((name, data) -> {}))
        .isInstanceOf(SseReader.TooLargeException.class)
        .hasMessageContaining("longer than 8 bytes in all (StreamLimits.maxMessageBytes)");
  }

  /** Serves {@code bytes} (or endless x's, when null) at most {@code piece} bytes per read. */
  private static final class PiecewiseSource implements okio.Source {
    private final byte[] bytes;
    private final int piece;
    private int at;
    long served;

    PiecewiseSource(byte[] bytes, int piece) {
      this.bytes = bytes;
      this.piece = piece;
    }

    @Override
    public long read(Buffer sink, long byteCount) {
      if (bytes == null) {
        int n = (int) Math.min(piece, byteCount);
        sink.write(new byte[n]);
        served += n;
        return n;
      }
      if (at == bytes.length) {
        return -1;
      }
      int n = (int) Math.min(Math.min(piece, byteCount), bytes.length - at);
      sink.write(bytes, at, n);
      at += n;
      served += n;
      return n;
    }

    @Override
    public okio.Timeout timeout() {
      return okio.Timeout.NONE;
    }

    @Override
    public void close() {}
  }
}
