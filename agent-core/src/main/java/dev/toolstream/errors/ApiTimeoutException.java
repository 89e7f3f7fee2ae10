package dev.toolstream.errors;

import org.jspecify.annotations.Nullable;

/**
 * A time limit ran out: connecting, waiting between bytes (the idle timeout), or the optional
 * overall deadline.
 */
public final class ApiTimeoutException extends ApiConnectionException {
  private static final long serialVersionUID = 1L;

  /** Returns the exception with {@code message}, caused by {@code cause}. */
  public ApiTimeoutException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
