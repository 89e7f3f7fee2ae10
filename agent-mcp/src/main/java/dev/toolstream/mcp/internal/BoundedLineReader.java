package dev.toolstream.mcp.internal;

import java.io.IOException;
import java.io.Reader;
import org.jspecify.annotations.Nullable;

/**
 * Reads lines ended by {@code \n} (a {@code \r} before it is dropped, but counted in the bound),
 * none longer than a bound: unlike {@link java.io.BufferedReader#readLine()}, a peer that writes an
 * endless line cannot make it buffer more than the bound. Not thread-safe.
 */
final class BoundedLineReader {
  private final Reader in;
  private final int maxChars;
  private final char[] buffer = new char[8192];
  private int position;
  private int limit;

  /** A line longer than the bound; what was read of it is dropped. */
  static final class TooLong extends IOException {
    private static final long serialVersionUID = 1L;

    TooLong(int maxChars) {
      super("a line longer than " + maxChars + " characters");
    }
  }

  BoundedLineReader(Reader in, int maxChars) {
    this.in = in;
    this.maxChars = maxChars;
  }

  /**
   * Reads the next line.
   *
   * @return the line without its end, or null at the end of the stream; a last line without an end
   *     is returned as a line
   * @throws TooLong once the line has more than the bound, without reading the rest of it
   */
  @Nullable String readLine() throws IOException {
    return read(false);
  }

  /**
   * Reads the next line, keeping at most the bound of it: the rest of a longer line is read and
   * dropped, and the start kept ends with {@code …}.
   *
   * @return the line or its start, or null at the end of the stream
   */
  @Nullable String readLineCut() throws IOException {
    return read(true);
  }

  private @Nullable String read(boolean cut) throws IOException {
    StringBuilder line = new StringBuilder();
    boolean any = false;
    while (true) {
      if (position == limit && !fill()) {
        return any ? bounded(withoutCarriageReturn(line), cut) : null;
      }
      any = true;
      int start = position;
      while (position < limit && buffer[position] != '\n') {
        position++;
      }
      int room = maxChars - line.length(); // A '\r' before the '\n' counts.
      if (position - start > room) {
        if (!cut) {
          throw new TooLong(maxChars);
        }
        line.append(buffer, start, room);
        skipRestOfLine();
        return line.append('…').toString();
      }
      line.append(buffer, start, position - start);
      if (position < limit) {
        position++; // The '\n'.
        return bounded(withoutCarriageReturn(line), cut);
      }
    }
  }

  private String bounded(String line, boolean cut) throws TooLong {
    if (line.length() <= maxChars) {
      return line;
    }
    if (!cut) {
      throw new TooLong(maxChars);
    }
    return line.substring(0, maxChars) + "…";
  }

  private void skipRestOfLine() throws IOException {
    while (true) {
      if (position == limit && !fill()) {
        return;
      }
      while (position < limit) {
        if (buffer[position++] == '\n') {
          return;
        }
      }
    }
  }

  private boolean fill() throws IOException {
    int read;
    do {
      read = in.read(buffer, 0, buffer.length);
    } while (read == 0);
    if (read < 0) {
      return false;
    }
    position = 0;
    limit = read;
    return true;
  }

  private static String withoutCarriageReturn(StringBuilder line) {
    int length = line.length();
    return length > 0 && line.charAt(length - 1) == '\r'
        ? line.substring(0, length - 1)
        : line.toString();
  }
}
