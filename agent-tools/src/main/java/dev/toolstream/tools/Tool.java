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

  /**
   * Asks the API to hold the model's input to the tool's schema ({@code "strict": true}), so the
   * input always parses and matches. The schema is then derived within the JSON Schema subset
   * strict mode supports; a parameter type that needs more (a {@code Map}, a recursive type) fails
   * registration, naming the property and the fix.
   *
   * @return true to make the tool strict; false (the default) sends no {@code strict} field
   */
  boolean strict() default false;

  /**
   * Asks for the tool's input to stream as the model writes it ({@code eager_input_streaming}),
   * unbuffered, so listeners see a large input grow sooner. The input may then end as invalid JSON;
   * the agent answers such a call with an error result and the method does not run.
   *
   * @return true to stream the input eagerly; false (the default) sends no such field
   */
  boolean eagerInputStreaming() default false;

  /**
   * Declares that running a call twice has the effect of running it once, so that a resumed run
   * may run again a call that started without a recorded result ({@link
   * dev.toolstream.agent.ToolSpec#idempotent()}). Leave it false for a method that sends, books
   * or pays.
   *
   * @return true if a repeated call does no harm; false (the default) otherwise
   */
  boolean idempotent() default false;

  /**
   * Makes every call wait for a person's decision before the method runs ({@link
   * dev.toolstream.agent.ToolSpec#requiresApproval()}): the run stops before the call, and a
   * denial reaches the model as an error result with the reason.
   *
   * @return true to ask a person first; false (the default) to run calls at once
   */
  boolean requiresApproval() default false;
}
