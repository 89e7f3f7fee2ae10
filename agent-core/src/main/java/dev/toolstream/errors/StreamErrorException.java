package dev.toolstream.errors;

import dev.toolstream.messages.Message;
import org.jspecify.annotations.Nullable;

/**
 * The API sent an {@code error} event inside a {@code 200} stream, such as {@code
 * overloaded_error}. The stream ended there.
 */
public final class StreamErrorException extends StreamException {
  private static final long serialVersionUID = 1L;

  /** The event's {@code error.type}. */
  private final String errorType;
  /** The event's {@code error.message}. */
  private final String errorMessage;

  /**
   * Makes the exception for an {@code error} event; its message reads like {@code stream error
   * overloaded_error: Overloaded (request-id req_…)}.
   *
   * @param errorType the event's {@code error.type}, such as {@code overloaded_error}
   * @param errorMessage the event's {@code error.message}
   * @param partialMessage the message as accumulated before the event
   * @param requestId the streamed response's {@code request-id} header, or null if it had none
   */
  public StreamErrorException(
      String errorType, String errorMessage, Message partialMessage, @Nullable String requestId) {
    super("stream error " + errorType + ": " + errorMessage, partialMessage, requestId, null);
    this.errorType = errorType;
    this.errorMessage = errorMessage;
  }

  /**
   * Tells the kind of error the API reported mid-stream.
   *
   * @return the event's {@code error.type}, such as {@code overloaded_error} or {@code api_error}
   */
  public String errorType() {
    return errorType;
  }

  /**
   * Tells what the API said went wrong, without the type and request id around it.
   *
   * @return the event's {@code error.message}
   */
  public String errorMessage() {
    return errorMessage;
  }
}
