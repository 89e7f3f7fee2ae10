package dev.toolstream.errors;

import org.jspecify.annotations.Nullable;

/** The API answered 401 Unauthorized: the API key or token is missing or wrong. */
public final class AuthenticationException extends ApiException {
  private static final long serialVersionUID = 1L;

  /** Returns the exception for a response with {@code status}. */
  public AuthenticationException(int status, String errorType, String errorMessage, @Nullable String requestId) {
    super(status, errorType, errorMessage, requestId);
  }
}
