package dev.toolstream.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each contender, over loopback HTTP, yields exactly the message the generated stream holds. */
class ReadersReadStreamsCorrectlyTest {
  private LoopbackServer server;

  @BeforeEach
  void startServer() throws Exception {
    server = LoopbackServer.start();
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  @Test
  void everyReaderReadsTheTextStream() {
    assertEveryReaderReads(SyntheticStream.text(500));
  }

  @Test
  void everyReaderReadsAToolInputCutAnywhere() {
    assertEveryReaderReads(SyntheticStream.toolInput(20_000, 400));
  }

  @Test
  void everyReaderReadsThreeToolCalls() {
    assertEveryReaderReads(SyntheticStream.threeTools(5_000, 100));
  }

  @Test
  void everyReaderReadsAStreamWrittenInTinyPieces() {
    assertEveryReaderReads(
        SyntheticStream.toolInput(20_000, 400), SyntheticStream.TINY_MIN, SyntheticStream.TINY_MAX);
  }

  @Test
  void theTinyStreamsAreTheStreamsTheyNameWrittenInTinyPieces() {
    SyntheticStream tiny = SyntheticStream.named(SyntheticStream.TEXT_TINY);

    assertThat(tiny.body()).isEqualTo(SyntheticStream.named(SyntheticStream.TEXT).body());
    assertThat(tiny.minWrite()).isEqualTo(SyntheticStream.TINY_MIN);
    assertThat(tiny.maxWrite()).isEqualTo(SyntheticStream.TINY_MAX);
  }

  private void assertEveryReaderReads(SyntheticStream stream) {
    assertEveryReaderReads(stream, stream.minWrite(), stream.maxWrite());
  }

  private void assertEveryReaderReads(SyntheticStream stream, int minWrite, int maxWrite) {
    String baseUrl = server.serve(stream.name(), stream.body(), minWrite, maxWrite);
    try (ToolstreamReader toolstream = new ToolstreamReader(baseUrl);
        SdkReader sdk = new SdkReader(baseUrl);
        RawReader raw = new RawReader(baseUrl)) {
      assertThatCode(() -> Expectations.check(stream, toolstream.read()))
          .doesNotThrowAnyException();
      assertThatCode(() -> Expectations.check(stream, sdk.read())).doesNotThrowAnyException();
      assertThatCode(() -> Expectations.check(stream, raw.read())).doesNotThrowAnyException();
    }
  }
}
