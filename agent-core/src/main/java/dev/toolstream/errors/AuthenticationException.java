package dev.toolstream.errors;

import org.jspecify.annotations.Nullable;

/** The API answered 401 Unauthorized: the API key or token is missing or wrong. */
public final class AuthenticationException extends ApiException {
  private static final long serialVersionUID = 1L;

  /**
   * Makes the exception for an error response (see {@link ApiException#ApiException(int, String,
   * String, String)}).
   *
   * @param status the HTTP status, 401 in practice
   * @param errorType the body's {@code error.type}, such as {@code authentication_error}; empty
   *     if the body had none
   * @param errorMessage the body's {@code error.message}, or the body itself when it was not the
   *     API's error JSON
   * @param requestId the response's {@code request-id} header, or null if it had none
   */
  public AuthenticationException(int status, String errorType, String errorMessage, @Nullable String requestId) {
    super(status, errorType, errorMessage, requestId);
  }
}
