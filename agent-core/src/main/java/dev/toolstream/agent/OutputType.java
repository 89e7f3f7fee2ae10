package dev.toolstream.agent;

import dev.toolstream.errors.OutputMismatchException;
import dev.toolstream.messages.Message;
import dev.toolstream.messages.MessageRequest;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * A type the model's answer is read into (structured output): the JSON Schema sent as the request's
 * {@code output_config.format}, and the way from the answer's JSON to a value.
 *
 * <p>Make one from a Java class with {@code OutputSchemas.of(Weather.class)} (agent-tools), from a
 * schema you wrote with {@link #json(JsonNode)}, or from a schema and a binder with {@link
 * #of(JsonNode, Function)}. Give it to {@code Agent.Builder.output(...)} and read the run's answer
 * with {@code AgentResult.output(type)}, or send {@link #schema()} with {@link
 * MessageRequest.Builder#outputSchema(JsonNode)} and {@link #read(Message)} the reply.
 *
 * <p>Implementations are immutable and thread-safe.
 *
 * @param <T> the Java type of the answer
 */
public interface OutputType<T> {

  /**
   * Gives the JSON Schema the answer must match.
   *
   * @return the schema, an object schema in the subset structured outputs support; not to be
   *     changed
   */
  JsonNode schema();

  /**
   * Turns the answer's JSON into a value.
   *
   * @param json the answer as parsed JSON
   * @return the value, not null
   * @throws IllegalArgumentException saying what does not fit, if {@code json} does not match the
   *     schema or does not bind to {@code T}
   */
  T parse(JsonNode json);

  /**
   * Reads a reply's answer: its text, parsed as JSON, then {@linkplain #parse(JsonNode) parsed}
   * into a value.
   *
   * @param message the model's reply, usually the last of a run
   * @return the value the answer holds
   * @throws OutputMismatchException if the model refused, stopped at {@code max_tokens}, wrote no
   *     text or text that is not JSON, or JSON that does not fit; the message says which and where
   */
  default T read(Message message) {
    return OutputReader.read(this, message);
  }

  /**
   * Makes an output type for a schema written by hand, whose answer is kept as JSON. The schema is
   * checked now and compiled once; each answer is validated against it.
   *
   * @param schema an object schema in the subset structured outputs support
   * @return a type whose values are the answer's JSON, checked against {@code schema}
   * @throws IllegalArgumentException if {@code schema} is not a valid JSON Schema for an object, or
   *     uses what structured outputs do not support (the message names each place)
   */
  static OutputType<JsonNode> json(JsonNode schema) {
    return new SchemaOutputType<>(schema, json -> json);
  }

  /**
   * Makes an output type from a schema and a binder, such as a Jackson reader for a class. The
   * schema is checked now and compiled once; each answer is validated against it before {@code
   * binder} runs.
   *
   * @param schema an object schema in the subset structured outputs support
   * @param binder turns JSON that matches the schema into a value; an exception it throws is
   *     reported as the answer not fitting
   * @param <T> the Java type of the answer
   * @return the output type
   * @throws IllegalArgumentException if {@code schema} is not a valid JSON Schema for an object, or
   *     uses what structured outputs do not support (the message names each place)
   */
  static <T> OutputType<T> of(JsonNode schema, Function<? super JsonNode, ? extends T> binder) {
    return new SchemaOutputType<>(schema, binder);
  }
}
