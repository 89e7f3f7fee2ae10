package dev.toolstream.errors;

import org.jspecify.annotations.Nullable;

/**
 * The API could not be reached, or the connection failed before a response arrived: DNS, refused
 * connections, TLS failures, a reset. It was retried as configured.
 */
public class ApiConnectionException extends ToolstreamException {
  private static final long serialVersionUID = 1L;

  /** Returns the exception with {@code message}, caused by {@code cause}. */
  public ApiConnectionException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
