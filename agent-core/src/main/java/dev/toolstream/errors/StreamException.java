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
  private final @Nullable String requestId;

  /** Returns the exception with what was received so far. */
  protected StreamException(
      String message, Message partialMessage, @Nullable String requestId, @Nullable Throwable cause) {
    super(message + (requestId == null ? "" : " (request-id " + requestId + ")"), cause);
    this.partialMessage = partialMessage;
    this.requestId = requestId;
  }

  /** Returns the message as accumulated before the stream failed. */
  public Message partialMessage() {
    return partialMessage;
  }

  /** Returns the {@code request-id} header of the streamed response, or null. */
  public @Nullable String requestId() {
    return requestId;
  }
}
