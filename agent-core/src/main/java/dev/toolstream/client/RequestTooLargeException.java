package dev.toolstream.client;

import org.jspecify.annotations.Nullable;

/** The API answered 413 Request Too Large: the request body is over the API's size limit. */
public final class RequestTooLargeException extends ApiException {
  private static final long serialVersionUID = 1L;

  /** Returns the exception for a response with {@code status}. */
  public RequestTooLargeException(int status, String errorType, String errorMessage, @Nullable String requestId) {
    super(status, errorType, errorMessage, requestId);
  }
}
