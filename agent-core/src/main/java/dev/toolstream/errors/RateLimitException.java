package dev.toolstream.errors;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The API answered 429 Too Many Requests after the configured retries. {@link #retryAfter()} says
 * how long it asked the client to wait.
 */
public final class RateLimitException extends ApiException {
  private static final long serialVersionUID = 1L;

  private final @Nullable Duration retryAfter;

  /** Returns the exception for a 429 response. */
  public RateLimitException(
      String errorType, String errorMessage, @Nullable String requestId, @Nullable Duration retryAfter) {
    super(429, errorType, errorMessage, requestId);
    this.retryAfter = retryAfter;
  }

  /** Returns the wait the API asked for in {@code retry-after-ms} or {@code retry-after}, or null. */
  public @Nullable Duration retryAfter() {
    return retryAfter;
  }
}
