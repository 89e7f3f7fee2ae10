package dev.toolstream.errors;

import dev.toolstream.messages.Message;
import org.jspecify.annotations.Nullable;

/**
 * The API sent an {@code error} event inside a {@code 200} stream, such as {@code
 * overloaded_error}. The stream ended there.
 */
public final class StreamErrorException extends StreamException {
  private static final long serialVersionUID = 1L;

  private final String errorType;
  private final String errorMessage;

  /** Returns the exception for an error event. */
  public StreamErrorException(
      String errorType, String errorMessage, Message partialMessage, @Nullable String requestId) {
    super("stream error " + errorType + ": " + errorMessage, partialMessage, requestId, null);
    this.errorType = errorType;
    this.errorMessage = errorMessage;
  }

  /** Returns the API's error type, such as {@code overloaded_error}. */
  public String errorType() {
    return errorType;
  }

  /** Returns the API's message. */
  public String errorMessage() {
    return errorMessage;
  }
}
