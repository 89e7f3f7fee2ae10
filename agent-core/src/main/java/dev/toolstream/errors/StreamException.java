package dev.toolstream.errors;

import dev.toolstream.messages.Message;
import org.jspecify.annotations.Nullable;

/**
 * A stream that began did not end with {@code message_stop}. Nothing received is lost: {@link
 * #partialMessage()} holds the message as far as it arrived. A stream is never replayed after its
 * first event, so these are not retried.
 *
 * <p>Subclasses: {@link StreamErrorException} for an {@code error} event from the API, {@link
 * IncompleteStreamException} for a body that ended or broke early, {@link
 * MalformedStreamException} for an event that is not valid JSON, breaks the protocol or crosses a
 * {@link dev.toolstream.stream.StreamLimits} bound.
 */
public abstract class StreamException extends ToolstreamException {
  private static final long serialVersionUID = 1L;

  private final transient Message partialMessage;
  /** The streamed response's {@code request-id} header, or null. */
  private final @Nullable String requestId;

  /**
   * Makes the exception with what was received so far.
   *
   * @param message what went wrong; the request id, if any, is appended
   * @param partialMessage the message as accumulated before the failure
   * @param requestId the streamed response's {@code request-id} header, or null if it had none
   * @param cause the underlying failure, such as the I/O error that broke the body, or null
   */
  protected StreamException(
      String message, Message partialMessage, @Nullable String requestId, @Nullable Throwable cause) {
    super(message + (requestId == null ? "" : " (request-id " + requestId + ")"), cause);
    this.partialMessage = partialMessage;
    this.requestId = requestId;
  }

  /**
   * Gives back what the stream delivered before it failed, so no text or tool call received is
   * lost.
   *
   * @return the message as accumulated before the failure: blocks not finished are included as far
   *     as they arrived, and its stop reason may be null; null only after the exception was
   *     deserialized, since the message is not serialized
   */
  public Message partialMessage() {
    return partialMessage;
  }

  /**
   * Identifies the request to quote to Anthropic's support.
   *
   * @return the streamed response's {@code request-id} header, or null if it had none
   */
  public @Nullable String requestId() {
    return requestId;
  }
}
