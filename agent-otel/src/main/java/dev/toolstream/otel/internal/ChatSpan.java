package dev.toolstream.otel.internal;

import dev.toolstream.agent.AgentObserver;
import dev.toolstream.messages.Message;
import dev.toolstream.messages.MessageRequest;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A model call's {@code chat} span: its request, retries and stream happen inside it. Used by the
 * run's thread only.
 */
final class ChatSpan implements AgentObserver.ModelCall {
  private final Instruments instruments;
  private final RunSpan run;
  private final Span span;
  private final Context context;
  private final long startNanos = System.nanoTime();
  private long firstChunkNanos = -1;

  ChatSpan(Instruments instruments, RunSpan run, Context parent, int turn, MessageRequest request) {
    this.instruments = instruments;
    this.run = run;
    SpanBuilder builder =
        instruments
            .tracer
            .spanBuilder("chat " + request.model())
            .setParent(parent)
            .setSpanKind(SpanKind.CLIENT)
            .setAllAttributes(run.common)
            .setAllAttributes(run.spanOnly)
            .setAttribute(GenAi.OPERATION_NAME, "chat")
            .setAttribute(GenAi.REQUEST_STREAM, true)
            .setAttribute(GenAi.TURN, (long) turn);
    Requests.parameters(builder, request);
    Content content = instruments.content;
    if (content.captured()) {
      if (!request.system().isEmpty()) {
        builder.setAttribute(
            GenAi.SYSTEM_INSTRUCTIONS, content.systemInstructions(request.system()));
      }
      builder.setAttribute(GenAi.INPUT_MESSAGES, content.inputMessages(request.messages()));
    }
    this.span = builder.startSpan();
    this.context = parent.with(span);
  }

  @Override
  public AgentObserver.Scope enter() {
    return context.makeCurrent()::close;
  }

  @Override
  public void firstChunk() {
    firstChunkNanos = System.nanoTime();
  }

  @Override
  public void ended(@Nullable Message message, @Nullable Throwable failure) {
    AttributesBuilder metric = run.common.toBuilder().put(GenAi.OPERATION_NAME, "chat");
    if (firstChunkNanos >= 0) {
      double seconds = (firstChunkNanos - startNanos) / 1e9;
      span.setAttribute(GenAi.RESPONSE_TIME_TO_FIRST_CHUNK, seconds);
    }
    if (message != null) {
      metric.put(GenAi.RESPONSE_MODEL, message.model());
      span.setAttribute(GenAi.RESPONSE_ID, message.id());
      span.setAttribute(GenAi.RESPONSE_MODEL, message.model());
      if (message.stopReason() != null) {
        span.setAttribute(GenAi.RESPONSE_FINISH_REASONS, List.of(message.stopReason().value()));
      }
      Requests.usage(span, message.usage());
      if (instruments.content.captured()) {
        span.setAttribute(GenAi.OUTPUT_MESSAGES, instruments.content.outputMessages(message));
      }
    }
    if (failure != null) {
      String type = ErrorTypes.of(failure);
      metric.put(GenAi.ERROR_TYPE, type);
      Failures.record(span, type, failure);
    }
    Attributes attributes = metric.build();
    if (firstChunkNanos >= 0) {
      instruments.timeToFirstChunk.record(
          (firstChunkNanos - startNanos) / 1e9, attributes, context);
    }
    if (message != null) {
      instruments.tokenUsage.record(
          Requests.inputTokens(message.usage()),
          attributes.toBuilder().put(GenAi.TOKEN_TYPE, "input").build(),
          context);
      instruments.tokenUsage.record(
          message.usage().outputTokens(),
          attributes.toBuilder().put(GenAi.TOKEN_TYPE, "output").build(),
          context);
    }
    instruments.operationDuration.record(
        (System.nanoTime() - startNanos) / 1e9, attributes, context);
    span.end();
  }
}
