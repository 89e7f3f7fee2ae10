package dev.toolstream.errors;

import org.jspecify.annotations.Nullable;

/**
 * The root of every exception Toolstream throws. Unchecked: API, transport, stream and agent
 * failures each have a subclass carrying what a caller needs to act on them.
 */
public class ToolstreamException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Returns an exception with {@code message}. */
  public ToolstreamException(String message) {
    super(message);
  }

  /** Returns an exception with {@code message} caused by {@code cause}. */
  public ToolstreamException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
