package dev.toolstream.client;

import org.jspecify.annotations.Nullable;

/** The API answered 400 Bad Request: the request is malformed or breaks a rule of the API; fix it, retrying will not help. */
public final class BadRequestException extends ApiException {
  private static final long serialVersionUID = 1L;

  /** Returns the exception for a response with {@code status}. */
  public BadRequestException(int status, String errorType, String errorMessage, @Nullable String requestId) {
    super(status, errorType, errorMessage, requestId);
  }
}
