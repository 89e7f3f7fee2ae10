package dev.toolstream.internal.sse;

import dev.toolstream.stream.StreamLimits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import okio.Buffer;
import okio.BufferedSource;
import okio.ByteString;
import org.jspecify.annotations.Nullable;

/**
 * Reads server-sent events by the WHATWG rules: LF, CR and CRLF line ends; comment lines; one
 * space stripped after the colon; several {@code data} lines joined with {@code \n}; a leading BOM
 * ignored; a final event without its blank line dropped.
 *
 * <p>It reads whole lines, never network chunks, so a multi-byte character or a CRLF pair cut
 * between two reads is handled. An event's data is handed on as the UTF-8 bytes of its lines
 * ({@link DataHandler}): the common events are read from those bytes without first becoming a
 * string the size of the whole line (see {@link EventParser}). It reads no byte beyond the blank line that ends the current event:
 * when a line ends with CR, the LF that may follow is skipped at the start of the next read, so a
 * caller is never kept waiting for bytes the current event does not need.
 *
 * <p>It holds at most {@code maxEventBytes} of a line or of an event's data (plus one read's worth),
 * and passes on at most {@code maxTotalBytes} of data in all: past either, it throws {@link
 * TooLargeException} before buffering more, so a line or an event that never ends cannot exhaust
 * memory.
 *
 * <p>Not thread-safe; one reader per stream.
 */
public final class SseReader {
  private static final ByteString LINE_ENDS = ByteString.encodeUtf8("\r\n");
  private static final ByteString BOM = ByteString.decodeHex("efbbbf");
  private static final ByteString DATA = ByteString.encodeUtf8("data: ");
  private static final ByteString EVENT = ByteString.encodeUtf8("event: ");

  /** The API's event names, read without allocating a string for each event. */
  private static final String[] NAMES = {
    "content_block_delta", "content_block_start", "content_block_stop", "message_start",
    "message_delta", "message_stop", "ping", "error"
  };

  private static final ByteString[] NAME_BYTES = new ByteString[NAMES.length];

  static {
    for (int i = 0; i < NAMES.length; i++) {
      NAME_BYTES[i] = ByteString.encodeUtf8(NAMES[i]);
    }
  }

  /** The data array's size to start with, and to return to after an event larger than KEEP. */
  private static final int INITIAL_DATA = 512;

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
    long end;
    while ((end = nextLineEnd()) >= 0) {
      if (end == 0) {
        endLine();
        if (dispatch(handler)) {
          return true;
        }
      } else if (end >= DATA.size() && source.rangeEquals(0, DATA)) {
        // The usual lines, "data: " and "event: ", are read straight from the buffer.
        source.skip(DATA.size());
        int length = (int) (end - DATA.size());
        count(length);
        readData(length);
        endLine();
      } else if (end >= EVENT.size() && source.rangeEquals(0, EVENT)) {
        source.skip(EVENT.size());
        eventName = readEventName(end - EVENT.size());
        endLine();
      } else {
        String line = source.readUtf8(end);
        endLine();
        if (line.charAt(0) != ':') {
          field(line);
        }
      }
    }
    return false;
  }

  /**
   * Returns the length of the next line, buffering it whole, or -1 if the source ended first.
   * Skips the LF of a CRLF split across reads and the BOM before the first line.
   */
  private long nextLineEnd() throws IOException {
    if (skipLineFeed) {
      skipLineFeed = false;
      if (source.request(1) && source.getBuffer().getByte(0) == '\n') {
        source.skip(1);
      }
    }
    // As BufferedSource.indexOfElement does, but giving up once the line is longer than allowed.
    Buffer buffer = source.getBuffer();
    long end;
    for (long scanned = 0; (end = buffer.indexOfElement(LINE_ENDS, scanned)) < 0; ) {
      scanned = buffer.size();
      if (scanned > maxEventBytes) {
        throw tooLarge("a line of the event stream");
      }
      if (!source.request(scanned + 1)) {
        return -1;
      }
    }
    if (end > maxEventBytes) {
      throw tooLarge("a line of the event stream");
    }
    if (atStart && end >= 0) {
      atStart = false;
      if (end >= BOM.size() && source.rangeEquals(0, BOM)) {
        source.skip(BOM.size());
        end -= BOM.size();
      }
    }
    return end;
  }

  /** Consumes the line end; a CR may be followed by an LF, skipped at the next read. */
  private void endLine() throws IOException {
    skipLineFeed = source.readByte() == '\r';
  }

  private String readEventName(long length) throws IOException {
    for (int i = 0; i < NAMES.length; i++) {
      if (NAME_BYTES[i].size() == length && source.rangeEquals(0, NAME_BYTES[i])) {
        source.skip(length);
        return NAMES[i];
      }
    }
    return source.readUtf8(length);
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

  private void field(String line) throws TooLargeException {
    int colon = line.indexOf(':');
    String field = colon < 0 ? line : line.substring(0, colon);
    String value;
    if (colon < 0) {
      value = "";
    } else {
      int start = colon + 1 < line.length() && line.charAt(colon + 1) == ' ' ? colon + 2 : colon + 1;
      value = line.substring(start);
    }
    switch (field) {
      case "data":
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        count(bytes.length);
        startDataLine(bytes.length);
        System.arraycopy(bytes, 0, data, dataLength, bytes.length);
        dataLength += bytes.length;
        break;
      case "event":
        eventName = value;
        break;
      default:
        // id, retry and unknown fields: the Messages API does not use them.
        break;
    }
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

  /** Moves the next {@code length} bytes, a whole data line's value, into the event's data. */
  private void readData(int length) {
    startDataLine(length);
    Buffer buffer = source.getBuffer(); // The whole line is buffered: nextLineEnd made sure.
    for (int read = 0; read < length; ) {
      read += buffer.read(data, dataLength + read, length - read);
    }
    dataLength += length;
  }

  /** Makes room for a data line of {@code length} bytes, after the LF that joins it to the last. */
  private void startDataLine(int length) {
    int needed = dataLength + (hasData ? 1 : 0) + length; // At most maxEventBytes: count() checked.
    if (needed > data.length) {
      data = Arrays.copyOf(data, Math.max(needed, 2 * data.length));
    }
    if (hasData) {
      data[dataLength++] = '\n';
    }
    hasData = true;
  }
}
