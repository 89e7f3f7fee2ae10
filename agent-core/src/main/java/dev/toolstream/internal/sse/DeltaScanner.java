package dev.toolstream.internal.sse;

import dev.toolstream.stream.Delta;
import dev.toolstream.stream.StreamEvent;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Reads the one event shape that makes up nearly all of a stream without a JSON parser: the API's
 * compact {@code {"type":"content_block_delta","index":N,"delta":{"type":T,"F":"…"}}} with a
 * string payload. Building a Jackson parser per event cost two thirds of the time spent on a
 * stream (see agent-bench); this scan reads the fixed layout and decodes the string in one pass.
 *
 * <p>It reads the event's UTF-8 bytes as the SSE reader holds them, so the one string it makes is
 * the payload's: a payload without escapes is decoded straight from the bytes, one with escapes
 * is unescaped byte by byte first (escapes stand for ASCII, which UTF-8 keeps as it is), and only
 * a {@code \\u} escape of a character beyond ASCII sends it through the char-by-char decoder.
 *
 * <p>It is exact or it declines: any other key order, spacing, extra field, payload type, invalid
 * escape or raw control character returns null, and the caller parses the event with Jackson,
 * which then applies the full JSON rules. Thread-safe.
 */
final class DeltaScanner {
  private static final String PREFIX = "{\"type\":\"content_block_delta\",\"index\":";
  private static final String DELTA = ",\"delta\":{\"type\":\"";
  private static final String END = "\"}}";

  /** The payload heads after {@code "type":"}, in the order {@link #delta} numbers them. */
  private static final String[] HEADS = {
    "text_delta\",\"text\":\"",
    "input_json_delta\",\"partial_json\":\"",
    "thinking_delta\",\"thinking\":\"",
    "signature_delta\",\"signature\":\""
  };

  private static final byte[] PREFIX_BYTES = ascii(PREFIX);
  private static final byte[] DELTA_BYTES = ascii(DELTA);
  private static final byte[] END_BYTES = ascii(END);
  private static final byte[][] HEAD_BYTES = {
    ascii(HEADS[0]), ascii(HEADS[1]), ascii(HEADS[2]), ascii(HEADS[3])
  };

  private DeltaScanner() {}

  /**
   * Returns the event the UTF-8 {@code data[0..length)} holds if it has the compact delta layout,
   * else null; uses {@code data} during the call only. When it returns an event it may have
   * overwritten the payload's bytes (escapes are undone in place); when it returns null it has
   * not touched them.
   */
  static @Nullable StreamEvent scan(byte[] data, int length) {
    if (!matches(data, length, 0, PREFIX_BYTES)
        || !matches(data, length, length - END_BYTES.length, END_BYTES)) {
      return null;
    }
    int i = PREFIX_BYTES.length;
    int digitsEnd = i;
    while (digitsEnd < length && digitsEnd - i < 9 && isDigit(data[digitsEnd])) {
      digitsEnd++;
    }
    if (digitsEnd == i || (data[i] == '0' && digitsEnd > i + 1)) {
      return null; // No index, or a leading zero, which JSON forbids.
    }
    int index = 0;
    for (int d = i; d < digitsEnd; d++) {
      index = index * 10 + (data[d] - '0');
    }
    if (!matches(data, length, digitsEnd, DELTA_BYTES)) {
      return null;
    }
    i = digitsEnd + DELTA_BYTES.length;
    for (int kind = 0; kind < HEAD_BYTES.length; kind++) {
      if (matches(data, length, i, HEAD_BYTES[kind])) {
        int from = i + HEAD_BYTES[kind].length;
        int end = length - END_BYTES.length;
        if (from > end) {
          return null; // The head and the end overlap: not this layout.
        }
        String payload = decodeString(data, from, end);
        return payload == null
            ? null
            : new StreamEvent.ContentBlockDelta(index, delta(kind, payload));
      }
    }
    return null;
  }

  /** Returns the event {@code data} holds if it has the compact delta layout, else null. */
  static @Nullable StreamEvent scan(String data) {
    if (!data.startsWith(PREFIX) || !data.endsWith(END)) {
      return null;
    }
    int i = PREFIX.length();
    int digitsEnd = i;
    while (digitsEnd < data.length() && digitsEnd - i < 9 && isDigit(data.charAt(digitsEnd))) {
      digitsEnd++;
    }
    if (digitsEnd == i || (data.charAt(i) == '0' && digitsEnd > i + 1)) {
      return null; // No index, or a leading zero, which JSON forbids.
    }
    int index = Integer.parseInt(data, i, digitsEnd, 10);
    if (!data.startsWith(DELTA, digitsEnd)) {
      return null;
    }
    i = digitsEnd + DELTA.length();
    for (int kind = 0; kind < HEADS.length; kind++) {
      if (data.startsWith(HEADS[kind], i)) {
        int from = i + HEADS[kind].length();
        int end = data.length() - END.length();
        if (from > end) {
          return null; // The head and the end overlap: not this layout.
        }
        String payload = decodeString(data, from, end);
        return payload == null
            ? null
            : new StreamEvent.ContentBlockDelta(index, delta(kind, payload));
      }
    }
    return null;
  }

