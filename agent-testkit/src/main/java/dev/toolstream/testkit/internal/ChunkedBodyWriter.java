package dev.toolstream.testkit.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.IntSupplier;

/**
 * Writes a body with the chunked transfer coding, cutting it into chunks of the sizes it is given
 * and flushing after each chunk, so that the client's reads see exactly those pieces. Not
 * thread-safe; one per response.
 *
 * <p>A chunk size of 0 means "one chunk per frame". Sized chunks run across frame boundaries, as
 * network packets do; what is left over waits for the next frame or for {@link #flushPending()}.
 */
final class ChunkedBodyWriter {
  private static final byte[] CRLF = {'\r', '\n'};
  private static final byte[] TERMINATOR = "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

  private final OutputStream out;
  private final IntSupplier chunkSizes;
  private final long byteLimit;
  private byte[] pending = new byte[256];
  private int pendingLength;
  private int target;
  private long written;

  /**
   * Creates a writer on {@code out}.
   *
   * @param chunkSizes the size of each chunk in turn; 0 for one chunk per frame
   * @param byteLimit body bytes after which nothing more is written; negative for no limit
   */
  ChunkedBodyWriter(OutputStream out, IntSupplier chunkSizes, long byteLimit) {
    this.out = out;
    this.chunkSizes = chunkSizes;
    this.byteLimit = byteLimit;
    this.target = chunkSizes.getAsInt();
  }

  /** Writes one frame; returns false once the byte limit is reached and nothing more may go. */
  boolean writeFrame(byte[] frame) throws IOException {
    if (target == 0) {
      return writeChunk(frame, 0, frame.length);
    }
    append(frame);
    int offset = 0;
    while (pendingLength - offset >= target) {
      if (!writeChunk(pending, offset, target)) {
        return false;
      }
      offset += target;
      target = chunkSizes.getAsInt();
    }
    if (offset > 0) {
      System.arraycopy(pending, offset, pending, 0, pendingLength - offset);
      pendingLength -= offset;
    }
    return true;
  }

  /** Sends what waits for a full chunk as one shorter chunk; returns false at the byte limit. */
  boolean flushPending() throws IOException {
    if (pendingLength == 0) {
      return !limitReached();
    }
    boolean open = writeChunk(pending, 0, pendingLength);
    pendingLength = 0;
    return open;
  }

  /** Sends what is pending and the terminating zero-length chunk: the body ends cleanly. */
  void finish() throws IOException {
    if (flushPending()) {
      out.write(TERMINATOR);
      out.flush();
    }
  }

  private boolean limitReached() {
    return byteLimit >= 0 && written >= byteLimit;
  }

  private boolean writeChunk(byte[] bytes, int offset, int length) throws IOException {
    int allowed = byteLimit < 0 ? length : (int) Math.min(length, byteLimit - written);
    if (allowed > 0) {
      out.write(Integer.toHexString(allowed).getBytes(StandardCharsets.US_ASCII));
      out.write(CRLF);
      out.write(bytes, offset, allowed);
      out.write(CRLF);
      out.flush();
      written += allowed;
    }
    return !limitReached();
  }

  private void append(byte[] frame) {
    if (pendingLength + frame.length > pending.length) {
      pending = Arrays.copyOf(pending, Math.max(pending.length * 2, pendingLength + frame.length));
    }
    System.arraycopy(frame, 0, pending, pendingLength, frame.length);
    pendingLength += frame.length;
  }
}
