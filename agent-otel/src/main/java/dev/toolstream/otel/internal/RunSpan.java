package dev.toolstream.otel.internal;

import dev.toolstream.agent.AgentException;
import dev.toolstream.agent.AgentObserver;
import dev.toolstream.agent.AgentResult;
import dev.toolstream.agent.ToolSpec;
import dev.toolstream.messages.ContentBlock;
import dev.toolstream.messages.MessageRequest;
import dev.toolstream.messages.Usage;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import java.net.URI;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A run's {@code invoke_agent} span, the parent of its {@code chat} and {@code execute_tool} spans.
 * Started on the caller's thread, so it nests under what is current there.
 */
public final class RunSpan implements AgentObserver.Run {
  private final Instruments instruments;
  private final Span span;
  private final Context context;

  /** The attributes every span and metric of the run shares: operation aside. */
  final Attributes common;

  /** What the spans add to {@link #common}: the conversation, too many values for a metric. */
  final Attributes spanOnly;

  private final long startNanos = System.nanoTime();

  /** Starts the span of the run {@code runId}, sent to {@code baseUrl} from {@code template}. */
  public RunSpan(Instruments instruments, String runId, MessageRequest template, String baseUrl) {
    this.instruments = instruments;
    Context parent = Context.current();
    AttributesBuilder common =
        Attributes.builder()
            .put(GenAi.PROVIDER_NAME, GenAi.ANTHROPIC)
            .put(GenAi.REQUEST_MODEL, template.model());
    server(common, baseUrl);
    this.common = common.build();
    String conversation = parent.get(Conversation.KEY);
    this.spanOnly =
        conversation == null
            ? Attributes.empty()
            : Attributes.of(GenAi.CONVERSATION_ID, conversation);
    String name = instruments.agentName;
    SpanBuilder builder =
        instruments
            .tracer
            .spanBuilder(name == null ? "invoke_agent" : "invoke_agent " + name)
            .setParent(parent)
            .setSpanKind(SpanKind.INTERNAL)
            .setAllAttributes(this.common)
            .setAllAttributes(spanOnly)
            .setAttribute(GenAi.OPERATION_NAME, "invoke_agent")
            .setAttribute(GenAi.RUN_ID, runId);
    if (name != null) {
      builder.setAttribute(GenAi.AGENT_NAME, name);
    }
    Requests.parameters(builder, template);
    if (instruments.content.captured() && !template.system().isEmpty()) {
      builder.setAttribute(
          GenAi.SYSTEM_INSTRUCTIONS, instruments.content.systemInstructions(template.system()));
    }
    this.span = builder.startSpan();
    this.context = parent.with(span);
  }

  private static void server(AttributesBuilder attributes, String baseUrl) {
    URI uri = URI.create(baseUrl);
    if (uri.getHost() == null) {
      return;
    }
    int port = uri.getPort();
    if (port == -1) {
      port = "http".equalsIgnoreCase(uri.getScheme()) ? 80 : 443;
    }
    attributes.put(GenAi.SERVER_ADDRESS, uri.getHost()).put(GenAi.SERVER_PORT, (long) port);
  }

  @Override
  public AgentObserver.Scope enter() {
    return context.makeCurrent()::close;
  }

  @Override
  public AgentObserver.ModelCall modelCallStarted(int turn, MessageRequest request) {
    return new ChatSpan(instruments, this, context, turn, request);
  }

  @Override
  public AgentObserver.ToolCall toolCallStarted(
      int turn, ContentBlock.ToolUse call, @Nullable ToolSpec tool) {
    return new ToolSpan(instruments, context, turn, call, tool);
  }

  @Override
  public void ended(@Nullable AgentResult result, @Nullable AgentException failure) {
    AttributesBuilder metric = common.toBuilder().put(GenAi.OPERATION_NAME, "invoke_agent");
    if (result != null) {
      Usage usage = result.usage();
      Requests.usage(span, usage);
      if (result.finalMessage().stopReason() != null) {
        span.setAttribute(
            GenAi.RESPONSE_FINISH_REASONS, List.of(result.finalMessage().stopReason().value()));
      }
      if (instruments.content.captured()) {
        span.setAttribute(
            GenAi.OUTPUT_MESSAGES, instruments.content.outputMessages(result.finalMessage()));
      }
    }
    if (failure != null) {
      String type = ErrorTypes.of(failure);
      metric.put(GenAi.ERROR_TYPE, type);
      Failures.record(span, type, failure);
    }
    instruments.operationDuration.record(
        (System.nanoTime() - startNanos) / 1e9, metric.build(), context);
    span.end();
  }
}
