package dev.toolstream.tools.internal;

import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Fills the {@code default} values a schema declares into an input that leaves those properties
 * out, at the top level and inside nested objects, arrays and maps. Branches of {@code anyOf} and
 * {@code oneOf} are not entered: which one applies is the subtype's business.
 */
final class Defaults {
  private Defaults() {}

  /** Returns {@code input} with defaults filled in; a copy if anything was added. */
  static JsonNode fill(JsonNode input, JsonNode schema) {
    if (!input.isObject()) {
      return input;
    }
    ObjectNode copy = (ObjectNode) input.deepCopy();
    fillObject(copy, schema, schema);
    return copy;
  }

  private static void fillObject(ObjectNode value, JsonNode schema, JsonNode root) {
    JsonNode resolved = resolve(schema, root);
    JsonNode properties = resolved.path("properties");
    for (Map.Entry<String, JsonNode> property : properties.properties()) {
      JsonNode propertySchema = property.getValue();
      JsonNode current = value.get(property.getKey());
      if (current == null) {
        JsonNode defaultValue = defaultOf(propertySchema, root);
        if (defaultValue != null) {
          value.set(property.getKey(), defaultValue.deepCopy());
        }
      } else {
        fillValue(current, propertySchema, root);
      }
    }
    JsonNode additional = resolved.path("additionalProperties");
    if (additional.isObject()) {
      for (Map.Entry<String, JsonNode> entry : value.properties()) {
        if (!properties.has(entry.getKey())) {
          fillValue(entry.getValue(), additional, root);
        }
      }
    }
  }

  private static void fillValue(JsonNode value, JsonNode schema, JsonNode root) {
    if (value instanceof ObjectNode object) {
      fillObject(object, schema, root);
    } else if (value.isArray()) {
      JsonNode items = resolve(schema, root).path("items");
      if (items.isObject()) {
        for (JsonNode item : value) {
          fillValue(item, items, root);
        }
      }
    }
  }

  private static @Nullable JsonNode defaultOf(JsonNode schema, JsonNode root) {
    JsonNode own = schema.get("default");
    return own != null ? own : resolve(schema, root).get("default");
  }

  /** Follows a local {@code $ref} such as {@code #/$defs/Node}; other schemas are returned. */
  private static JsonNode resolve(JsonNode schema, JsonNode root) {
    JsonNode ref = schema.get("$ref");
    if (ref == null || !ref.isString() || !ref.asString().startsWith("#/")) {
      return schema;
    }
    return root.at(ref.asString().substring(1));
  }
}
