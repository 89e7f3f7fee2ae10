package dev.toolstream.internal.http;

import dev.toolstream.errors.ToolstreamException;
import okio.BufferedSource;
import org.jspecify.annotations.Nullable;

/** Opens the body of a streamed response, retrying as configured. */
interface StreamOpener {
  /**
   * Sends the request and returns the opened body.
   *
   * @throws ToolstreamException if the API answered with an error or could not be reached
   */
  Opened open();

  /**
   * Cancels the request: a call in flight, a wait between retries, any later attempt, and the
   * opened body. Safe from any thread, and more than once.
   */
  void cancel();

  /**
   * Returns whether the call's overall deadline has passed, which tells a read that failed because
   * of it from a broken stream. Without a deadline, false.
   */
  default boolean deadlinePassed() {
    return false;
  }

  /**
   * Returns {@code text} from the server with the client's key and token blanked out, so that an
   * {@code error} event that echoes them never carries them into an exception.
   */
  default String redact(String text) {
    return text;
  }

  /**
   * An opened event-stream body.
   *
   * @param body the bytes of the body
   * @param requestId the response's {@code request-id}, or null
   */
  record Opened(BufferedSource body, @Nullable String requestId) {}
}
