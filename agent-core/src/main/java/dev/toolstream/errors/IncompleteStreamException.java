package dev.toolstream.errors;

import dev.toolstream.messages.Message;
import org.jspecify.annotations.Nullable;

/**
 * The response body ended, or the connection broke, before {@code message_stop}. The cause, if
 * any, is the I/O failure.
 */
public final class IncompleteStreamException extends StreamException {
  private static final long serialVersionUID = 1L;

  /** Returns the exception with what was received so far. */
  public IncompleteStreamException(
      String message, Message partialMessage, @Nullable String requestId, @Nullable Throwable cause) {
    super(message, partialMessage, requestId, cause);
  }
}
