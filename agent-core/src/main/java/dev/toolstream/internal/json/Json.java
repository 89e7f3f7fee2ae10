package dev.toolstream.internal.json;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The one Jackson mapper of the library, configured once. Not part of the public API. */
public final class Json {
  /** The shared mapper. Thread-safe. */
  public static final JsonMapper MAPPER = JsonMapper.builder().build();

  private Json() {}

  /** Returns a new, empty JSON object. */
  public static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  /** Returns {@code node} as compact JSON text. */
  public static String write(JsonNode node) {
    return MAPPER.writeValueAsString(node);
  }

  /**
   * Parses {@code text} as one JSON value.
   *
   * @throws JacksonException if it is not valid JSON, or holds more than one value
   */
  public static JsonNode parse(String text) {
    return MAPPER.readTree(text);
  }
}
