package dev.toolstream.internal.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ContainerNode;
import tools.jackson.databind.node.DecimalNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads well-formed JSON text into a tree without a Jackson parser: the one parse of a large tool
 * input was the largest single cost of a tool-call stream (see agent-bench), much of it in the
 * parser's buffers and token bookkeeping. It builds the tree Jackson's tree reader builds with
 * the library's settings (a test compares the two on every kind of value and on every event
 * recorded from the API): integers as int, long or big-integer nodes by size, numbers with a
 * fraction or exponent as {@code BigDecimal} with their scale, a negative zero as the double {@code
 * -0.0}, the last value of a repeated name.
 *
 * <p>It is exact or it declines, as {@code DeltaScanner} is: empty text, text that is not one
 * well-formed value, or that is nested deeper than the bound, or holds a number longer than {@value
 * #MAX_NUMBER} or a name longer than {@value #MAX_NAME} characters, or is longer than Jackson's
 * longest string, returns null, and the caller parses it with Jackson, which then applies the full
 * rules and says what is wrong and where. Thread-safe.
 */
final class TreeScanner {
  /** Longer numbers go to Jackson, whose own limit (1,000 digits) then applies. */
  static final int MAX_NUMBER = 500;

  /** Longer names go to Jackson, whose own limit (50,000 characters) then applies. */
  static final int MAX_NAME = 10_000;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Thrown to decline; carries no stack, as it only unwinds to {@link #scan}. */
  private static final RuntimeException DECLINE =
      new RuntimeException("not for the scanner", null, false, false) {};

  private final char[] text;
  private final int end;
  private final int maxDepth;
  private int at;
  private final String[] names = new String[256];
  private char[] scratch;

  private TreeScanner(char[] text, int length, int maxDepth) {
    this.text = text;
    this.end = length;
    this.maxDepth = maxDepth;
  }

  /**
   * Returns the tree {@code text[0..length)} holds, or null if it is not exactly one well-formed
   * JSON value nested at most {@code maxDepth} deep, or holds a number or name beyond the limits
   * above.
   */
  static @Nullable JsonNode scan(char[] text, int length, int maxDepth) {
    if (length > StreamReadConstraints.DEFAULT_MAX_STRING_LEN) {
      return null; // It might hold a string longer than Jackson's limit, which Jackson reports.
    }
    TreeScanner scanner = new TreeScanner(text, length, maxDepth);
    try {
      return scanner.document();
    } catch (RuntimeException declined) {
      if (declined != DECLINE && !(declined instanceof NumberFormatException)) {
        throw declined;
      }
      return null;
    }
  }

  private JsonNode document() {
    skipSpace();
    if (at == end) {
      throw DECLINE; // Empty: Jackson's answer (a missing node) stays Jackson's.
    }
    char c = text[at];
    if ((c == '{' || c == '[') && maxDepth < 1) {
      throw DECLINE;
    }
    JsonNode root = c == '{' || c == '[' ? container() : scalar(c);
    skipSpace();
    if (at != end) {
      throw DECLINE;
    }
    return root;
  }

  /** Reads the object or array at {@code at}, iteratively, so nesting never grows the stack. */
  private ContainerNode<?> container() {
    ContainerNode<?>[] open = new ContainerNode<?>[16];
    String[] keys = new String[16];
    int depth = 0;
    ContainerNode<?> current = opened(text[at++]);
    ContainerNode<?> root = current;
    boolean first = true;
    while (true) {
      skipSpace();
      char c = next();
      if (c == '}' || c == ']') {
        if (c != (current.isObject() ? '}' : ']')) {
          throw DECLINE;
        }
        if (depth == 0) {
          return root;
        }
        ContainerNode<?> done = current;
        current = open[--depth];
        open[depth] = null;
        add(current, keys[depth], done);
        first = false;
        continue;
      }
      if (!first) {
        if (c != ',') {
          throw DECLINE;
        }
        skipSpace();
        c = next();
      }
      String key = null;
      if (current.isObject()) {
        if (c != '"') {
          throw DECLINE;
        }
        key = name();
        skipSpace();
        if (next() != ':') {
          throw DECLINE;
        }
        skipSpace();
        c = next();
      }
      if (c == '{' || c == '[') {
        if (depth + 1 >= maxDepth) {
          throw DECLINE; // Jackson reports the bound with its own message.
        }
        if (depth == open.length) {
          open = Arrays.copyOf(open, 2 * depth);
          keys = Arrays.copyOf(keys, 2 * depth);
        }
        open[depth] = current;
        keys[depth++] = key;
        current = opened(c);
        first = true;
        continue;
      }
      at--;
      add(current, key, scalar(c));
      first = false;
    }
  }

  private ContainerNode<?> opened(char c) {
    return c == '{' ? NODES.objectNode() : NODES.arrayNode();
  }

  private static void add(ContainerNode<?> container, @Nullable String key, JsonNode value) {
    if (key == null) {
      ((ArrayNode) container).add(value);
    } else {
      ((ObjectNode) container).set(key, value);
    }
  }

  /** Reads the string, number or literal that starts with {@code c} at {@code at}. */
  private JsonNode scalar(char c) {
    switch (c) {
      case '"':
        at++;
        return NODES.stringNode(string());
      case 't':
        literal("true");
        return NODES.booleanNode(true);
      case 'f':
        literal("false");
        return NODES.booleanNode(false);
      case 'n':
        literal("null");
        return NODES.nullNode();
      default:
        return number();
    }
  }

  private void literal(String word) {
    if (end - at < word.length()) {
      throw DECLINE;
    }
    for (int i = 0; i < word.length(); i++) {
      if (text[at + i] != word.charAt(i)) {
        throw DECLINE;
      }
    }
    at += word.length();
    if (at < end && isWordChar(text[at])) {
      throw DECLINE; // "trueish" is not a literal.
    }
  }

  private static boolean isWordChar(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_';
  }

  /** Reads a number as RFC 8259 writes one: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
  private JsonNode number() {
    int from = at;
    if (at < end && text[at] == '-') {
      at++;
    }
    int intFrom = at;
    if (at < end && text[at] == '0') {
      at++;
    } else {
      digits();
    }
    int intEnd = at;
    boolean integer = true;
    if (at < end && text[at] == '.') {
      at++;
      digits();
      integer = false;
    }
    if (at < end && (text[at] == 'e' || text[at] == 'E')) {
      at++;
      if (at < end && (text[at] == '+' || text[at] == '-')) {
        at++;
      }
      digits();
      integer = false;
    }
    int length = at - from;
    if (length > MAX_NUMBER || at < end && isWordChar(text[at]) || intEnd == intFrom) {
      throw DECLINE;
    }
    if (integer) {
      int digits = intEnd - intFrom;
      if (digits <= 18) {
        long value = 0;
        for (int i = intFrom; i < intEnd; i++) {
          value = value * 10 + (text[i] - '0');
        }
        if (from != intFrom) {
          value = -value;
        }
        return value == (int) value ? NODES.numberNode((int) value) : NODES.numberNode(value);
      }
      BigInteger big = new BigInteger(new String(text, from, length));
      return big.bitLength() < 64 ? NODES.numberNode(big.longValue()) : NODES.numberNode(big);
    }
    BigDecimal value = new BigDecimal(text, from, length);
    if (value.signum() == 0 && from != intFrom) {
      return NODES.numberNode(-0.0d); // A BigDecimal has no sign for zero; a double keeps it.
    }
    return DecimalNode.valueOf(value);
  }

  /** Reads one or more digits. */
  private void digits() {
    int from = at;
    while (at < end && text[at] >= '0' && text[at] <= '9') {
      at++;
    }
    if (at == from) {
      throw DECLINE;
    }
  }

  /**
   * Reads a name after its opening quote, the same name once per scan: a tool input repeats its
   * names, and a name seen before comes back as the same string, hash already known.
   */
  private String name() {
    int from = at;
    int hash = 0;
    while (at < end) {
      char c = text[at];
      if (c == '"') {
        int length = at - from;
        at++;
        if (length > MAX_NAME) {
          throw DECLINE;
        }
        int slot = (hash ^ hash >>> 16) & (names.length - 1);
        String known = names[slot];
        if (known != null && known.length() == length && sameChars(known, from)) {
          return known;
        }
        String name = new String(text, from, length);
        names[slot] = name;
        return name;
      }
      if (c == '\\' || c < 0x20) {
        at = from;
        String name = string();
        if (name.length() > MAX_NAME) {
          throw DECLINE;
        }
        return name;
      }
      hash = 31 * hash + c;
      at++;
    }
    throw DECLINE;
  }

  private boolean sameChars(String known, int from) {
    for (int i = 0; i < known.length(); i++) {
      if (known.charAt(i) != text[from + i]) {
        return false;
      }
    }
    return true;
  }

  /** Reads a string's body after its opening quote, and the closing quote. */
  private String string() {
    int from = at;
    while (at < end) {
      char c = text[at];
      if (c == '"') {
        return new String(text, from, at++ - from);
      }
      if (c == '\\') {
        return escaped(from);
      }
      if (c < 0x20) {
        throw DECLINE;
      }
      at++;
    }
    throw DECLINE;
  }

  /** Reads the rest of a string whose plain start runs from {@code from} to the escape at {@code at}. */
  private String escaped(int from) {
    int plain = at - from;
    if (scratch == null || scratch.length < plain + 64) {
      scratch = new char[Math.max(plain + 64, 2 * (scratch == null ? 64 : scratch.length))];
    }
    System.arraycopy(text, from, scratch, 0, plain);
    int length = plain;
    while (at < end) {
      char c = text[at++];
      if (c == '"') {
        return new String(scratch, 0, length);
      }
      if (c < 0x20) {
        throw DECLINE;
      }
      if (c == '\\') {
        if (at == end) {
          throw DECLINE;
        }
        c = unescape(text[at++]);
      }
      if (length == scratch.length) {
        scratch = Arrays.copyOf(scratch, 2 * length);
      }
      scratch[length++] = c;
    }
    throw DECLINE;
  }

  /** Returns the character the escape letter {@code e} stands for, reading a {@code \\u}'s digits. */
  private char unescape(char e) {
    if (e == 'u') {
      if (end - at < 4) {
        throw DECLINE;
      }
      int code = 0;
      for (int i = 0; i < 4; i++) {
        int digit = JsonEscapes.hexDigit(text[at++]);
        if (digit < 0) {
          throw DECLINE;
        }
        code = code << 4 | digit;
      }
      return (char) code; // A surrogate pair arrives as two escapes and joins up here.
    }
    char plain = JsonEscapes.unescape(e);
    if (plain == 0) {
      throw DECLINE;
    }
    return plain;
  }

  private char next() {
    if (at == end) {
      throw DECLINE;
    }
    return text[at++];
  }

  private void skipSpace() {
    while (at < end) {
      char c = text[at];
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
        return;
      }
      at++;
    }
  }
}
