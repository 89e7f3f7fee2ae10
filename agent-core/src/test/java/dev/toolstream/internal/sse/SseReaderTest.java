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
}
