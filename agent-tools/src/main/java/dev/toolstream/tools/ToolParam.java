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
   * Names the property in the input JSON. A method parameter needs a name here unless the code is
   * compiled with {@code -parameters}.
   *
   * @return the property's JSON name; empty (the default) means the Java name
   */
  String name() default "";

  /**
   * Tells the model what the property means.
   *
   * @return the property's description in the schema; empty (the default) means none
   */
  String description() default "";

  /**
   * Says whether the model must send the property. Ignored (the property is optional) when a
   * {@link #defaultValue()} is given or the type is {@code Optional}.
   *
   * @return {@code true} (the default) if the property is listed in the schema's {@code required}
   */
  boolean required() default true;

  /**
   * Gives the value used when the model leaves the property out. The default is shown to the model
   * as the schema's {@code default} and checked at registration: it must bind to the property's
   * type and be valid against the property's schema (an object default must hold every required
   * property of its type, though binding alone would fill the rest with Java's defaults).
   *
   * @return a JSON literal ({@code 3}, {@code true}, {@code ["a","b"]}, {@code {"x":1}}) or, for
   *     properties whose schema is a string, plain text ({@code celsius}); empty (the default)
   *     means no default
   */
  String defaultValue() default "";
}
