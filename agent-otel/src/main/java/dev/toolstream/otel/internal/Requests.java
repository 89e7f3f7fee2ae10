package dev.toolstream.otel.internal;

import dev.toolstream.messages.MessageRequest;
import dev.toolstream.messages.Usage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;

/** Puts a request's parameters and a reply's usage on a span, as the conventions name them. */
final class Requests {
  private Requests() {}

  /** Sets the request parameters the request has: max tokens always, the others when set. */
  static void parameters(SpanBuilder span, MessageRequest request) {
    span.setAttribute(GenAi.REQUEST_MAX_TOKENS, (long) request.maxTokens());
    if (request.temperature() != null) {
      span.setAttribute(GenAi.REQUEST_TEMPERATURE, request.temperature());
    }
    if (request.topP() != null) {
      span.setAttribute(GenAi.REQUEST_TOP_P, request.topP());
    }
    if (request.topK() != null) {
      span.setAttribute(GenAi.REQUEST_TOP_K, request.topK().doubleValue());
    }
    if (!request.stopSequences().isEmpty()) {
      span.setAttribute(GenAi.REQUEST_STOP_SEQUENCES, request.stopSequences());
    }
    if (request.outputConfig() != null && request.outputConfig().schema() != null) {
      span.setAttribute(GenAi.OUTPUT_TYPE, "json");
    }
  }

  /**
   * Sets the usage counts. Anthropic's {@code input_tokens} leaves out the cache's, which the
   * conventions count in: {@code gen_ai.usage.input_tokens} is the sum of the three.
   */
  static void usage(Span span, Usage usage) {
    span.setAttribute(GenAi.USAGE_INPUT_TOKENS, inputTokens(usage));
    span.setAttribute(GenAi.USAGE_OUTPUT_TOKENS, usage.outputTokens());
    span.setAttribute(GenAi.USAGE_CACHE_READ_INPUT_TOKENS, usage.cacheReadInputTokens());
    span.setAttribute(GenAi.USAGE_CACHE_CREATION_INPUT_TOKENS, usage.cacheCreationInputTokens());
  }

  /** Returns the input tokens as the conventions count them: cached ones included. */
  static long inputTokens(Usage usage) {
    return usage.inputTokens() + usage.cacheReadInputTokens() + usage.cacheCreationInputTokens();
  }
}
