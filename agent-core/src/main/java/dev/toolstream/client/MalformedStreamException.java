package dev.toolstream.client;

import dev.toolstream.messages.Message;
import org.jspecify.annotations.Nullable;

/**
 * An event's data was not valid JSON, or events came in an impossible order (a delta for a block
 * that never started). The stream was closed.
 */
public final class MalformedStreamException extends StreamException {
  private static final long serialVersionUID = 1L;

  /** Returns the exception with what was received so far. */
  public MalformedStreamException(
      String message, Message partialMessage, @Nullable String requestId, @Nullable Throwable cause) {
    super(message, partialMessage, requestId, cause);
  }
}
