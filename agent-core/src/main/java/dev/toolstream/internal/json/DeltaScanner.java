package dev.toolstream.internal.json;

import dev.toolstream.stream.Delta;
import dev.toolstream.stream.StreamEvent;
import org.jspecify.annotations.Nullable;

/**
 * Reads the one event shape that makes up nearly all of a stream without a JSON parser: the API's
 * compact {@code {"type":"content_block_delta","index":N,"delta":{"type":T,"F":"…"}}} with a
 * string payload. Building a Jackson parser per event cost two thirds of the time spent on a
 * stream (see agent-bench); this scan reads the fixed layout and decodes the string in one pass.
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

  private DeltaScanner() {}

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
        String payload = decodeString(data, i + HEADS[kind].length(), data.length() - END.length());
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
   * Decodes the body of a JSON string that runs from {@code from} to {@code end} (its closing
   * quote), or returns null if it holds a bare quote, a control character or a bad escape.
   */
  static @Nullable String decodeString(String data, int from, int end) {
    int backslash = indexOf(data, '\\', from, end);
    if (backslash < 0) {
      return isPlain(data, from, end) ? data.substring(from, end) : null;
    }
    StringBuilder out = new StringBuilder(end - from);
    int i = from;
    while (backslash >= 0) {
      if (!isPlain(data, i, backslash) || backslash + 1 >= end) {
        return null;
      }
      out.append(data, i, backslash);
      char escaped = data.charAt(backslash + 1);
      i = backslash + 2;
      if (escaped == 'u') {
        if (i + 4 > end) {
          return null;
        }
        int code = hex(data, i);
        if (code < 0) {
          return null;
        }
        out.append((char) code); // A surrogate pair arrives as two escapes and joins up here.
        i += 4;
      } else {
        char plain = unescape(escaped);
        if (plain == 0) {
          return null;
        }
        out.append(plain);
      }
      backslash = indexOf(data, '\\', i, end);
    }
    if (!isPlain(data, i, end)) {
      return null;
    }
    return out.append(data, i, end).toString();
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

  /** Returns whether {@code data[from, end)} has no quote and no control character. */
  private static boolean isPlain(String data, int from, int end) {
    for (int i = from; i < end; i++) {
      char c = data.charAt(i);
      if (c < 0x20 || c == '"') {
        return false;
      }
    }
    return true;
  }

  private static int hex(String data, int from) {
    int code = 0;
    for (int i = from; i < from + 4; i++) {
      char c = data.charAt(i);
      int digit;
      if (c >= '0' && c <= '9') {
        digit = c - '0';
      } else if (c >= 'a' && c <= 'f') {
        digit = c - 'a' + 10;
      } else if (c >= 'A' && c <= 'F') {
        digit = c - 'A' + 10;
      } else {
        return -1;
      }
      code = code << 4 | digit;
    }
    return code;
  }

  private static int indexOf(String data, char c, int from, int end) {
    int found = data.indexOf(c, from);
    return found < end ? found : -1;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
