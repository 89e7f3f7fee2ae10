package dev.toolstream.tools;

import dev.toolstream.agent.OutputType;
import dev.toolstream.tools.internal.ClassOutputTypes;
import java.util.Objects;

/**
 * Turns a Java class into the {@link OutputType} of a structured answer: its JSON Schema, derived
 * by the generator {@link AnnotatedTools} uses, and a reader that binds the answer to the class.
 *
 * <pre>{@code
 * record Forecast(String city, List<Day> days) {}
 * OutputType<Forecast> forecast = OutputSchemas.of(Forecast.class);
 * Agent agent = Agent.builder()...output(forecast).build();
 * Forecast answer = agent.run("Plan my week in Lisbon").output(forecast);
 * }</pre>
 *
 * <p>The class is described as a tool parameter of its type would be (see {@link AnnotatedTools}
 * for the mapping: records and POJOs with their Jackson names, {@link ToolParam} and Jackson
 * descriptions, enums, lists, {@code java.time}, sealed types), within the JSON Schema subset
 * structured outputs support: {@code additionalProperties: false} on every object, components that
 * are {@code Optional} or {@code @Nullable} left out of {@code required}, and no bounds the API
 * does not take. Everything is derived, checked and compiled here, once; the type returned is
 * immutable and thread-safe.
 *
 * <p>An answer is read by checking it against the schema, then binding it with the same strict
 * Jackson mapper tools bind their input with (no coercion of scalars, no unknown properties); what
 * does not fit is reported as an {@link dev.toolstream.errors.OutputMismatchException} that says
 * where.
 */
public final class OutputSchemas {
  private OutputSchemas() {}

  /**
   * Returns the output type of {@code type}.
   *
   * @param type a record or a class with properties, whose JSON is an object
   * @param <T> the class
   * @return the output type: its schema and a reader into {@code type}
   * @throws IllegalArgumentException if the class is not described as a JSON object (a scalar, a
   *     collection or a map), or uses what structured outputs do not support (a {@code Map}
   *     property, a recursive type); the message names the class, the property and the fix
   */
  public static <T> OutputType<T> of(Class<T> type) {
    Objects.requireNonNull(type, "type == null");
    return ClassOutputTypes.of(type);
  }
}
