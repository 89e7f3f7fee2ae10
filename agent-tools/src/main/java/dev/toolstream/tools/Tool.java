package dev.toolstream.tools;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method as a tool the model can call. {@link AnnotatedTools} turns each such method into
 * one {@link dev.toolstream.agent.ToolSpec}: its parameters become the properties of the input
 * schema and its return value becomes the {@code tool_result}.
 *
 * <pre>{@code
 * @Tool(description = "Returns the current weather in a city.")
 * Weather get_weather(@ToolParam(description = "City name, such as Lisbon") String city) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Tool {
  /**
   * Names the tool for the model.
   *
   * @return the name the model calls the tool by, matching {@code ^[a-zA-Z0-9_-]{1,64}$}; empty
   *     (the default) means the method's name
   */
  String name() default "";

  /**
   * Tells the model what the tool does and when to use it; the model reads this to decide.
   *
   * @return the description sent with the tool; required, and a blank one is rejected at
   *     registration
   */
  String description();
}
