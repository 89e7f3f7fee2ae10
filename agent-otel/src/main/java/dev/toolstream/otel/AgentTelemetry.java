package dev.toolstream.otel;

import dev.toolstream.agent.AgentObserver;
import dev.toolstream.messages.MessageRequest;
import dev.toolstream.otel.internal.Content;
import dev.toolstream.otel.internal.Conversation;
import dev.toolstream.otel.internal.Instruments;
import dev.toolstream.otel.internal.RunSpan;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.context.Context;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Traces an agent's runs, model calls and tool calls, and records its token usage and durations, to
 * the OpenTelemetry GenAI semantic conventions. Give it to {@code Agent.Builder.observer}:
 *
 * <pre>{@code
 * Agent agent = Agent.builder()
 *     .client(MessagesClient.fromEnv())
 *     .model("claude-sonnet-4-6")
 *     .observer(AgentTelemetry.create(openTelemetry))
 *     .build();
 * }</pre>
 *
 * <p>Each run is an {@code invoke_agent} span, a child of the span current where {@code run} or
 * {@code runAsync} is called. Under it, each call of the model is a {@code chat {model}} span (its
 * request, retries and stream inside it) and each tool call an {@code execute_tool {tool}} span,
 * current on the handler's thread while the handler runs, so that spans the handler starts nest
 * under it. A failure sets {@code error.type} ({@code cancelled}, {@code timeout}, the API's error
 * type such as {@code overloaded_error}, the tool outcome such as {@code schema_violation}, or an
 * exception's class name), the error status, and records the exception.
 *
 * <p>Metrics: {@code gen_ai.client.token.usage}, {@code gen_ai.client.operation.duration} and
 * {@code gen_ai.client.operation.time_to_first_chunk} as the conventions define them, and {@code
 * toolstream.tool.call.duration} and {@code toolstream.tool.call.errors} for tool calls.
 *
 * <p>Prompts, answers, tool arguments and results are recorded only when {@link
 * Builder#captureContent(boolean)} asks for them. The API key never is.
 *
 * <p>Without an SDK ({@link OpenTelemetry#noop()}, or {@code GlobalOpenTelemetry} never set) it
 * starts no span and records nothing: an agent pays nothing for it.
 *
 * <p>Thread-safe; one instance can observe any number of agents and runs.
 */
public final class AgentTelemetry implements AgentObserver {
  private final Builder settings;
  private final Instruments instruments;

  /** Whether the OpenTelemetry given is the no-op one, which nothing is worth computing for. */
  private final boolean off;

  private AgentTelemetry(Builder settings, Instruments instruments, boolean off) {
    this.settings = settings;
    this.instruments = instruments;
    this.off = off;
  }

  /**
   * Returns telemetry on {@code openTelemetry} that records no content.
   *
   * @param openTelemetry the application's OpenTelemetry, such as the SDK's autoconfigured one or
   *     {@code GlobalOpenTelemetry.get()}
   * @return the observer to give {@code Agent.Builder.observer}
   */
  public static AgentTelemetry create(OpenTelemetry openTelemetry) {
    return builder(openTelemetry).build();
  }

  /**
   * Starts configuring telemetry on {@code openTelemetry}.
   *
   * @param openTelemetry the application's OpenTelemetry
   * @return a builder that records no content unless told to
   */
  public static Builder builder(OpenTelemetry openTelemetry) {
    return new Builder(openTelemetry);
  }

  /**
   * Makes {@code conversationId} the {@code gen_ai.conversation.id} of the runs started on this
   * thread until the returned scope is closed, and of their spans.
   *
   * <pre>{@code
   * try (Scope conversation = AgentTelemetry.conversation(session.id())) {
   *   agent.run(history);
   * }
   * }</pre>
   *
   * @param conversationId the application's id of the conversation (session, thread)
   * @return a scope to close on this thread
   */
  public static io.opentelemetry.context.Scope conversation(String conversationId) {
    Objects.requireNonNull(conversationId, "conversationId == null");
    return Context.current().with(Conversation.KEY, conversationId).makeCurrent();
  }

  /**
   * Returns telemetry like this one (its OpenTelemetry, its content settings) for the agent named
   * {@code agentName}: its runs' spans are {@code invoke_agent {agentName}} with {@code
   * gen_ai.agent.name}, so that several agents' runs can be told apart. This one is unchanged.
   *
   * @param agentName such as {@code support}
   * @return the observer to give that agent's {@code Agent.Builder.observer}
   */
  public AgentTelemetry forAgent(String agentName) {
    return settings.copy().agentName(agentName).build();
  }

  /**
   * Starts the run's {@code invoke_agent} span, a child of the span current on this thread; see
   * {@link AgentObserver#runStarted}. With the no-op OpenTelemetry (no SDK configured) it observes
   * nothing, at no cost.
   */
  @Override
  public Run runStarted(String runId, MessageRequest template, String baseUrl) {
    return off ? Run.NONE : new RunSpan(instruments, runId, template, baseUrl);
  }

  /** Configures an {@link AgentTelemetry}. Not thread-safe. */
  public static final class Builder {
    private final OpenTelemetry openTelemetry;
    private boolean captureContent;
    private int maxContentLength = 16_384;
    private @Nullable String agentName;

    private Builder(OpenTelemetry openTelemetry) {
      this.openTelemetry = Objects.requireNonNull(openTelemetry, "openTelemetry == null");
    }

    /**
     * Records prompts, answers, tool arguments and tool results on the spans ({@code
     * gen_ai.system_instructions}, {@code gen_ai.input.messages}, {@code gen_ai.output.messages},
     * {@code gen_ai.tool.call.arguments}, {@code gen_ai.tool.call.result}), as JSON strings, and
     * the text of an error result that is content (an error the tool returned, input that is not
     * JSON, a person's reason for a denial) as the tool span's status description. Off unless
     * set: they may hold personal data.
     *
     * @param captureContent true to record them
     * @return this builder
     */
    public Builder captureContent(boolean captureContent) {
      this.captureContent = captureContent;
      return this;
    }

    /**
     * Cuts each recorded content attribute to a number of characters.
     *
     * @param maxContentLength the most characters of one value, at least 1; 16,384 unless set
     * @return this builder
     * @throws IllegalArgumentException if {@code maxContentLength} is less than 1
     */
    public Builder maxContentLength(int maxContentLength) {
      if (maxContentLength < 1) {
        throw new IllegalArgumentException(
            "maxContentLength must be at least 1, was " + maxContentLength);
      }
      this.maxContentLength = maxContentLength;
      return this;
    }

    /**
     * Names the agent: {@code gen_ai.agent.name}, and the run span's name {@code invoke_agent
     * {name}}.
     *
     * @param agentName such as {@code weather-agent}
     * @return this builder
     */
    public Builder agentName(String agentName) {
      this.agentName = Objects.requireNonNull(agentName, "agentName == null");
      return this;
    }

    /**
     * Makes the telemetry, with its tracer and instruments.
     *
     * @return the observer to give {@code Agent.Builder.observer}
     */
    public AgentTelemetry build() {
      String version = AgentTelemetry.class.getPackage().getImplementationVersion();
      boolean off =
          openTelemetry.getTracerProvider() == TracerProvider.noop()
              && openTelemetry.getMeterProvider() == MeterProvider.noop();
      return new AgentTelemetry(
          copy(),
          new Instruments(
              openTelemetry, version, new Content(captureContent, maxContentLength), agentName),
          off);
    }

    /** Returns a builder holding these settings, which changing leaves this one as it is. */
    private Builder copy() {
      Builder copy = new Builder(openTelemetry);
      copy.captureContent = captureContent;
      copy.maxContentLength = maxContentLength;
      copy.agentName = agentName;
      return copy;
    }
  }
}