  private static Delta delta(int kind, String payload) {
    switch (kind) {
      case 0:
        return new Delta.Text(payload);
      case 1:
        return new Delta.InputJson(payload);
      case 2:
        return new Delta.Thinking(payload);
      default:
        return new Delta.Signature(payload);
    }
  }

  /**
   * Decodes the body of a JSON string held as UTF-8 from {@code from} to {@code end} (its closing
   * quote), or returns null if it holds a bare quote, a control character or a bad escape. Escapes
   * are undone in place, in {@code data} itself (each only shortens, so a write never passes the
   * read), once all of them are known to be good: a payload it declines is left as it came.
   */
  private static @Nullable String decodeString(byte[] data, int from, int end) {
    int i = from;
    while (i < end && isPlain(data[i])) {
      i++;
    }
    if (i == end) {
      return new String(data, from, end - from, StandardCharsets.UTF_8); // No escapes.
    }
    for (int j = i; j < end; ) {
      byte b = data[j++];
      if (isPlain(b)) {
        continue;
      }
      if (b != '\\' || j == end) {
        return null;
      }
      if (data[j] == 'u') {
        int code = j + 5 <= end ? hex(data, j + 1) : -1;
        if (code < 0) {
          return null;
        }
        if (code >= 0x80) {
          // A character beyond ASCII, or half of a surrogate pair: decode as chars instead.
          String text = new String(data, from, end - from, StandardCharsets.UTF_8);
          return decodeString(text, 0, text.length());
        }
        j += 5;
      } else if (unescape((char) data[j++]) == 0) {
        return null;
      }
    }
    int length = i;
    while (i < end) {
      byte b = data[i++];
      if (b != '\\') {
        data[length++] = b;
      } else if (data[i] == 'u') {
        data[length++] = (byte) hex(data, i + 1);
        i += 5;
      } else {
        data[length++] = (byte) unescape((char) data[i++]);
      }
    }
    return new String(data, from, length - from, StandardCharsets.UTF_8);
  }

  /**
   * Decodes the body of a JSON string that runs from {@code from} to {@code end} (its closing
   * quote), or returns null if it holds a bare quote, a control character or a bad escape.
   */
  private static @Nullable String decodeString(String data, int from, int end) {
    int i = from;
    while (i < end && isPlain(data.charAt(i))) {
      i++;
    }
    if (i == end) {
      return data.substring(from, end); // No escapes: the common case for text.
    }
    char[] out = new char[end - from];
    data.getChars(from, i, out, 0);
    int length = i - from;
    while (i < end) {
      char c = data.charAt(i++);
      if (isPlain(c)) {
        out[length++] = c;
      } else if (c != '\\' || i == end) {
        return null;
      } else if (data.charAt(i) == 'u') {
        int code = i + 5 <= end ? hex(data, i + 1) : -1;
        if (code < 0) {
          return null;
        }
        out[length++] = (char) code; // A surrogate pair arrives as two escapes and joins up here.
        i += 5;
      } else {
        char plain = unescape(data.charAt(i++));
        if (plain == 0) {
          return null;
        }
        out[length++] = plain;
      }
    }
    return new String(out, 0, length);
  }

  private static char unescape(char escaped) {
    switch (escaped) {
      case '"':
        return '"';
      case '\\':
        return '\\';
      case '/':
        return '/';
      case 'b':
        return '\b';
      case 'f':
        return '\f';
      case 'n':
        return '\n';
      case 'r':
        return '\r';
      case 't':
        return '\t';
      default:
        return 0;
    }
  }

  /** Returns whether {@code c} stands for itself in a JSON string. */
  private static boolean isPlain(char c) {
    return c >= 0x20 && c != '"' && c != '\\';
  }

  /** Returns whether the byte {@code b} stands for itself in a UTF-8 JSON string. */
  private static boolean isPlain(byte b) {
    return b < 0 || (b >= 0x20 && b != '"' && b != '\\');
  }

  private static int hex(byte[] data, int from) {
    int code = 0;
    for (int i = from; i < from + 4; i++) {
      int digit = hexDigit((char) data[i]);
      if (digit < 0) {
        return -1;
      }
      code = code << 4 | digit;
    }
    return code;
  }

  private static boolean matches(byte[] data, int length, int at, byte[] expected) {
    return at >= 0
        && at + expected.length <= length
        && Arrays.equals(data, at, at + expected.length, expected, 0, expected.length);
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  private static boolean isDigit(byte b) {
    return b >= '0' && b <= '9';
  }

  private static int hexDigit(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    } else if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    } else if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }

  private static int hex(String data, int from) {
    int code = 0;
    for (int i = from; i < from + 4; i++) {
      int digit = hexDigit(data.charAt(i));
      if (digit < 0) {
        return -1;
      }
      code = code << 4 | digit;
    }
    return code;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
