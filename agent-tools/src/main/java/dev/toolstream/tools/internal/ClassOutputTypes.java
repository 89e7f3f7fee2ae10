package dev.toolstream.tools.internal;

import dev.toolstream.agent.OutputType;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.node.ObjectNode;

/**
 * Derives the {@link OutputType} of a Java class: its schema from {@link TypeSchemas} in strict
 * form, its reader from {@link BindingMapper}. Backs {@link dev.toolstream.tools.OutputSchemas};
 * not part of the public API.
 */
public final class ClassOutputTypes {
  private ClassOutputTypes() {}

  /**
   * Returns the output type of {@code type}.
   *
   * @throws IllegalArgumentException naming the class and the fix, if it cannot be one
   */
  public static <T> OutputType<T> of(Class<T> type) {
    List<String> problems = new ArrayList<>();
    ObjectNode generated = TypeSchemas.newGenerator(problems, true).generateSchema(type);
    if (!problems.isEmpty()) {
      throw error(type, String.join("; ", problems));
    }
    // The generator keeps field defaults as POJO nodes; one round trip makes plain JSON of them.
    JsonNode schema =
        BindingMapper.MAPPER.readTree(BindingMapper.MAPPER.writeValueAsString(generated));
    if (!"object".equals(schema.path("type").asString("")) || !schema.has("properties")) {
      throw error(
          type,
          "its JSON is not an object with properties, and a structured answer must be one: wrap"
              + " it in a record, such as record Answer("
              + type.getSimpleName()
              + " value) {}");
    }
    ObjectReader reader = BindingMapper.MAPPER.readerFor(type);
    try {
      return OutputType.of(schema, json -> read(reader, json));
    } catch (IllegalArgumentException e) {
      throw error(type, e.getMessage());
    }
  }

  private static <T> T read(ObjectReader reader, JsonNode json) {
    try {
      return reader.readValue(json);
    } catch (JacksonException e) {
      throw new IllegalArgumentException(MethodReader.firstLine(e.getOriginalMessage()), e);
    }
  }

  private static IllegalArgumentException error(Class<?> type, String problem) {
    return new IllegalArgumentException(
        type.getSimpleName() + " cannot be an output type: " + problem);
  }
}
