package dev.toolstream.client;

import org.jspecify.annotations.Nullable;

/** The API answered 403 Forbidden: the key may not use this model or feature. */
public final class PermissionDeniedException extends ApiException {
  private static final long serialVersionUID = 1L;

  /** Returns the exception for a response with {@code status}. */
  public PermissionDeniedException(int status, String errorType, String errorMessage, @Nullable String requestId) {
    super(status, errorType, errorMessage, requestId);
  }
}
