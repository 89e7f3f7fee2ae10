package dev.toolstream.tools.internal;

import dev.toolstream.agent.ToolContext;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;

/**
 * Binds a tool's input object to its method's arguments. Built once per tool with one Jackson
 * reader per parameter; thread-safe. The rules are those documented on {@link
 * dev.toolstream.tools.AnnotatedTools}.
 */
final class ArgumentBinder {
  private final List<ToolParameter> parameters;
  private final @Nullable ObjectReader[] readers;
  private final JsonNode schema;

  ArgumentBinder(List<ToolParameter> parameters, JsonNode schema) {
    this.parameters = parameters;
    this.schema = schema;
    this.readers = new ObjectReader[parameters.size()];
    for (int i = 0; i < readers.length; i++) {
      ToolParameter parameter = parameters.get(i);
      if (parameter.kind() != ToolParameter.Kind.CONTEXT) {
        readers[i] =
            BindingMapper.MAPPER.readerFor(BindingMapper.MAPPER.constructType(parameter.type()));
      }
    }
  }

  /**
   * Returns the arguments for one call.
   *
   * @throws IllegalArgumentException naming the parameter, if a required one is missing or a value
   *     does not bind to its type
   */
  @Nullable Object[] bind(JsonNode input, ToolContext context) {
    JsonNode filled = Defaults.fill(input, schema);
    @Nullable Object[] arguments = new Object[parameters.size()];
    for (int i = 0; i < arguments.length; i++) {
      ToolParameter parameter = parameters.get(i);
      arguments[i] =
          parameter.kind() == ToolParameter.Kind.CONTEXT
              ? context
              : bindOne(parameter, readers[i], filled.get(parameter.name()));
    }
    return arguments;
  }

  private static @Nullable Object bindOne(
      ToolParameter parameter, @Nullable ObjectReader reader, @Nullable JsonNode value) {
    if (value == null || value.isNull()) {
      if (parameter.kind() == ToolParameter.Kind.OPTIONAL) {
        return Optional.empty();
      }
      if (value == null && parameter.required()) {
        throw new IllegalArgumentException(
            "missing required parameter \"" + parameter.name() + "\": send it in the input");
      }
      if (value == null || !Types.raw(parameter.type()).isPrimitive()) {
        return null;
      }
    }
    try {
      return java.util.Objects.requireNonNull(reader).readValue(value);
    } catch (JacksonException e) {
      throw new IllegalArgumentException(
          "parameter \""
              + parameter.name()
              + "\" does not fit its type "
              + parameter.type().getTypeName()
              + ": "
              + MethodReader.firstLine(e.getOriginalMessage()),
          e);
    }
  }
}
