package dev.toolstream.internal.sse;

import java.io.IOException;
import okio.BufferedSource;
import okio.ByteString;
import org.jspecify.annotations.Nullable;

/**
 * Reads server-sent events by the WHATWG rules: LF, CR and CRLF line ends; comment lines; one
 * space stripped after the colon; several {@code data} lines joined with {@code \n}; a leading BOM
 * ignored; a final event without its blank line dropped.
 *
 * <p>It decodes whole lines, never network chunks, so a multi-byte character or a CRLF pair cut
 * between two reads is handled. It reads no byte beyond the blank line that ends the current event:
 * when a line ends with CR, the LF that may follow is skipped at the start of the next read, so a
 * caller is never kept waiting for bytes the current event does not need.
 *
 * <p>Not thread-safe; one reader per stream.
 */
public final class SseReader {
  private static final ByteString LINE_ENDS = ByteString.encodeUtf8("\r\n");

  private final BufferedSource source;
  private boolean atStart = true;
  private boolean skipLineFeed;
  private @Nullable String eventName;
  private @Nullable String data;
  private @Nullable StringBuilder dataLines;

  /** Returns a reader of {@code source}. */
  public SseReader(BufferedSource source) {
    this.source = source;
  }

  /** Receives each dispatched event. */
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
   * @throws IOException if reading fails
   */
  public boolean next(Handler handler) throws IOException {
    String line;
    while ((line = readLine()) != null) {
      if (line.isEmpty()) {
        if (dispatch(handler)) {
          return true;
        }
      } else if (line.charAt(0) != ':') {
        field(line);
      }
    }
    return false;
  }

  private boolean dispatch(Handler handler) throws IOException {
    String name = eventName;
    String value = dataLines != null ? dataLines.toString() : data;
    eventName = null;
    data = null;
    dataLines = null;
    if (value == null) {
      return false;
    }
    handler.onEvent(name, value);
    return true;
  }

  private void field(String line) {
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
        appendData(value);
        break;
      case "event":
        eventName = value;
        break;
      default:
        // id, retry and unknown fields: the Messages API does not use them.
        break;
    }
  }

  private void appendData(String value) {
    if (data == null && dataLines == null) {
      data = value;
    } else {
      if (dataLines == null) {
        dataLines = new StringBuilder(data);
        data = null;
      }
      dataLines.append('\n').append(value);
    }
  }

  private @Nullable String readLine() throws IOException {
    if (skipLineFeed) {
      skipLineFeed = false;
      if (source.request(1) && source.getBuffer().getByte(0) == '\n') {
        source.skip(1);
      }
    }
    long end = source.indexOfElement(LINE_ENDS);
    if (end < 0) {
      return null;
    }
    String line = source.readUtf8(end);
    skipLineFeed = source.readByte() == '\r';
    if (atStart) {
      atStart = false;
      if (!line.isEmpty() && line.charAt(0) == '\uFEFF') {
        line = line.substring(1);
      }
    }
    return line;
  }
}
