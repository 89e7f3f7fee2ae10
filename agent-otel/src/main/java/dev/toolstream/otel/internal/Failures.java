package dev.toolstream.otel.internal;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;

/** Records a failure on a span as the conventions' "Recording Errors" asks. */
final class Failures {
  private Failures() {}

  /** Sets {@code error.type}, the error status with the failure's message, and the exception. */
  static void record(Span span, String type, Throwable failure) {
    Throwable cause = ErrorTypes.cause(failure);
    span.setAttribute(GenAi.ERROR_TYPE, type);
    span.setStatus(StatusCode.ERROR, String.valueOf(failure.getMessage()));
    span.recordException(cause);
  }
}
