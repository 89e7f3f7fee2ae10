package dev.toolstream.errors;

import org.jspecify.annotations.Nullable;

/**
 * The request was cancelled before a response arrived: its stream was closed, or the calling
 * thread was interrupted while connecting, sending or waiting to retry. In the second case the
 * thread's interrupt status is set again before this is thrown, so code up the stack still sees
 * it. Not retried.
 */
public final class RequestCancelledException extends ApiConnectionException {
  private static final long serialVersionUID = 1L;

  /**
   * Makes the exception for a request given up on by its caller.
   *
   * @param message what was cancelled and at which step, such as waiting to retry
   * @param cause the {@link InterruptedException} or I/O failure the cancellation caused, or null
   *     if there was none
   */
  public RequestCancelledException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
