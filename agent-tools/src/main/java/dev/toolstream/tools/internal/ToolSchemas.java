package dev.toolstream.tools.internal;

import com.github.victools.jsonschema.generator.SchemaBuilder;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Derives a tool's input schema from its method's parameters: an object whose properties are the
 * parameters (the {@code ToolContext} left out), their types described by {@link TypeSchemas}, with
 * {@code required}, {@code additionalProperties: false}, and shared or recursive types under {@code
 * $defs}.
 */
final class ToolSchemas {
  private ToolSchemas() {}

  /**
   * Returns the input schema of {@code method}; {@code strict} keeps it within the subset strict
   * mode supports where a type allows (see {@link TypeSchemas#newGenerator}).
   *
   * @throws IllegalArgumentException if a parameter's type cannot be described for binding, or a
   *     default is not valid against its own part of the schema
   */
  static ObjectNode inputSchema(Method method, List<ToolParameter> parameters, boolean strict) {
    List<String> problems = new ArrayList<>();
    SchemaBuilder builder =
        TypeSchemas.newGenerator(problems, strict).buildMultipleSchemaDefinitions();
    Map<ToolParameter, ObjectNode> references = new LinkedHashMap<>();
    for (ToolParameter parameter : parameters) {
      if (parameter.kind() != ToolParameter.Kind.CONTEXT) {
        references.put(parameter, builder.createSchemaReference(parameter.valueType()));
      }
    }
    // Only now are the references filled in: inline, or as "$ref" into the definitions.
    ObjectNode definitions = builder.collectDefinitions("$defs");
    if (!problems.isEmpty()) {
      throw MethodReader.error(method, "cannot be a tool: " + String.join("; ", problems));
    }
    ObjectNode schema = JsonNodeFactory.instance.objectNode();
    schema.put("type", "object");
    ObjectNode properties = schema.putObject("properties");
    ArrayNode required = JsonNodeFactory.instance.arrayNode();
    references.forEach(
        (parameter, property) -> {
          if (!parameter.description().isEmpty()) {
            property.put("description", parameter.description());
          }
          JsonNode defaultValue = parameter.defaultValue();
          if (defaultValue != null) {
            property.set("default", defaultValue);
          }
          properties.set(parameter.name(), property);
          if (parameter.required()) {
            required.add(parameter.name());
          }
        });
    if (!required.isEmpty()) {
      schema.set("required", required);
    }
    schema.put("additionalProperties", false);
    if (!definitions.isEmpty()) {
      schema.set("$defs", definitions);
    }
    // The generator keeps field defaults as POJO nodes; one round trip makes plain JSON of them.
    ObjectNode plain =
        (ObjectNode) BindingMapper.MAPPER.readTree(BindingMapper.MAPPER.writeValueAsString(schema));
    List<String> misfits = Defaults.misfits(plain);
    if (!misfits.isEmpty()) {
      throw MethodReader.error(method, "cannot be a tool: " + String.join("; ", misfits));
    }
    return plain;
  }
}
