package dev.toolstream.agent;

import dev.toolstream.internal.schema.CompiledSchema;
import dev.toolstream.internal.schema.StrictSubset;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/** An output type made of a checked, compiled schema and a binder. */
final class SchemaOutputType<T> implements OutputType<T> {
  private final JsonNode schema;
  private final CompiledSchema compiled;
  private final Function<? super JsonNode, ? extends T> binder;

  SchemaOutputType(JsonNode schema, Function<? super JsonNode, ? extends T> binder) {
    Objects.requireNonNull(schema, "schema == null");
    this.binder = Objects.requireNonNull(binder, "binder == null");
    List<String> problems = StrictSubset.problems(schema);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "the output schema uses what structured outputs do not support: "
              + String.join("; ", problems));
    }
    this.schema = schema.deepCopy();
    this.compiled = CompiledSchema.compileOutput(this.schema);
  }

  @Override
  public JsonNode schema() {
    return schema.deepCopy();
  }

  @Override
  public T parse(JsonNode json) {
    List<String> violations = compiled.validate(json);
    if (!violations.isEmpty()) {
      throw new IllegalArgumentException(
          "the answer does not match the output schema: " + String.join("; ", violations));
    }
    T value;
    try {
      value = binder.apply(json);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("the answer does not bind: " + e.getMessage(), e);
    }
    if (value == null) {
      throw new IllegalArgumentException("the answer bound to null");
    }
    return value;
  }

  @Override
  public String toString() {
    return "OutputType" + schema;
  }
}
