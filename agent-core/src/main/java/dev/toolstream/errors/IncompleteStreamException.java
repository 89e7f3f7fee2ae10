package dev.toolstream.errors;

import dev.toolstream.messages.Message;
import org.jspecify.annotations.Nullable;

/**
 * The response body ended, or the connection broke, before {@code message_stop}. The cause, if
 * any, is the I/O failure.
 */
public final class IncompleteStreamException extends StreamException {
  private static final long serialVersionUID = 1L;

  /**
   * Makes the exception with what was received so far.
   *
   * @param message what went wrong; the request id, if any, is appended
   * @param partialMessage the message as accumulated before the failure
   * @param requestId the streamed response's {@code request-id} header, or null if it had none
   * @param cause the I/O failure that broke the body, or null if the body simply ended
   */
  public IncompleteStreamException(
      String message, Message partialMessage, @Nullable String requestId, @Nullable Throwable cause) {
    super(message, partialMessage, requestId, cause);
  }
}
