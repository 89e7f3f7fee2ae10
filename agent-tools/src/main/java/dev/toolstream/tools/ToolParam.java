package dev.toolstream.tools;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Describes one property of a tool's input: a parameter of a {@link Tool} method, or a field or
 * record component of a type used in one.
 *
 * <p>A property is required unless it is an {@code Optional}, has a {@link #defaultValue()}, is
 * marked {@code required = false}, or (for fields and record components) is annotated with an
 * annotation named {@code Nullable}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.FIELD, ElementType.RECORD_COMPONENT})
public @interface ToolParam {
  /**
   * Returns the property's name in the input JSON; empty means the Java name. A method parameter
   * needs one unless the code is compiled with {@code -parameters}.
   */
  String name() default "";

  /** Returns what the property means, for the model; empty means none. */
  String description() default "";

  /**
   * Returns whether the model must send the property. Ignored (the property is optional) when a
   * {@link #defaultValue()} is given or the type is {@code Optional}.
   */
  boolean required() default true;

  /**
   * Returns the value used when the model leaves the property out, as a JSON literal ({@code 3},
   * {@code true}, {@code ["a","b"]}, {@code {"x":1}}) or, for properties whose schema is a string,
   * plain text ({@code celsius}). Empty means no default. The default is shown to the model as the
   * schema's {@code default} and checked against the property's type at registration.
   */
  String defaultValue() default "";
}
