package dev.toolstream.client;

import org.jspecify.annotations.Nullable;

/** The API answered 404 Not Found: usually a wrong model name or base URL. */
public final class NotFoundException extends ApiException {
  private static final long serialVersionUID = 1L;

  /** Returns the exception for a response with {@code status}. */
  public NotFoundException(int status, String errorType, String errorMessage, @Nullable String requestId) {
    super(status, errorType, errorMessage, requestId);
  }
}
