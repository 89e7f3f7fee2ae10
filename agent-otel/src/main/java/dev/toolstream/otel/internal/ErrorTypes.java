package dev.toolstream.otel.internal;

import dev.toolstream.agent.AgentCancelledException;
import dev.toolstream.agent.AgentException;
import dev.toolstream.agent.AgentObserver;
import dev.toolstream.errors.ApiException;
import dev.toolstream.errors.ApiTimeoutException;
import dev.toolstream.errors.RequestCancelledException;
import org.jspecify.annotations.Nullable;

/**
 * The {@code error.type} of a failure, low in cardinality as the conventions ask: {@code
 * cancelled}, {@code timeout}, the API's error type (such as {@code overloaded_error}), or the
 * exception's class name.
 */
public final class ErrorTypes {
  /** A run, model call or tool call stopped because the run was cancelled. */
  public static final String CANCELLED = "cancelled";

  /** A deadline passed: the client's, or a tool's timeout. */
  public static final String TIMEOUT = "timeout";

  private ErrorTypes() {}

  /** Returns what went wrong at the bottom of {@code failure}, the exception to record. */
  static Throwable cause(Throwable failure) {
    if (failure instanceof AgentException && !(failure instanceof AgentCancelledException)) {
      Throwable cause = failure.getCause();
      if (cause != null) {
        return cause;
      }
    }
    return failure;
  }

  /** Returns the {@code error.type} of a run's or a model call's failure. */
  static String of(Throwable failure) {
    if (failure instanceof AgentCancelledException
        || failure instanceof RequestCancelledException) {
      return CANCELLED;
    }
    Throwable cause = cause(failure);
    if (cause instanceof RequestCancelledException) {
      return CANCELLED;
    }
    if (cause instanceof ApiTimeoutException) {
      return TIMEOUT;
    }
    if (cause instanceof ApiException api) {
      return api.errorType().isEmpty() ? Integer.toString(api.status()) : api.errorType();
    }
    return cause.getClass().getName();
  }

  /** Returns the {@code error.type} of a tool call's outcome; null for a success. */
  static @Nullable String of(AgentObserver.ToolOutcome outcome, @Nullable Throwable failure) {
    switch (outcome) {
      case SUCCEEDED:
        return null;
      case RETURNED_ERROR:
        return "tool_error";
      case THREW:
        return failure == null ? "_OTHER" : failure.getClass().getName();
      case TIMED_OUT:
        return TIMEOUT;
      case CANCELLED:
        return CANCELLED;
      case UNKNOWN_TOOL:
        return "unknown_tool";
      case INVALID_JSON:
        return "invalid_json";
      case SCHEMA_VIOLATION:
        return "schema_violation";
      case DENIED:
        return "tool_denied";
      case INTERRUPTED:
        return "tool_interrupted";
      default:
        return "_OTHER";
    }
  }
}
