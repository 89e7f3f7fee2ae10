package dev.toolstream.errors;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The API answered 429 Too Many Requests after the configured retries. {@link #retryAfter()} says
 * how long it asked the client to wait.
 */
public final class RateLimitException extends ApiException {
  private static final long serialVersionUID = 1L;

  /** The wait the API asked for, or null. */
  private final @Nullable Duration retryAfter;

  /**
   * Makes the exception for a 429 response.
   *
   * @param errorType the body's {@code error.type}, {@code rate_limit_error} in practice; empty if
   *     the body had none
   * @param errorMessage the body's {@code error.message}, or the body itself when it was not the
   *     API's error JSON
   * @param requestId the response's {@code request-id} header, or null if it had none
   * @param retryAfter the wait the response's headers asked for, or null if they asked for none
   */
  public RateLimitException(
      String errorType, String errorMessage, @Nullable String requestId, @Nullable Duration retryAfter) {
    super(429, errorType, errorMessage, requestId);
    this.retryAfter = retryAfter;
  }

  /**
   * Tells how long the API asked the client to wait before trying again.
   *
   * @return the wait from the last response's {@code retry-after-ms} header, else its {@code
   *     retry-after}; null if it sent neither
   */
  public @Nullable Duration retryAfter() {
    return retryAfter;
  }
}
