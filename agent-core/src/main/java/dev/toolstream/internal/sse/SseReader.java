package dev.toolstream.internal.sse;

import dev.toolstream.stream.StreamLimits;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import okio.BufferedSource;
import org.jspecify.annotations.Nullable;

/**
 * Reads server-sent events by the WHATWG rules: LF, CR and CRLF line ends; comment lines; one
 * space stripped after the colon; several {@code data} lines joined with {@code \n}; a leading BOM
 * ignored; a final event without its blank line dropped.
 *
 * <p>It reads whole lines, never network chunks, so a multi-byte character or a CRLF pair cut
 * between two reads is handled. It takes the bytes as they arrive into an array of its own and
 * finds the line ends there, eight bytes at a time, so a line costs one scan and no call per byte
 * (reading lines through Okio's buffer cost a quarter of a stream's time). An event's data is
 * handed on as the UTF-8 bytes of its lines ({@link DataHandler}): the common events are read from
 * those bytes without first becoming a string the size of the whole line (see {@link
 * EventParser}). It never waits for a byte beyond the blank line that ends the current event: it
 * asks the source for more only when what it holds has no complete line, takes what one read
 * gives, and when a line ends with CR, the LF that may follow is skipped once it arrives, so a
 * caller is never kept waiting for bytes the current event does not need. The bytes it took
 * beyond that event are the next events', read by the next call.
 *
 * <p>It holds at most {@code maxEventBytes} of a line or of an event's data (plus one read's worth),
 * and passes on at most {@code maxTotalBytes} of data in all: past either, it throws {@link
 * TooLargeException} before buffering more, so a line or an event that never ends cannot exhaust
 * memory.
 *
 * <p>Not thread-safe; one reader per stream.
 */
