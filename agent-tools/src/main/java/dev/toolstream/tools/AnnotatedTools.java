package dev.toolstream.tools;

import dev.toolstream.agent.ToolSpec;
import dev.toolstream.tools.internal.ToolSpecFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Turns {@link Tool} methods into {@link ToolSpec}s for an agent.
 *
 * <pre>{@code
 * List<ToolSpec> tools = AnnotatedTools.from(new WeatherTools(http));
 * List<ToolSpec> math = AnnotatedTools.fromClass(MathTools.class); // static methods
 * List<ToolSpec> all = AnnotatedTools.fromAll(new WeatherTools(http), MathTools.class);
 * }</pre>
 *
 * <p>Everything is checked and prepared at registration: names, descriptions, parameter names,
 * supported types, defaults (each must bind to its type and be valid against its own part of the
 * schema); the schema is derived and compiled, and one Jackson reader made per
 * parameter. Any problem fails registration with an {@link IllegalArgumentException} that names the
 * method, the parameter and the fix. The returned specs are immutable and thread-safe; a call runs
 * the method on the caller's thread (the agent's tool executor).
 *
 * <h2>The schema</h2>
 *
 * <p>An object whose properties are the method's parameters, in order, named by {@code -parameters}
 * or {@link ToolParam#name()}; a {@code ToolContext} parameter is injected and never appears.
 * {@code additionalProperties} is false on it and on every object generated for records and POJOs.
 * Types map as: {@code String}/{@code char} to string; {@code boolean}; integral types and {@code
 * BigInteger} to integer; floating types and {@code BigDecimal} to number; {@code UUID} to string
 * with format uuid; enums to their Jackson names ({@code @JsonProperty}, {@code @JsonValue});
 * arrays and collections to array; {@code Map<String, V>} to an object whose {@code
 * additionalProperties} is V; {@code LocalDate} to format date, {@code Instant}/{@code
 * OffsetDateTime}/{@code ZonedDateTime} to date-time, {@code OffsetTime} to time ({@code
 * LocalDateTime} and {@code LocalTime} are plain strings: they have no offset), {@code Duration}
 * and {@code Period} to strings with a {@code pattern} of what their {@code parse} reads ({@code
 * "PT1M30S"}, {@code "P2W"}; format duration would allow what they refuse), {@code YearMonth} and
 * {@code MonthDay} to strings ({@code "2025-03"}, {@code "--03-14"}), {@code Year} to integer;
 * {@code Optional<T>} as a parameter's or field's own type to T, not required (inside a
 * container, such as {@code List<Optional<T>>}, it fails registration); records and POJOs to
 * nested objects; types used twice or recursively to {@code $defs}; sealed types and
 * {@code @JsonSubTypes} to {@code anyOf} of their subtypes (a sealed type needs
 * {@code @JsonTypeInfo}). Descriptions come from {@link ToolParam#description()}, then Jackson's
 * {@code @JsonPropertyDescription} and {@code @JsonClassDescription}.
 *
 * <p>With {@link Tool#strict()}, the schema stays within the JSON Schema subset strict mode
 * supports (a byte loses its range; binding still checks it), and a type that needs more, such as
 * a {@code Map} or a recursive type, fails registration naming the property. The same schema, for
 * a whole class, is what {@link OutputSchemas#of(Class)} makes the type of a structured answer.
 *
 * <h2>Binding: the coercion policy</h2>
 *
 * <p>The agent validates the input against the schema before the handler runs, so binding only has
 * to be faithful, and it is strict where the schema is, so that a direct call that skipped
 * validation fails the same way:
 *
 * <ul>
 *   <li>Each property is bound by Jackson 3 to the parameter's exact generic type ({@code
 *       List<Point>}, {@code Map<String, Integer>}, {@code Optional<LocalDate>}).
 *   <li>No scalar coercion: {@code "42"} does not become an {@code int}, {@code 1} does not become
 *       a {@code boolean}, an enum is not read from its index. An integer binds to a floating type
 *       ({@code 2} to {@code 2.0}); a whole-valued number such as {@code 3.0}, which JSON Schema
 *       calls an integer, binds to an integral type.
 *   <li>An absent property with a {@link ToolParam#defaultValue()} binds to the default; defaults
 *       on fields of nested objects are filled in the same way (not inside {@code anyOf} branches).
 *   <li>An absent or {@code null} {@code Optional<T>} binds to {@code Optional.empty()}.
 *   <li>An absent non-required property without a default binds to {@code null}; registration
 *       rejects such a primitive parameter. An explicit {@code null} binds to {@code null} for a
 *       reference type and fails for a primitive.
 *   <li>An absent required property, an unknown property, or a value that does not fit its type
 *       fails the call with an {@link IllegalArgumentException} naming the parameter, which the
 *       agent returns to the model as an {@code is_error} result.
 * </ul>
 *
 * <h2>Results</h2>
 *
 * <ul>
 *   <li>A {@code String} (any {@code CharSequence}) is sent as text.
 *   <li>A {@code ToolOutput} is sent as it is: blocks, images, {@code is_error}.
 *   <li>Anything else (records, POJOs, collections, maps, numbers, booleans, enums, {@code
 *       JsonNode}) is sent as JSON text, written by Jackson.
 *   <li>A {@code void} method sends {@code done}.
 *   <li>{@code null}, or an empty {@code Optional}, sends {@code null}, as JSON would write it.
 *   <li>An exception thrown by the method propagates unwrapped; the agent sends its message as an
 *       {@code is_error} result.
 * </ul>
 */
public final class AnnotatedTools {
  private AnnotatedTools() {}

  /**
   * Returns a tool for each {@link Tool} method of {@code instance}'s class, its superclasses and
   * its interfaces (default methods, and abstract ones the class implements), instance and static
   * methods alike, sorted by name. An override needs no {@code @Tool} of its own; if it has one,
   * that one describes the tool.
   *
   * @param instance the object whose {@code @Tool} methods run; not a {@code Class} (use {@link
   *     #fromClass(Class)} for static methods)
   * @return an immutable list with one spec per tool method, never empty
   * @throws IllegalArgumentException if the class has no {@code @Tool} method, or one of them
   *     cannot be a tool
   */
  public static List<ToolSpec> from(Object instance) {
    Objects.requireNonNull(instance, "instance == null");
    if (instance instanceof Class<?> type) {
      throw new IllegalArgumentException(
          "from(...) takes an instance, not the class "
              + type.getName()
              + ": use fromClass("
              + type.getSimpleName()
              + ".class) for static methods");
    }
    return ToolSpecFactory.create(instance.getClass(), () -> instance);
  }

  /**
   * Returns a tool for each {@link Tool} method of {@code type}, as {@link #from(Object)} does, each
   * call running on the object {@code target} supplies when the call comes. For containers that
   * create the object later, or hand out a proxy of it: the tools are read from {@code type} now,
   * and every call invokes the method on what the supplier returns, so a proxy's advice (a
   * transaction, a security check) applies to it. Spring's class-based proxies are subclasses of
   * {@code type}, and qualify.
   *
   * <pre>{@code
   * List<ToolSpec> tools =
   *     AnnotatedTools.from(OrderTools.class, () -> context.getBean("orderTools", OrderTools.class));
   * }</pre>
   *
   * @param type the class whose {@code @Tool} methods, and those of its supertypes, become tools
   * @param target asked once per call, on the call's thread; it must return an instance of {@code
   *     type}, or the call fails with an {@link IllegalStateException} that the agent returns to
   *     the model as an error
   * @param <T> the type of the tools' object
   * @return an immutable list with one spec per tool method, never empty
   * @throws IllegalArgumentException if the class has no {@code @Tool} method, or one of them
   *     cannot be a tool
   */
  public static <T> List<ToolSpec> from(Class<T> type, Supplier<? extends T> target) {
    Objects.requireNonNull(type, "type == null");
    Objects.requireNonNull(target, "target == null");
    return ToolSpecFactory.create(type, target);
  }

  /**
   * Returns a tool for each static {@link Tool} method of {@code type}, sorted by name.
   *
   * @param type a class whose {@code @Tool} methods are all static
   * @return an immutable list with one spec per tool method, never empty
   * @throws IllegalArgumentException if the class has no {@code @Tool} method, one of them is not
   *     static, or one cannot be a tool
   */
  public static List<ToolSpec> fromClass(Class<?> type) {
    Objects.requireNonNull(type, "type == null");
    return ToolSpecFactory.create(type, null);
  }

  /**
   * Returns the tools of several sources as one list, in order: each source is an instance (as for
   * {@link #from(Object)}) or a {@code Class} (as for {@link #fromClass(Class)}).
   *
   * @param sources instances and classes, none of them null
   * @return an immutable list of every source's tools, in source order and by name within a
   *     source; empty when no source is given
   * @throws IllegalArgumentException if a source has no {@code @Tool} method, a method cannot be a
   *     tool, or two tools have the same name
   */
  public static List<ToolSpec> fromAll(Object... sources) {
    List<List<ToolSpec>> groups = new ArrayList<>(sources.length);
    for (Object source : sources) {
      Objects.requireNonNull(source, "source == null");
      groups.add(source instanceof Class<?> type ? fromClass(type) : from(source));
    }
    return ToolSpecFactory.checkNamesUnique(groups);
  }
}
