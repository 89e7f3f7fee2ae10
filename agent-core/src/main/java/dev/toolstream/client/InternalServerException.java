package dev.toolstream.client;

import org.jspecify.annotations.Nullable;

/** The API answered a 5xx other than 529: the API failed; it was retried as configured. */
public final class InternalServerException extends ApiException {
  private static final long serialVersionUID = 1L;

  /** Returns the exception for a response with {@code status}. */
  public InternalServerException(int status, String errorType, String errorMessage, @Nullable String requestId) {
    super(status, errorType, errorMessage, requestId);
  }
}
