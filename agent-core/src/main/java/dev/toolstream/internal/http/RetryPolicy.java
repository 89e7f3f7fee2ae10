package dev.toolstream.internal.http;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.ThreadLocalRandom;
import okhttp3.Headers;
import org.jspecify.annotations.Nullable;

/**
 * When to retry and how long to wait, as the official SDKs do: 408, 409, 429 and 5xx are retried,
 * {@code x-should-retry} overrides the status rule, {@code retry-after-ms} then {@code
 * retry-after} (seconds or an HTTP date) set the wait, and otherwise the wait is {@code min(0.5 *
 * 2^n, 8)} seconds less up to 25% jitter. A server wait that is not a finite number, is negative
 * or is over a minute is ignored in favour of that backoff.
 */
public final class RetryPolicy {
  private static final Duration MAX_SERVER_WAIT = Duration.ofMinutes(1);

  private final int maxRetries;

  /** Returns a policy that retries at most {@code maxRetries} times. */
  public RetryPolicy(int maxRetries) {
    this.maxRetries = maxRetries;
  }

  /** Returns the most retries after the first attempt. */
  public int maxRetries() {
    return maxRetries;
  }

  /** Returns whether a response with {@code status} is worth another attempt. */
  public boolean shouldRetry(int status, Headers headers, String body) {
    String shouldRetry = headers.get("x-should-retry");
    if ("true".equals(shouldRetry)) {
      return true;
    }
    if ("false".equals(shouldRetry)) {
      return false;
    }
    if (status == 429 && ApiErrors.isSpendLimit(headers, body)) {
      return false;
    }
    return status == 408 || status == 409 || status == 429 || status >= 500;
  }

  /** Returns how long to wait before retry number {@code retry} (0 for the first). */
  public Duration delay(int retry, Headers headers) {
    Duration asked = retryAfter(headers);
    if (asked != null && !asked.isNegative() && asked.compareTo(MAX_SERVER_WAIT) <= 0) {
      return asked;
    }
    double seconds = Math.min(0.5 * Math.pow(2, retry), 8.0);
    double jitter = 1 - 0.25 * ThreadLocalRandom.current().nextDouble();
    return Duration.ofMillis((long) (seconds * jitter * 1000));
  }

  /** Returns the wait the server asked for in {@code retry-after-ms} or {@code retry-after}. */
  public static @Nullable Duration retryAfter(Headers headers) {
    Duration millis = number(headers.get("retry-after-ms"), 1_000_000);
    if (millis != null) {
      return millis;
    }
    String after = headers.get("retry-after");
    if (after == null) {
      return null;
    }
    Duration seconds = number(after, 1_000_000_000);
    if (seconds != null) {
      return seconds;
    }
    try {
      ZonedDateTime date = ZonedDateTime.parse(after.strip(), DateTimeFormatter.RFC_1123_DATE_TIME);
      return Duration.between(ZonedDateTime.now(date.getZone()), date);
    } catch (DateTimeParseException notDate) {
      return null;
    }
  }

  /**
   * Returns {@code value} times {@code nanosPerUnit} nanoseconds, or null unless it is a finite,
   * non-negative number ({@code NaN}, {@code Infinity} and {@code -1} are no waits at all).
   */
  private static @Nullable Duration number(@Nullable String value, long nanosPerUnit) {
    if (value == null) {
      return null;
    }
    try {
      double units = Double.parseDouble(value.strip());
      if (!Double.isFinite(units) || units < 0) {
        return null;
      }
      return Duration.ofNanos((long) (units * nanosPerUnit)); // The cast caps a huge value.
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
