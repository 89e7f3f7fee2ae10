package dev.toolstream.tools.internal;

import java.lang.reflect.Type;
import java.time.temporal.Temporal;
import java.time.temporal.TemporalAmount;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.StringNode;

/** Reads {@code @ToolParam(defaultValue = …)} literals. */
final class Literals {
  private Literals() {}

  /**
   * Returns {@code literal} as JSON. For a type whose schema is a string, the literal is plain text
   * unless it is itself a quoted JSON string; for any other type it must be JSON.
   *
   * @throws IllegalArgumentException naming the fix, if a non-string literal is not JSON
   */
  static JsonNode parse(String literal, Class<?> type) {
    if (isStringLike(type) && !literal.startsWith("\"")) {
      return StringNode.valueOf(literal);
    }
    try {
      return BindingMapper.MAPPER.readTree(literal);
    } catch (JacksonException e) {
      throw new IllegalArgumentException(
          "default value '"
              + literal
              + "' is not JSON: write it as a JSON literal such as 3, true, [\"a\"] or {\"x\": 1}");
    }
  }

  /**
   * Returns {@code literal} as JSON ({@link #parse}), having bound it to {@code type} as a value
   * sent by the model would be, so that a default that could never bind fails at registration.
   *
   * @param type the type the default stands for: {@code T} for an {@code Optional<T>}
   * @throws IllegalArgumentException with the first line of the reason, if it is not JSON or does
   *     not bind to {@code type}
   */
  static JsonNode parseFor(String literal, Type type) {
    JsonNode value = parse(literal, Types.raw(type));
    try {
      BindingMapper.MAPPER.readerFor(BindingMapper.MAPPER.constructType(type)).readValue(value);
    } catch (JacksonException e) {
      throw new IllegalArgumentException(MethodReader.firstLine(e.getOriginalMessage()), e);
    }
    return value;
  }

  /** Returns whether values of {@code type} are written as JSON strings. */
  static boolean isStringLike(Class<?> type) {
    return CharSequence.class.isAssignableFrom(type)
        || type == char.class
        || type == Character.class
        || type.isEnum()
        || type == UUID.class
        || Temporal.class.isAssignableFrom(type)
        || TemporalAmount.class.isAssignableFrom(type);
  }
}
