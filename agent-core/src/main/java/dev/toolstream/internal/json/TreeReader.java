package dev.toolstream.internal.json;

import java.math.BigDecimal;
import java.util.Arrays;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ContainerNode;
import tools.jackson.databind.node.DecimalNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.MissingNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds a tree from a parser's tokens directly, without the mapper's deserialization context:
 * the tree {@code Json.MAPPER.readTree} would build (a test compares the two on every kind of
 * value), in a third less time on a large tool input, measured in agent-bench. Numbers keep every
 * digit: a fraction or exponent reads as a {@code BigDecimal} with its scale, except a negative
 * zero, which reads as the double {@code -0.0} because a {@code BigDecimal} has no sign for zero.
 * Duplicate names keep the last value, as Jackson's tree reader does. Iterative, so nesting is
 * bounded only by the parser's own depth limit, never by the thread's stack.
 */
final class TreeReader {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private TreeReader() {}

  /**
   * Reads the one value {@code parser} holds; empty input gives a missing node.
   *
   * @throws StreamReadException if the input is not valid JSON or holds more than one value
   */
  static JsonNode read(JsonParser parser) {
    JsonToken token = parser.nextToken();
    if (token == null) {
      return MissingNode.getInstance();
    }
    JsonNode root = token.isStructStart() ? container(parser, token) : scalar(parser, token);
    JsonToken trailing = parser.nextToken();
    if (trailing != null) {
      throw new StreamReadException(
          parser, "Trailing token (of type " + trailing + ") found after the value");
    }
    return root;
  }

  /** Reads the object or array that {@code start} opens, and all it holds. */
  private static ContainerNode<?> container(JsonParser parser, JsonToken start) {
    ContainerNode<?>[] open = new ContainerNode<?>[8];
    String[] names = new String[8];
    int depth = 0;
    ContainerNode<?> current = start == JsonToken.START_OBJECT ? NODES.objectNode() : NODES.arrayNode();
    ContainerNode<?> root = current;
    while (true) {
      String name = null;
      JsonToken token;
      if (current.isObject()) {
        name = parser.nextName();
        token = name == null ? parser.currentToken() : parser.nextToken();
      } else {
        token = parser.nextToken();
      }
      if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
        if (depth == 0) {
          return root;
        }
        ContainerNode<?> done = current;
        current = open[--depth];
        add(current, names[depth], done);
        open[depth] = null;
        continue;
      }
      if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
        if (depth == open.length) {
          open = Arrays.copyOf(open, 2 * depth);
          names = Arrays.copyOf(names, 2 * depth);
        }
        open[depth] = current;
        names[depth++] = name;
        current = token == JsonToken.START_OBJECT ? NODES.objectNode() : NODES.arrayNode();
        continue;
      }
      add(current, name, scalar(parser, token));
    }
  }

  private static void add(ContainerNode<?> container, String name, JsonNode value) {
    if (name == null) {
      ((ArrayNode) container).add(value);
    } else {
      ((ObjectNode) container).set(name, value);
    }
  }

  private static JsonNode scalar(JsonParser parser, JsonToken token) {
    switch (token) {
      case VALUE_STRING:
        return NODES.stringNode(parser.getString());
      case VALUE_NUMBER_INT:
        switch (parser.getNumberType()) {
          case INT:
            return NODES.numberNode(parser.getIntValue());
          case LONG:
            return NODES.numberNode(parser.getLongValue());
          default:
            return NODES.numberNode(parser.getBigIntegerValue());
        }
      case VALUE_NUMBER_FLOAT:
        return decimal(parser);
      case VALUE_TRUE:
        return NODES.booleanNode(true);
      case VALUE_FALSE:
        return NODES.booleanNode(false);
      case VALUE_NULL:
        return NODES.nullNode();
      default:
        throw new StreamReadException(parser, "Unexpected token " + token);
    }
  }

  /**
   * Reads a number with a fraction or exponent as a {@code BigDecimal}, or as the double {@code
   * -0.0} if its text is a negative zero.
   */
  private static JsonNode decimal(JsonParser parser) {
    BigDecimal value = parser.getDecimalValue();
    if (value.signum() == 0 && parser.getString().charAt(0) == '-') {
      return NODES.numberNode(-0.0d);
    }
    return DecimalNode.valueOf(value);
  }
}
