package dev.toolstream.agent;

import dev.toolstream.internal.schema.CompiledSchema;
import dev.toolstream.internal.schema.StrictSubset;
import dev.toolstream.messages.ToolDefinition;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A client tool the agent can run: its definition for the model, its compiled input schema and
 * its handler.
 *
 * <p>Build one with {@link #builder(String)}. The name and the schema are checked when it is
 * built, and the schema is compiled then, once; each call only validates against it. Instances
 * are immutable and safe to share between agents and threads.
 */
public final class ToolSpec {
  private static final Pattern NAME = Pattern.compile("^[a-zA-Z0-9_-]{1,64}$");

  private final ToolDefinition definition;
  private final ToolHandler handler;
  private final @Nullable Duration timeout;
  private final CompiledSchema schema;
  private final boolean idempotent;
  private final boolean requiresApproval;

  private ToolSpec(Builder builder) {
    this.definition =
        new ToolDefinition(
            builder.name,
            builder.description,
            builder.inputSchema,
            null,
            builder.strict,
            builder.eagerInputStreaming,
            java.util.Map.of());
    this.handler = builder.handler;
    this.timeout = builder.timeout;
    this.schema = CompiledSchema.compile(builder.name, builder.inputSchema);
    this.idempotent = builder.idempotent;
    this.requiresApproval = builder.requiresApproval;
  }

  /**
   * Starts defining a tool.
   *
   * @param name the name the model calls it by, matching {@code ^[a-zA-Z0-9_-]{1,64}$} (checked
   *     by {@link Builder#build()}) and unique within an agent
   * @return a builder that needs a description, an input schema and a handler
   */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /**
   * Names the tool, as the model calls it.
   *
   * @return the name given to {@link #builder(String)}
   */
  public String name() {
    return definition.name();
  }

  /**
   * Describes the tool as the model sees it in each request.
   *
   * @return the name, description and input schema, whether it is strict and eager, with no
   *     cache breakpoint
   */
  public ToolDefinition definition() {
    return definition;
  }

  /**
   * Gives the Java code that runs the tool, such as to call it directly in a test.
   *
   * @return the handler, which the agent calls only with input that passed {@link
   *     #validate(JsonNode)}
   */
  public ToolHandler handler() {
    return handler;
  }

  /**
   * Tells how long a call of this tool may run, if the tool says.
   *
   * @return the tool's own limit, or null to use the agent's {@link
   *     Agent.Builder#toolTimeout(Duration)}
   */
  public @Nullable Duration timeout() {
    return timeout;
  }

  /**
   * Tells whether running a call twice has the effect of running it once, such as a lookup or a
   * write of a fixed value. A resumed run ({@link Agent#resume(RunState, RunJournal,
   * AgentListener)}) runs such a call again when it had started without a recorded result;
   * any other such call is answered with an error saying it may or may not have taken effect.
   *
   * @return true if the tool was declared idempotent; false by default
   */
  public boolean idempotent() {
    return idempotent;
  }

  /**
   * Tells whether a person must allow each call before it runs. The run stops before such a call
   * and returns a result that {@linkplain AgentResult#isAwaitingApproval() awaits approval}; the
   * application records the decision on its {@linkplain AgentResult#paused() paused state} and
   * resumes it.
   *
   * @return true if each call needs approval; false by default
   */
  public boolean requiresApproval() {
    return requiresApproval;
  }

  /**
   * Checks {@code input} against the tool's schema.
   *
   * @param input the call's input, usually an object; any other JSON value is reported as a
   *     violation of the schema's {@code "type": "object"}
   * @return every violation, each naming the property path and the rule broken, such as {@code
   *     $.unit: does not have a value in the enumeration ["celsius", "fahrenheit"] (enum)}; empty
   *     when the input is valid
   */
  public List<String> validate(JsonNode input) {
    return schema.validate(input);
  }

  @Override
  public String toString() {
    return "ToolSpec{" + definition.name() + "}";
  }

  /** Builds a {@link ToolSpec}. */
  public static final class Builder {
    private final String name;
    private String description = "";
    private @Nullable JsonNode inputSchema;
    private @Nullable ToolHandler handler;
    private @Nullable Duration timeout;
    private boolean strict;
    private @Nullable Boolean eagerInputStreaming;
    private boolean idempotent;
    private boolean requiresApproval;

    private Builder(String name) {
      this.name = Objects.requireNonNull(name, "name == null");
    }

    /**
     * Tells the model what the tool does and when to use it. Required.
     *
     * @param description the text the model reads to choose the tool; not blank (checked by
     *     {@link #build()})
     * @return this builder
     */
    public Builder description(String description) {
      this.description = Objects.requireNonNull(description, "description == null");
      return this;
    }

    /**
     * Declares the input the tool takes. Required.
     *
     * @param inputSchema a JSON Schema (draft 2020-12) with {@code "type": "object"} at the top,
     *     compiled by {@link #build()}
     * @return this builder
     */
    public Builder inputSchema(JsonNode inputSchema) {
      this.inputSchema = Objects.requireNonNull(inputSchema, "inputSchema == null");
      return this;
    }

    /**
     * Gives the Java code that runs the tool. Required.
     *
     * @param handler called on a tool thread, never the run's, with input that passed the schema
     * @return this builder
     */
    public Builder handler(ToolHandler handler) {
      this.handler = Objects.requireNonNull(handler, "handler == null");
      return this;
    }

    /**
     * Gives this tool a time limit of its own, such as a longer one for a slow search.
     *
     * @param timeout the limit per call, positive; it overrides {@link
     *     Agent.Builder#toolTimeout(Duration)}
     * @return this builder
     * @throws IllegalArgumentException if {@code timeout} is zero or negative
     */
    public Builder timeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be positive, was " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    /**
     * Asks the API to hold the model's input to the schema ({@code "strict": true}): the input
     * then always parses and matches, so no call fails validation. The schema must stay in the
     * JSON Schema subset strict mode supports; {@link #build()} checks it.
     *
     * @param strict true to make the tool strict; false (the default) leaves the field out
     * @return this builder
     */
    public Builder strict(boolean strict) {
      this.strict = strict;
      return this;
    }

    /**
     * Asks for the tool's input to stream as the model writes it ({@code eager_input_streaming}),
     * without the API buffering it to check it is JSON: listeners see large inputs grow sooner,
     * but the input may end as invalid JSON, above all when {@code max_tokens} cuts it. The agent
     * answers such a call with an error result holding {@code {"INVALID_JSON": raw}}, and the
     * handler does not run.
     *
     * @param eagerInputStreaming true to stream eagerly, false to turn it off even under the old
     *     {@code fine-grained-tool-streaming} beta; unset leaves the field out
     * @return this builder
     */
    public Builder eagerInputStreaming(boolean eagerInputStreaming) {
      this.eagerInputStreaming = eagerInputStreaming;
      return this;
    }

    /**
     * Declares that running a call twice has the effect of running it once (a read, or a write
     * of a fixed value keyed by the call), so that a resumed run may run again a call that
     * started without a recorded result. Leave it false for a tool that sends, books or pays.
     *
     * @param idempotent true if a repeated call does no harm; false (the default) otherwise
     * @return this builder
     */
    public Builder idempotent(boolean idempotent) {
      this.idempotent = idempotent;
      return this;
    }

    /**
     * Makes every call of the tool wait for a person's decision before it runs: the run stops
     * before the call and returns a result that {@linkplain AgentResult#isAwaitingApproval()
     * awaits approval}; a denial goes to the model as an error result with the reason.
     *
     * @param requiresApproval true to ask a person first; false (the default) to run calls at once
     * @return this builder
     */
    public Builder requiresApproval(boolean requiresApproval) {
      this.requiresApproval = requiresApproval;
      return this;
    }

    /**
     * Checks the definition and compiles the schema, once.
     *
     * @return an immutable tool, safe to share between agents
     * @throws IllegalArgumentException if the name does not match {@code ^[a-zA-Z0-9_-]{1,64}$},
     *     the description is blank, the schema is not a valid JSON Schema for an object, or the
     *     tool is {@link #strict(boolean) strict} and the schema uses what strict mode does not
     *     support (the message names each place)
     * @throws IllegalStateException if the schema or the handler is missing
     */
    public ToolSpec build() {
      if (!NAME.matcher(name).matches()) {
        throw new IllegalArgumentException(
            "tool name \""
                + name
                + "\" is invalid: use 1 to 64 letters, digits, '_' or '-' (^[a-zA-Z0-9_-]{1,64}$)");
      }
      if (description.isBlank()) {
        throw new IllegalArgumentException(
            "tool \"" + name + "\" has no description: the model needs one to know when to call it");
      }
      if (inputSchema == null) {
        throw new IllegalStateException(
            "tool \"" + name + "\" has no input schema: call inputSchema(...)");
      }
      if (handler == null) {
        throw new IllegalStateException("tool \"" + name + "\" has no handler: call handler(...)");
      }
      List<String> notStrict = strict ? StrictSubset.problems(inputSchema) : List.of();
      if (!notStrict.isEmpty()) {
        throw new IllegalArgumentException(
            "tool \""
                + name
                + "\" cannot be strict, since strict mode does not support its whole schema: "
                + String.join("; ", notStrict)
                + ". Change the schema, or drop strict(true)");
      }
      return new ToolSpec(this);
    }
  }
}
