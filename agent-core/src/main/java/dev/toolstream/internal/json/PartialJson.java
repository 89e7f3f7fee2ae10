package dev.toolstream.internal.json;

import tools.jackson.core.StreamReadConstraints;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Parses the prefix of a JSON text into the value it promises so far: an open string is closed,
 * open arrays and objects are closed, and a key without a value or an unfinished literal is left
 * out. Used to show tool input while it streams; linear in the text's length.
 *
 * <p>It recurses once per level of nesting, so it stops at the JSON parser's own bound (500
 * levels): values nested deeper are left out rather than overflow the stack. (A stream refuses
 * such input when its block stops; see {@link
 * dev.toolstream.stream.StreamLimits#maxNestingDepth()}.)
 */
public final class PartialJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final int MAX_DEPTH = StreamReadConstraints.DEFAULT_MAX_DEPTH;

  private final String text;
  private int pos;
  private int depth;

  private PartialJson(String text) {
    this.text = text;
  }

  /**
   * Returns the object {@code prefix} promises so far; an empty object if it promises none. Values
   * nested more than 500 deep are left out.
   */
  public static ObjectNode parseObject(String prefix) {
    PartialJson parser = new PartialJson(prefix);
    parser.skipWhitespace();
    if (parser.pos < prefix.length() && prefix.charAt(parser.pos) == '{') {
      JsonNode value = parser.value();
      if (value instanceof ObjectNode object) {
        return object;
      }
    }
    return NODES.objectNode();
  }

  /** Returns the next value, or null if the text ends before any part of one is usable. */
  private JsonNode value() {
    skipWhitespace();
    if (pos >= text.length()) {
      return null;
    }
    char c = text.charAt(pos);
    if (c == '{' || c == '[') {
      if (++depth > MAX_DEPTH) {
        pos = text.length(); // What is this deep is left out, and so is all that follows it.
        return null;
      }
      JsonNode container = c == '{' ? object() : array();
      depth--;
      return container;
    } else if (c == '"') {
      return NODES.stringNode(string());
    }
    return literal();
  }

  private ObjectNode object() {
    ObjectNode object = NODES.objectNode();
    pos++;
    while (true) {
      skipWhitespace();
      if (pos >= text.length() || text.charAt(pos) == '}') {
        pos++;
        return object;
      }
      if (text.charAt(pos) == ',') {
        pos++;
        continue;
      }
      if (text.charAt(pos) != '"') {
        pos = text.length();
        return object;
      }
      int keyStart = pos;
      String key = string();
      boolean keyClosed = pos <= text.length() && text.charAt(pos - 1) == '"' && pos - 1 > keyStart;
      skipWhitespace();
      if (!keyClosed || pos >= text.length() || text.charAt(pos) != ':') {
        pos = text.length();
        return object;
      }
      pos++;
      JsonNode value = value();
      if (value == null) {
        return object;
      }
      object.set(key, value);
    }
  }

  private ArrayNode array() {
    ArrayNode array = NODES.arrayNode();
    pos++;
    while (true) {
      skipWhitespace();
      if (pos >= text.length() || text.charAt(pos) == ']') {
        pos++;
        return array;
      }
      if (text.charAt(pos) == ',') {
        pos++;
        continue;
      }
      JsonNode value = value();
      if (value == null) {
        return array;
      }
      array.add(value);
    }
  }

  /** Reads a string from its opening quote; an unterminated one ends at the text's end. */
  private String string() {
    StringBuilder out = new StringBuilder();
    pos++;
    while (pos < text.length()) {
      char c = text.charAt(pos++);
      if (c == '"') {
        return out.toString();
      }
      if (c != '\\') {
        out.append(c);
      } else if (pos < text.length()) {
        char escaped = text.charAt(pos++);
        if (escaped == 'u') {
          if (pos + 4 > text.length()) {
            pos = text.length();
            break;
          }
          out.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
          pos += 4;
        } else {
          char plain = JsonEscapes.unescape(escaped);
          out.append(plain != 0 ? plain : escaped); // Lenient: an unknown escape keeps its letter.
        }
      }
    }
    pos = text.length() + 1;
    return out.toString();
  }

  /** Reads a number or literal; an unfinished one (the text ends inside it) is left out. */
  private JsonNode literal() {
    int start = pos;
    while (pos < text.length() && ",}] \t\r\n".indexOf(text.charAt(pos)) < 0) {
      pos++;
    }
    if (pos >= text.length()) {
      return null;
    }
    String token = text.substring(start, pos);
    try {
      return Json.parse(token);
    } catch (RuntimeException e) {
      return null;
    }
  }

  private void skipWhitespace() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }
}
