package dev.toolstream.errors;

import dev.toolstream.messages.Message;
import org.jspecify.annotations.Nullable;

/**
 * The stream broke the protocol or crossed one of its {@link dev.toolstream.stream.StreamLimits}:
 * an event's data was not valid JSON; events came in an impossible order (a block index out of order or repeated, a
 * delta or stop for a block that is not open, a delta of another block's type); or a line, an
 * event, the message, a tool call's input or its nesting was larger than allowed. It is raised as
 * soon as the offending bytes arrive, with no more than the limit buffered, and {@link
 * #partialMessage()} holds the message as it stood before them. The stream was closed.
 */
public final class MalformedStreamException extends StreamException {
  private static final long serialVersionUID = 1L;

  /**
   * Makes the exception with what was received so far.
   *
   * @param message what went wrong; the request id, if any, is appended
   * @param partialMessage the message as accumulated before the failure
   * @param requestId the streamed response's {@code request-id} header, or null if it had none
   * @param cause the parser's or reader's error that found the fault, or null for a fault found in
   *     the parsed events
   */
  public MalformedStreamException(
      String message, Message partialMessage, @Nullable String requestId, @Nullable Throwable cause) {
    super(message, partialMessage, requestId, cause);
  }
}
