package dev.toolstream.errors;

import org.jspecify.annotations.Nullable;

/** The API answered 529 Overloaded: the API is busy; it was retried as configured. */
public final class OverloadedException extends ApiException {
  private static final long serialVersionUID = 1L;

  /** Returns the exception for a response with {@code status}. */
  public OverloadedException(int status, String errorType, String errorMessage, @Nullable String requestId) {
    super(status, errorType, errorMessage, requestId);
  }
}
