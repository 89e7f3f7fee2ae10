package dev.toolstream.testkit;

import java.util.Random;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * How a streamed body is cut into HTTP chunks; the server flushes after each chunk, so a client's
 * reads see these pieces (loopback TCP may still merge pieces the client reads late). Immutable.
 *
 * <p>Byte-sized chunks run across event boundaries and cut anywhere: inside a line, a multi-byte
 * character or a CRLF pair. A pause between deltas (see {@link ScriptedClaude.Builder#deltaDelay})
 * sends what is pending before it waits.
 */
public final class Chunking {
  private final Supplier<IntSupplier> sizes;
  private final String description;

  private Chunking(Supplier<IntSupplier> sizes, String description) {
    this.sizes = sizes;
    this.description = description;
  }

  /**
   * Sends one chunk per event, as the API does; this is the default.
   *
   * @return the per-event chunking
   */
  public static Chunking events() {
    return new Chunking(() -> () -> 0, "Chunking.events()");
  }

  /**
   * Sends the whole body in one chunk (the fastest, for benchmarks), unless pauses split it.
   *
   * @return the single-chunk chunking
   */
  public static Chunking whole() {
    return new Chunking(() -> () -> Integer.MAX_VALUE, "Chunking.whole()");
  }

  /**
   * Cuts the body into chunks of a fixed size, the last one possibly shorter; {@code bytes(1)}
   * sends one byte at a time.
   *
   * @param size the chunk size in bytes, at least 1
   * @return the fixed-size chunking
   * @throws IllegalArgumentException if {@code size} is less than 1
   */
  public static Chunking bytes(int size) {
    if (size < 1) {
      throw new IllegalArgumentException("Chunk size must be at least 1 byte, was " + size);
    }
    return new Chunking(() -> () -> size, "Chunking.bytes(" + size + ")");
  }

  /**
   * Cuts the body into chunks of random sizes, the same sequence for the same seed; the sequence
   * restarts for each response.
   *
   * @param seed the seed of the size sequence; a failing test's seed replays its chunking
   * @param maxSize the largest chunk in bytes, at least 1; sizes are drawn from 1 to {@code
   *     maxSize} inclusive
   * @return the seeded random chunking
   * @throws IllegalArgumentException if {@code maxSize} is less than 1
   */
  public static Chunking random(long seed, int maxSize) {
    if (maxSize < 1) {
      throw new IllegalArgumentException("Largest chunk must be at least 1 byte, was " + maxSize);
    }
    return new Chunking(
        () -> {
          Random random = new Random(seed);
          return () -> 1 + random.nextInt(maxSize);
        },
        "Chunking.random(" + seed + ", " + maxSize + ")");
  }

  /** Returns a fresh sequence of chunk sizes for one response; 0 means one chunk per event. */
  Supplier<IntSupplier> sizes() {
    return sizes;
  }

  @Override
  public String toString() {
    return description;
  }
}
