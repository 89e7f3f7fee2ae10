package dev.toolstream.internal.sse;

import dev.toolstream.internal.json.JsonEscapes;
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
 * the payload's: a payload without escapes is decoded by the JDK straight from the bytes, and one
 * with escapes is decoded and unescaped in a single pass into a char array.
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
   * else null; reads {@code data} during the call only, and never writes it.
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
   * quote), or returns null if it holds a bare quote, a control character, a bad escape or bytes
   * that are not UTF-8 (the caller's parser then says what they are). A body without escapes is
   * decoded by the JDK straight from the bytes; one with escapes is decoded and unescaped in one
   * pass into a char array, leaving {@code data} as it came.
   */
  private static @Nullable String decodeString(byte[] data, int from, int end) {
    int i = from;
    while (i < end && isPlain(data[i])) {
      i++;
    }
    if (i == end) {
      return new String(data, from, end - from, StandardCharsets.UTF_8); // No escapes.
    }
    char[] out = new char[end - from]; // Unescaping and decoding only ever shorten.
    int length = 0;
    i = from;
    while (i < end) {
      int b = data[i];
      if (b >= 0x20 && b != '"' && b != '\\') {
        out[length++] = (char) b;
        i++;
      } else if (b < 0) {
        int next = decodeUtf8(data, i, end, out, length);
        if (next < 0) {
          return null;
        }
        length += next - i == 4 ? 2 : 1; // Four bytes make a surrogate pair.
        i = next;
      } else if (b == '\\' && i + 1 < end) {
        byte escaped = data[i + 1];
        if (escaped == 'u') {
          int code = i + 6 <= end ? hex(data, i + 2) : -1;
          if (code < 0) {
            return null;
          }
          out[length++] = (char) code; // A surrogate pair arrives as two escapes and joins up here.
          i += 6;
        } else {
          char plain = JsonEscapes.unescape(escaped);
          if (plain == 0) {
            return null;
          }
          out[length++] = plain;
          i += 2;
        }
      } else {
        return null;
      }
    }
    return new String(out, 0, length);
  }

  /**
   * Decodes the multi-byte UTF-8 sequence at {@code data[i]} into {@code out[at]} (two chars for
   * one of four bytes) and returns the index after it, or -1 if it is not a well-formed,
   * shortest-form sequence of a scalar value.
   */
  private static int decodeUtf8(byte[] data, int i, int end, char[] out, int at) {
    int b = data[i] & 0xFF;
    if (b >= 0xC2 && b <= 0xDF) {
      if (i + 1 < end && isContinuation(data[i + 1])) {
        out[at] = (char) ((b & 0x1F) << 6 | data[i + 1] & 0x3F);
        return i + 2;
      }
    } else if (b >= 0xE0 && b <= 0xEF) {
      if (i + 2 < end && isContinuation(data[i + 1]) && isContinuation(data[i + 2])) {
        int c = (b & 0x0F) << 12 | (data[i + 1] & 0x3F) << 6 | data[i + 2] & 0x3F;
        if (c >= 0x800 && !Character.isSurrogate((char) c)) {
          out[at] = (char) c;
          return i + 3;
        }
      }
    } else if (b >= 0xF0 && b <= 0xF4) {
      if (i + 3 < end
          && isContinuation(data[i + 1])
          && isContinuation(data[i + 2])
          && isContinuation(data[i + 3])) {
        int c =
            (b & 0x07) << 18 | (data[i + 1] & 0x3F) << 12 | (data[i + 2] & 0x3F) << 6
                | data[i + 3] & 0x3F;
        if (c >= 0x10000 && c <= Character.MAX_CODE_POINT) {
          out[at] = Character.highSurrogate(c);
          out[at + 1] = Character.lowSurrogate(c);
          return i + 4;
        }
      }
    }
    return -1;
  }

  private static boolean isContinuation(byte b) {
    return (b & 0xC0) == 0x80;
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
        char plain = JsonEscapes.unescape(data.charAt(i++));
        if (plain == 0) {
          return null;
        }
        out[length++] = plain;
      }
    }
    return new String(out, 0, length);
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
      int digit = JsonEscapes.hexDigit(data[i]);
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

  private static int hex(String data, int from) {
    int code = 0;
    for (int i = from; i < from + 4; i++) {
      int digit = JsonEscapes.hexDigit(data.charAt(i));
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
