package dev.toolstream.tools.internal;

import dev.toolstream.tools.Tool;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes the index of a class's tool schemas (see {@link SchemaIndex}); backs {@link
 * dev.toolstream.tools.ToolSchemaIndex}. Not part of the public API.
 */
public final class SchemaIndexWriter {
  private SchemaIndexWriter() {}

  /**
   * Derives the input schema of every {@link Tool} method of {@code type} and writes them, each
   * with its fingerprint, under {@code classesDirectory}; returns the file written.
   *
   * @throws IllegalArgumentException if {@code type} has no tool method, or one cannot be a tool
   * @throws IOException if the file cannot be written
   */
  public static Path write(Path classesDirectory, Class<?> type) throws IOException {
    List<Method> methods = ToolSpecFactory.toolMethods(type);
    if (methods.isEmpty()) {
      throw new IllegalArgumentException(type.getName() + " has no @Tool methods to index");
    }
    ObjectNode index = JsonNodeFactory.instance.objectNode();
    index.put("format", SchemaFingerprint.FORMAT);
    ObjectNode tools = index.putObject("tools");
    for (Method method : methods) {
      ObjectNode schema =
          ToolSchemas.inputSchema(
              method, MethodReader.parameters(method), method.getAnnotation(Tool.class).strict());
      ObjectNode entry = tools.putObject(SchemaIndex.signature(method));
      entry.put("fingerprint", SchemaIndex.fingerprint(method));
      entry.set("schema", schema);
    }
    Path file = classesDirectory.resolve(SchemaIndex.resource(type));
    Files.createDirectories(file.getParent());
    Files.writeString(file, BindingMapper.MAPPER.writeValueAsString(index));
    return file;
  }
}
