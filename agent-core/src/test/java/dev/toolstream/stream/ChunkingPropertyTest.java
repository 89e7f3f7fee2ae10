package dev.toolstream.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolstream.client.MessagesClient;
import dev.toolstream.errors.StreamException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Any cutting of a stream's bytes into network reads gives the same events and final message. */
class ChunkingPropertyTest {
  private static final int SEEDS = 40;

  static Stream<Arguments> fixturesAndLineEnds() {
    List<Arguments> cases = new ArrayList<>();
    for (String fixture : Fixtures.ALL) {
      for (String lineEnd : List.of("\n", "\r\n", "\r")) {
        cases.add(Arguments.of(fixture, lineEnd));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} with {1}")
  @MethodSource("fixturesAndLineEnds")
  void anyChunkingGivesTheSameEventsAndMessage(String fixture, String lineEnd) {
    byte[] bytes = withLineEnds(Fixtures.text(fixture), lineEnd);
    Outcome whole = read(new ByteArrayInputStream(bytes));
    assertThat(whole.events).isNotEmpty();

    assertAnyCutReads(bytes, whole, SEEDS, 64);
  }

  static Stream<Arguments> recordingsAndLineEnds() {
    List<Arguments> cases = new ArrayList<>();
    for (String recording : RecordedStreams.allStreams()) {
      for (String lineEnd : List.of("\n", "\r\n")) {
        cases.add(Arguments.of(recording, lineEnd));
      }
    }
    return cases.stream();
  }

  /**
   * The recorded streams of today's features, multi-byte text and all, read the same in any cut.
   */
  @ParameterizedTest(name = "{0} with {1}")
  @MethodSource("recordingsAndLineEnds")
  void anyChunkingOfARecordedStreamGivesTheSameEventsAndMessage(String recording, String lineEnd) {
    byte[] bytes = withLineEnds(RecordedStreams.text(recording), lineEnd);
    Outcome whole = read(new ByteArrayInputStream(bytes));
    assertThat(whole.failure).isNull();

    assertAnyCutReads(bytes, whole, SEEDS / 4, 256);
  }

  /**
   * Asserts that {@code bytes} read as {@code whole} when cut into single bytes, and into random
   * reads of up to a random bound below {@code maxChunk} for each of {@code seeds} seeds.
   */
  private static void assertAnyCutReads(byte[] bytes, Outcome whole, int seeds, int maxChunk) {
    assertThat(read(new ChunkedInputStream(bytes, () -> 1))).isEqualTo(whole);
    for (int seed = 0; seed < seeds; seed++) {
      Random random = new Random(seed);
      int max = 1 + random.nextInt(maxChunk);
      assertThat(read(new ChunkedInputStream(bytes, () -> 1 + random.nextInt(max))))
          .as("seed %d", seed)
          .isEqualTo(whole);
    }
  }

  private static byte[] withLineEnds(String lfText, String lineEnd) {
    String normalized = lfText.replace("\r\n", "\n");
    return normalized.replace("\n", lineEnd).getBytes(StandardCharsets.UTF_8);
  }

  private static Outcome read(InputStream in) {
    List<String> events = new ArrayList<>();
    try (MessageStream stream = MessagesClient.streamOf(in)) {
      try {
        stream.forEach(e -> events.add(e.toString()));
        return new Outcome(events, stream.finalMessage().toString(), null);
      } catch (StreamException e) {
        return new Outcome(events, e.partialMessage().toString(), e.getClass().getSimpleName());
      }
    }
  }

  private record Outcome(List<String> events, String message, String failure) {}

  /** Returns at most the next chunk size's bytes per read, as a network would. */
  private static final class ChunkedInputStream extends InputStream {
    private final byte[] bytes;
    private final IntSupplier chunkSize;
    private int pos;

    ChunkedInputStream(byte[] bytes, IntSupplier chunkSize) {
      this.bytes = bytes;
      this.chunkSize = chunkSize;
    }

    @Override
    public int read() {
      return pos < bytes.length ? bytes[pos++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (pos >= bytes.length) {
        return -1;
      }
      int n = Math.min(Math.min(len, chunkSize.getAsInt()), bytes.length - pos);
      System.arraycopy(bytes, pos, b, off, n);
      pos += n;
      return n;
    }
  }
}
