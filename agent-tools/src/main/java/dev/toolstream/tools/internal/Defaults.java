package dev.toolstream.tools.internal;

import dev.toolstream.internal.schema.CompiledSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Fills the {@code default} values a schema declares into an input that leaves those properties
 * out, at the top level and inside nested objects, arrays and maps. Branches of {@code anyOf} and
 * {@code oneOf} are not entered: which one applies is the subtype's business. Checks, at
 * registration, that each default is valid against the schema it stands in.
 */
final class Defaults {
  private Defaults() {}

  /**
   * Returns why each {@code default} in {@code root} is refused by the schema it is declared in,
   * one problem each, naming its place and the fix; empty if all fit. A default that binds can
   * still break its schema: {@code {"x": 1}} binds to a {@code Point(int x, int y)} with {@code y}
   * 0, while the schema requires {@code y}, so the model would be shown a default it may not send.
   */
  static List<String> misfits(JsonNode root) {
    List<String> problems = new ArrayList<>();
    checkDefaults(root, "", root, problems);
    return problems;
  }

  private static void checkDefaults(
      JsonNode schema, String path, JsonNode root, List<String> problems) {
    if (!schema.isObject()) {
      return;
    }
    JsonNode value = schema.get("default");
    if (value != null) {
      List<String> violations = violations(schema, value, root);
      if (!violations.isEmpty()) {
        problems.add(
            "the default "
                + value
                + " of "
                + (path.isEmpty() ? "the input" : path.substring(1))
                + " does not fit its schema: "
                + String.join("; ", violations)
                + "; fix @ToolParam(defaultValue = ...)");
      }
    }
    for (String map : List.of("properties", "$defs")) {
      for (Map.Entry<String, JsonNode> entry : schema.path(map).properties()) {
        checkDefaults(entry.getValue(), path + "." + map + "." + entry.getKey(), root, problems);
      }
    }
    for (String single : List.of("items", "additionalProperties")) {
      checkDefaults(schema.path(single), path + "." + single, root, problems);
    }
    for (String list : List.of("anyOf", "allOf", "oneOf")) {
      JsonNode branches = schema.path(list);
      for (int i = 0; i < branches.size(); i++) {
        checkDefaults(branches.get(i), path + "." + list + "[" + i + "]", root, problems);
      }
    }
  }

  /**
   * Validates {@code value} against {@code schema}, a part of {@code root} whose {@code $ref}s
   * point into the root's {@code $defs}: both go into an object schema of one property, the only
   * kind of schema {@link CompiledSchema} takes.
   */
  private static List<String> violations(JsonNode schema, JsonNode value, JsonNode root) {
    ObjectNode wrapper = JsonNodeFactory.instance.objectNode().put("type", "object");
    wrapper.putObject("properties").set("value", schema);
    wrapper.putArray("required").add("value");
    if (root.has("$defs")) {
      wrapper.set("$defs", root.get("$defs"));
    }
    // Generated here from a generated schema: no meta-schema check needed.
    CompiledSchema.buildingGenerated(wrapper);
    try {
      ObjectNode instance = JsonNodeFactory.instance.objectNode();
      instance.set("value", value);
      return CompiledSchema.compile("default", wrapper).validate(instance).stream()
          .map(violation -> violation.replaceFirst("^\\$\\.value", "\\$"))
          .toList();
    } finally {
      CompiledSchema.buildingGenerated(null);
    }
  }

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
