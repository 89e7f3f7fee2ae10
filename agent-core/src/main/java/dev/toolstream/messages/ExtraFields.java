package dev.toolstream.messages;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/** Immutable copies of extra-field maps that keep the fields in the order they arrived. */
final class ExtraFields {
  private ExtraFields() {}

  /**
   * Returns an unmodifiable copy of {@code fields} in their order, so what is written back reads
   * like what came; a JSON {@code null} is a {@code NullNode}, never a Java null.
   */
  static Map<String, JsonNode> copyOf(Map<String, JsonNode> fields) {
    if (fields.isEmpty()) {
      return Map.of();
    }
    Map<String, JsonNode> copy = new LinkedHashMap<>(fields.size() * 2);
    fields.forEach(
        (name, value) ->
            copy.put(
                Objects.requireNonNull(name, "extra field name == null"),
                Objects.requireNonNull(value, () -> "extra field " + name + " == null")));
    return Collections.unmodifiableMap(copy);
  }

  /** Returns a copy of {@code fields} without {@code name}. */
  static Map<String, JsonNode> without(Map<String, JsonNode> fields, String name) {
    Map<String, JsonNode> copy = new LinkedHashMap<>(fields);
    copy.remove(name);
    return copyOf(copy);
  }
}
