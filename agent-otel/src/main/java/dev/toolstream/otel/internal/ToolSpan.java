package dev.toolstream.otel.internal;

import dev.toolstream.agent.AgentObserver;
import dev.toolstream.agent.ToolExecution;
import dev.toolstream.agent.ToolSpec;
import dev.toolstream.messages.ContentBlock;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import org.jspecify.annotations.Nullable;

/**
 * A tool call's {@code execute_tool} span, current on the handler's thread while it runs. Started
 * and entered on the handler's thread; ended on whichever thread answers the call.
 */
final class ToolSpan implements AgentObserver.ToolCall {
  private final Instruments instruments;
  private final Span span;
  private final Context context;
  /** The tool's name for the metrics; null for a tool the agent does not have. */
  private final @Nullable String tool;

  ToolSpan(
      Instruments instruments,
      Context parent,
      int turn,
      ContentBlock.ToolUse call,
      @Nullable ToolSpec spec) {
    this.instruments = instruments;
    // A name the model made up would be a metric series of its own: outside input, unbounded.
    this.tool = spec == null ? null : call.name();
    SpanBuilder builder =
        instruments
            .tracer
            .spanBuilder("execute_tool " + call.name())
            .setParent(parent)
            .setSpanKind(SpanKind.INTERNAL)
            .setAttribute(GenAi.OPERATION_NAME, "execute_tool")
            .setAttribute(GenAi.TOOL_NAME, call.name())
            .setAttribute(GenAi.TOOL_CALL_ID, call.id())
            .setAttribute(GenAi.TOOL_TYPE, "function")
            .setAttribute(GenAi.TURN, (long) turn);
    if (spec != null) {
      builder.setAttribute(GenAi.TOOL_DESCRIPTION, spec.definition().description());
    }
    if (instruments.content.captured() && call.invalidInput() == null) {
      builder.setAttribute(GenAi.TOOL_CALL_ARGUMENTS, instruments.content.arguments(call));
    }
    this.span = builder.startSpan();
    this.context = parent.with(span);
  }

  @Override
  public AgentObserver.Scope enter() {
    return context.makeCurrent()::close;
  }

  @Override
  public void ended(
      ToolExecution execution, AgentObserver.ToolOutcome outcome, @Nullable Throwable failure) {
    String type = ErrorTypes.of(outcome, failure);
    var metric = Attributes.builder();
    if (tool != null) {
      metric.put(GenAi.TOOL_NAME, tool);
    }
    if (type == null) {
      if (instruments.content.captured()) {
        span.setAttribute(
            GenAi.TOOL_CALL_RESULT,
            instruments.content.truncate(Content.text(execution.result().content())));
      }
    } else {
      metric.put(GenAi.ERROR_TYPE, type);
      span.setAttribute(GenAi.ERROR_TYPE, type);
      span.setStatus(StatusCode.ERROR, description(execution, outcome));
      if (failure != null) {
        span.recordException(failure);
      }
      instruments.toolErrors.add(1, metric.build(), context);
    }
    instruments.toolDuration.record(execution.duration().toNanos() / 1e9, metric.build(), context);
    span.end();
  }

  /**
   * Returns the status description of a call the model got an error result for: the result's
   * text, which is content (and so needs {@code captureContent}) when the tool wrote it, when it
   * quotes the model's input, or when it is a person's reason for a denial.
   */
  private String description(ToolExecution execution, AgentObserver.ToolOutcome outcome) {
    boolean content =
        outcome == AgentObserver.ToolOutcome.RETURNED_ERROR
            || outcome == AgentObserver.ToolOutcome.INVALID_JSON
            || outcome == AgentObserver.ToolOutcome.DENIED;
    if (!content) {
      return execution.resultText();
    }
    return instruments.content.captured()
        ? instruments.content.truncate(execution.resultText())
        : "";
  }
}
