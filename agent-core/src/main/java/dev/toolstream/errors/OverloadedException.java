package dev.toolstream.errors;

import org.jspecify.annotations.Nullable;

/** The API answered 529 Overloaded: the API is busy; it was retried as configured. */
public final class OverloadedException extends ApiException {
  private static final long serialVersionUID = 1L;

  /**
   * Makes the exception for an error response (see {@link ApiException#ApiException(int, String,
   * String, String)}).
   *
   * @param status the HTTP status, 529 in practice
   * @param errorType the body's {@code error.type}, such as {@code overloaded_error}; empty if
   *     the body had none
   * @param errorMessage the body's {@code error.message}, or the body itself when it was not the
   *     API's error JSON
   * @param requestId the response's {@code request-id} header, or null if it had none
   */
  public OverloadedException(int status, String errorType, String errorMessage, @Nullable String requestId) {
    super(status, errorType, errorMessage, requestId);
  }
}