public final class SseReader {
  private static final byte[] BOM = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf};
  private static final byte[] DATA = ascii("data");
  private static final byte[] EVENT = ascii("event");

  /** The API's event names, read without allocating a string for each event. */
  private static final String[] NAMES = {
    "content_block_delta", "content_block_start", "content_block_stop", "message_start",
    "message_delta", "message_stop", "ping", "error"
  };

  private static final byte[][] NAME_BYTES = new byte[NAMES.length][];

  static {
    for (int i = 0; i < NAMES.length; i++) {
      NAME_BYTES[i] = ascii(NAMES[i]);
    }
  }

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;
  private static final long LFS = ONES * '\n';
  private static final long CRS = ONES * '\r';

  /** The data array's size to start with, and to return to after an event larger than KEEP. */
  private static final int INITIAL_DATA = 512;

  /** The input array's size to start with, and to return to after a line larger than KEEP. */
  private static final int INITIAL_INPUT = 16 * 1024;

  /** The most one read asks the source for: Okio's segment, what a socket read gives at most. */
  private static final int READ = 8 * 1024;

  private static final int KEEP = 64 * 1024;

  private static final String RAISE =
      "; if the API really sends this much, raise it with MessagesClient.Builder.limits(...)";

  private final BufferedSource source;
  private final int maxEventBytes;
  private final long maxTotalBytes;
  private long eventBytes;
  private long totalBytes;
  private boolean atStart = true;
  private boolean skipLineFeed;
  private boolean exhausted;
  /** The bytes read from the source and not yet consumed are {@code input[position..limit)}. */
  private byte[] input = new byte[INITIAL_INPUT];
  private int position;
  private int limit;
  private @Nullable String eventName;
  /** The current event's data lines, as UTF-8 joined with LF; reused from event to event. */
  private byte[] data = new byte[INITIAL_DATA];
  private int dataLength;
  private boolean hasData;

  /** Returns a reader of {@code source} with the default limits of {@link StreamLimits}. */
  public SseReader(BufferedSource source) {
    this(source, StreamLimits.DEFAULTS.maxEventBytes(), StreamLimits.DEFAULTS.maxMessageBytes());
  }

  /**
   * Returns a reader of {@code source} that reads lines and events of at most {@code
   * maxEventBytes}, and at most {@code maxTotalBytes} of event data in all.
   */
  public SseReader(BufferedSource source, int maxEventBytes, long maxTotalBytes) {
    this.source = source;
    this.maxEventBytes = maxEventBytes;
    this.maxTotalBytes = maxTotalBytes;
  }

  /** The stream crossed one of the reader's limits; nothing beyond it was buffered. */
  public static final class TooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    TooLargeException(String message) {
      super(message);
    }
  }

  /** Receives each dispatched event's data as UTF-8 bytes. */
  public interface DataHandler {
    /**
     * Called once per event that has data.
     *
     * @param eventName the {@code event} field, or null when the event had none
     * @param data the data lines joined with {@code \n}, as UTF-8 in {@code data[0..length)}; the
     *     array is the reader's and is reused: use it (and overwrite it, if need be) during the
     *     call, never keep it
     * @param length how many bytes of {@code data} are the event's
     */
    void onEvent(@Nullable String eventName, byte[] data, int length) throws IOException;
  }

  /** Receives each dispatched event's data as a string. */
  public interface Handler {
    /**
     * Called once per event that has data.
     *
     * @param eventName the {@code event} field, or null when the event had none
     * @param data the data lines joined with {@code \n}
     */
    void onEvent(@Nullable String eventName, String data) throws IOException;
  }

  /**
   * Reads up to and including the next event and passes it to {@code handler}.
   *
   * @return false when the source ended before another complete event
   * @throws TooLargeException if a line, an event or all events together are longer than allowed
   * @throws IOException if reading fails
   */
  public boolean next(Handler handler) throws IOException {
    return next(
        (name, bytes, length) ->
            handler.onEvent(name, new String(bytes, 0, length, StandardCharsets.UTF_8)));
  }

  /**
   * Reads up to and including the next event and passes its data's bytes to {@code handler}.
   *
   * @return false when the source ended before another complete event
   * @throws TooLargeException if a line, an event or all events together are longer than allowed
   * @throws IOException if reading fails
   */
  public boolean next(DataHandler handler) throws IOException {
    int end;
    while ((end = nextLineEnd()) >= 0) {
      int start = position;
      // Consume the line and its end; a CR may be followed by an LF, skipped once it is here.
      position = end + 1;
      if (input[end] == '\r') {
        if (position < limit) {
          if (input[position] == '\n') {
            position++;
          }
        } else {
          skipLineFeed = true;
        }
      }
      if (end == start) {
        if (dispatch(handler)) {
          return true;
        }
      } else if (input[start] != ':') { // A line starting with a colon is a comment.
        line(start, end);
      }
    }
    return false;
  }

  /** Applies the field on {@code input[start..end)}, a line that is not empty. */
  private void line(int start, int end) throws TooLargeException {
    byte[] in = input;
    if (startsWith(in, start, end, DATA)) {
      int at = start + DATA.length;
      if (at == end) {
        appendData(at, 0); // "data" alone: an empty data line.
        return;
      }
      if (in[at] == ':') {
        at++;
        if (at < end && in[at] == ' ') {
          at++;
        }
        appendData(at, end - at);
        return;
      }
    } else if (startsWith(in, start, end, EVENT)) {
      int at = start + EVENT.length;
      if (at == end) {
        eventName = "";
        return;
      }
      if (in[at] == ':') {
        at++;
        if (at < end && in[at] == ' ') {
          at++;
        }
        eventName = eventName(at, end);
        return;
      }
    }
    // id, retry and unknown fields: the Messages API does not use them.
  }

  /**
   * Returns the index in {@code input} of the end (CR or LF) of the next line, with the whole line
   * before it from {@code position}, or -1 if the source ended first. Skips the LF of a CRLF split
   * across reads and the BOM before the first line.
   */
  private int nextLineEnd() throws IOException {
    int scanned = position;
    while (true) {
      if (skipLineFeed && position < limit) {
        skipLineFeed = false;
        if (input[position] == '\n') {
          position++;
        }
        scanned = position;
      }
      int end = indexOfLineEnd(input, scanned, limit);
      if (end >= 0) {
        if (end - position > maxEventBytes) {
          throw tooLarge("a line of the event stream");
        }
        if (atStart) {
          atStart = false;
          if (end - position >= BOM.length && startsWith(input, position, end, BOM)) {
            position += BOM.length;
          }
        }
        return end;
      }
      if (limit - position > maxEventBytes) {
        throw tooLarge("a line of the event stream");
      }
      int alreadyScanned = limit - position;
      if (!fill()) {
        return -1;
      }
      scanned = position + alreadyScanned; // fill() moved the unread bytes to the array's start.
    }
  }

  /**
   * Reads once from the source, blocking until at least a byte arrives, after the bytes not yet
   * consumed, which it first moves to the array's start; returns false if the source ended.
   */
  private boolean fill() throws IOException {
    if (exhausted) {
      return false;
    }
    int unread = limit - position;
    if (input.length > KEEP && unread < INITIAL_INPUT - READ) {
      byte[] smaller = new byte[INITIAL_INPUT]; // One long line does not pin its array.
      System.arraycopy(input, position, smaller, 0, unread);
      input = smaller;
    } else if (position > 0) {
      System.arraycopy(input, position, input, 0, unread);
    }
    position = 0;
    limit = unread;
    if (input.length - limit < READ) {
      // A line longer than the array, and within the limit: room for it and one more read.
      long wanted = Math.max(2L * input.length, (long) limit + READ);
      long most = Math.min((long) maxEventBytes + 2 * READ, Integer.MAX_VALUE - 16);
      input = Arrays.copyOf(input, (int) Math.min(wanted, most));
    }
    int read = source.read(input, limit, Math.min(READ, input.length - limit));
    if (read < 0) {
      exhausted = true;
      return false;
    }
    limit += read;
    return true;
  }

  /** Returns the index of the first CR or LF in {@code bytes[from..to)}, or -1. */
  private static int indexOfLineEnd(byte[] bytes, int from, int to) {
    int i = from;
    for (; i + Long.BYTES <= to; i += Long.BYTES) {
      long word = (long) LONGS.get(bytes, i);
      long lf = word ^ LFS;
      long cr = word ^ CRS;
      // A byte of lf or cr is zero where the word holds an LF or a CR (exact for the lowest such
      // byte, which is the one wanted).
      long found = ((lf - ONES) & ~lf | (cr - ONES) & ~cr) & HIGHS;
      if (found != 0) {
        return i + (Long.numberOfTrailingZeros(found) >>> 3);
      }
    }
    for (; i < to; i++) {
      byte b = bytes[i];
      if (b == '\n' || b == '\r') {
        return i;
      }
    }
    return -1;
  }

  private String eventName(int from, int to) {
    int length = to - from;
    for (int i = 0; i < NAMES.length; i++) {
      byte[] name = NAME_BYTES[i];
      if (name.length == length && Arrays.equals(input, from, to, name, 0, length)) {
        return NAMES[i];
      }
    }
    return new String(input, from, length, StandardCharsets.UTF_8);
  }

  private boolean dispatch(DataHandler handler) throws IOException {
    String name = eventName;
    boolean dispatched = hasData;
    eventName = null;
    eventBytes = 0;
    hasData = false;
    if (dispatched) {
      handler.onEvent(name, data, dataLength);
    }
    dataLength = 0;
    if (data.length > KEEP) {
      data = new byte[INITIAL_DATA]; // One large event does not pin its array for the stream.
    }
    return dispatched;
  }

  /** Adds the data line {@code input[from..from + length)} to the event's data. */
  private void appendData(int from, int length) throws TooLargeException {
    count(length);
    int needed = dataLength + (hasData ? 1 : 0) + length; // At most maxEventBytes: count() checked.
    if (needed > data.length) {
      data = Arrays.copyOf(data, Math.max(needed, 2 * data.length));
    }
    if (hasData) {
      data[dataLength++] = '\n';
    }
    hasData = true;
    System.arraycopy(input, from, data, dataLength, length);
    dataLength += length;
  }

  /** Counts {@code length} more bytes of data (and the line end that joins it to the last). */
  private void count(long length) throws TooLargeException {
    long added = length + (hasData ? 1 : 0);
    eventBytes += added;
    totalBytes += added;
    if (eventBytes > maxEventBytes) {
      throw tooLarge("an event's data");
    }
    if (totalBytes > maxTotalBytes) {
      throw new TooLargeException(
          "the events of this message are longer than " + maxTotalBytes
              + " bytes in all (StreamLimits.maxMessageBytes)" + RAISE);
    }
  }

  private TooLargeException tooLarge(String what) {
    return new TooLargeException(
        what + " is longer than " + maxEventBytes
            + " bytes (StreamLimits.maxEventBytes)" + RAISE);
  }

  private static boolean startsWith(byte[] bytes, int from, int to, byte[] prefix) {
    return to - from >= prefix.length
        && Arrays.equals(bytes, from, from + prefix.length, prefix, 0, prefix.length);
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
