package dev.toolstream.internal.schema;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A tool's input schema, checked against the JSON Schema 2020-12 meta-schema and compiled once.
 * Validation is thread-safe.
 */
public final class CompiledSchema {
  private static final SchemaRegistry REGISTRY =
      SchemaRegistry.withDefaultDialect(
          SpecificationVersion.DRAFT_2020_12,
          builder ->
              builder.schemaRegistryConfig(
                  SchemaRegistryConfig.builder().pathType(PathType.JSON_PATH).build()));
  private static final Schema META_SCHEMA =
      REGISTRY.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));

  private final Schema schema;

  private CompiledSchema(Schema schema) {
    this.schema = schema;
  }

  /**
   * Checks and compiles a tool's input schema.
   *
   * @throws IllegalArgumentException naming the tool and every problem, if the schema is not a
   *     valid 2020-12 schema or does not describe an object
   */
  public static CompiledSchema compile(String toolName, JsonNode inputSchema) {
    return compile("tool \"" + toolName + "\" has an", "input schema", inputSchema);
  }

  /**
   * Checks and compiles the schema of a structured output.
   *
   * @throws IllegalArgumentException naming every problem, if the schema is not a valid 2020-12
   *     schema or does not describe an object
   */
  public static CompiledSchema compileOutput(JsonNode outputSchema) {
    return compile("the output type has an", "output schema", outputSchema);
  }

  private static CompiledSchema compile(String owner, String what, JsonNode inputSchema) {
    List<String> problems = describe(META_SCHEMA.validate(inputSchema));
    JsonNode type = inputSchema.get("type");
    if (type == null || !type.isString() || !type.asString().equals("object")) {
      problems.add("$.type: the API takes only object schemas, so it must be \"object\"");
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          owner + " invalid " + what + ": " + String.join("; ", problems));
    }
    try {
      return new CompiledSchema(REGISTRY.getSchema(SchemaLocation.DOCUMENT, inputSchema));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          owner + " " + what + " that does not compile: " + e.getMessage(), e);
    }
  }

  /** Returns every violation of this schema by {@code instance}; empty if it is valid. */
  public List<String> validate(JsonNode instance) {
    return describe(schema.validate(instance));
  }

  private static List<String> describe(List<Error> errors) {
    List<String> messages = new ArrayList<>(errors.size());
    for (Error error : errors) {
      // "$.unit: does not have a value in the enumeration [...] (enum)": path, what, rule.
      messages.add(
          error.getInstanceLocation() + ": " + error.getMessage() + " (" + error.getKeyword() + ")");
    }
    return messages;
  }
}
