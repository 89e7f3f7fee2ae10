package dev.toolstream.messages;

import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * How the model shapes its answer: the request's {@code output_config}. Its {@code format} holds
 * the answer to a JSON Schema (structured output), and its {@code effort} says how many tokens the
 * model may spend, on thinking, text and tool calls alike.
 *
 * <pre>{@code
 * OutputConfig config = OutputConfig.jsonSchema(schema).withEffort(OutputConfig.Effort.LOW);
 * }</pre>
 *
 * <p>On the wire: {@code {"effort": "low", "format": {"type": "json_schema", "schema": {...}}}},
 * each part only when set.
 *
 * @param schema the JSON Schema the answer's text must match, sent as {@code format}; null for free
 *     text
 * @param effort how much effort the model spends, or null for the API's default ({@code high})
 */
public record OutputConfig(@Nullable JsonNode schema, @Nullable Effort effort) {

  /**
   * Asks for an answer that is one JSON value matching {@code schema}.
   *
   * @param schema a JSON Schema in the subset structured outputs support (see the API's "JSON
   *     Schema limitations"); the API rejects others with a 400
   * @return settings with that format and no effort
   */
  public static OutputConfig jsonSchema(JsonNode schema) {
    return new OutputConfig(Objects.requireNonNull(schema, "schema == null"), null);
  }

  /**
   * Returns these settings with another format.
   *
   * @param schema the JSON Schema of the answer, or null for free text
   * @return a copy with that schema and this effort
   */
  public OutputConfig withSchema(@Nullable JsonNode schema) {
    return new OutputConfig(schema, effort);
  }

  /**
   * Returns these settings with another effort.
   *
   * @param effort such as {@link Effort#LOW}, or null for the API's default
   * @return a copy with that effort and this schema
   */
  public OutputConfig withEffort(@Nullable Effort effort) {
    return new OutputConfig(schema, effort);
  }

  /**
   * How eager the model is to spend tokens: lower is faster and cheaper, higher is more thorough.
   * Values the library does not know yet can be sent with {@link #of(String)}.
   *
   * @param value the wire value, such as {@code medium}
   */
  public record Effort(String value) {
    /** The fewest tokens: quick, simple answers. */
    public static final Effort LOW = new Effort("low");

    /** Fewer tokens than the default, for most everyday tasks. */
    public static final Effort MEDIUM = new Effort("medium");

    /** The API's default when no effort is sent. */
    public static final Effort HIGH = new Effort("high");

    /** More than {@code high}, on the models that offer it. */
    public static final Effort XHIGH = new Effort("xhigh");

    /** No limit on effort, on the models that offer it. */
    public static final Effort MAX = new Effort("max");

    /**
     * Checks the value is present; it is not checked against the API's list.
     *
     * @param value the wire value, not null
     */
    public Effort {
      Objects.requireNonNull(value, "value == null");
    }

    /**
     * Names an effort level, known or not.
     *
     * @param value the wire value, such as {@code low}
     * @return the constant for a known value, otherwise a new effort holding the value
     */
    public static Effort of(String value) {
      switch (value) {
        case "low":
          return LOW;
        case "medium":
          return MEDIUM;
        case "high":
          return HIGH;
        case "xhigh":
          return XHIGH;
        case "max":
          return MAX;
        default:
          return new Effort(value);
      }
    }

    @Override
    public String toString() {
      return value;
    }
  }
}
