package dev.toolstream.errors;

import org.jspecify.annotations.Nullable;

/**
 * The root of every exception Toolstream throws. Unchecked: API, transport, stream and agent
 * failures each have a subclass carrying what a caller needs to act on them.
 */
public class ToolstreamException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Makes an exception with no cause.
   *
   * @param message what happened and, where the caller can, what to do about it
   */
  public ToolstreamException(String message) {
    super(message);
  }

  /**
   * Makes an exception that wraps the failure it comes from.
   *
   * @param message what happened and, where the caller can, what to do about it
   * @param cause the underlying failure, or null if there is none
   */
  public ToolstreamException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
