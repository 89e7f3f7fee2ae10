package dev.toolstream.errors;

import org.jspecify.annotations.Nullable;

/**
 * A time limit ran out: connecting, waiting between bytes (the idle timeout), or the optional
 * overall deadline.
 */
public final class ApiTimeoutException extends ApiConnectionException {
  private static final long serialVersionUID = 1L;

  /**
   * Makes the exception for a time limit that ran out.
   *
   * @param message which limit ran out, such as the deadline while reading the response
   * @param cause the timeout the transport reported, or null if there was none to keep
   */
  public ApiTimeoutException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
