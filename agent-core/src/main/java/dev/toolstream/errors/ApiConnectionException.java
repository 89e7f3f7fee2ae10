package dev.toolstream.errors;

import org.jspecify.annotations.Nullable;

/**
 * The API could not be reached, or the connection failed before a response arrived: DNS, refused
 * connections, TLS failures, a reset. It was retried as configured.
 */
public class ApiConnectionException extends ToolstreamException {
  private static final long serialVersionUID = 1L;

  /**
   * Makes the exception for a failed attempt to reach the API.
   *
   * @param message what failed and at which step, such as reading the response
   * @param cause the I/O failure behind it, or null if there was none to keep
   */
  public ApiConnectionException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
