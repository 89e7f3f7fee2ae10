package dev.toolstream.internal.http;

import dev.toolstream.errors.ApiException;
import dev.toolstream.errors.AuthenticationException;
import dev.toolstream.errors.OverloadedException;
import dev.toolstream.errors.RateLimitException;
import dev.toolstream.internal.sse.EventParser;
import dev.toolstream.internal.json.Json;
import java.io.IOException;
import java.time.Duration;
import okhttp3.Headers;
import okhttp3.Response;
import okio.Buffer;
import okio.BufferedSource;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Maps an error response to its exception: a subclass for 401, 429 and 529, which callers act on
 * differently, and a plain {@link ApiException} for every other status.
 */
final class ApiErrors {
  private ApiErrors() {}

  /** Returns the exception for a response with {@code status}, {@code headers} and {@code body}. */
  public static ApiException from(int status, Headers headers, String body) {
    String type = "";
    String message = body.isBlank() ? "" : EventParser.abbreviate(body.strip());
    JsonNode error = error(body);
    if (error != null) {
      type = error.path("type").asString("");
      message = error.path("message").asString(message);
    }
    String requestId = headers.get("request-id");
    switch (status) {
      case 401:
        return new AuthenticationException(status, type, message, requestId);
      case 429:
        return new RateLimitException(type, message, requestId, RetryPolicy.retryAfter(headers));
      case 529:
        return new OverloadedException(status, type, message, requestId);
      default:
        return new ApiException(status, type, message, requestId);
    }
  }

  /**
   * Reads at most {@code maxBytes} of an error response's body as UTF-8 and closes the response.
   * A body cut short is no longer the API's JSON, so its exception's message is its shortened text.
   */
  static String readBody(Response response, int maxBytes) {
    try (response) {
      BufferedSource source = response.body().source();
      source.request(maxBytes);
      Buffer buffer = source.getBuffer();
      return buffer.readUtf8(Math.min(buffer.size(), maxBytes));
    } catch (Exception e) { // Including an undeclared InterruptedException.
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      return "";
    }
  }

  /** Returns whether a 429 is for a spend limit: no retry-after, and an error code in details. */
  static boolean isSpendLimit(Headers headers, String body) {
    JsonNode error = error(body);
    return RetryPolicy.retryAfter(headers) == null
        && error != null
        && error.path("details").has("error_code");
  }

  private static @Nullable JsonNode error(String body) {
    try {
      JsonNode json = Json.parse(body);
      JsonNode error = json.get("error");
      return error != null && error.isObject() ? error : null;
    } catch (RuntimeException notJson) {
      return null;
    }
  }

  /** Returns a short description of a wait, for log lines. */
  static String describe(Duration wait) {
    return wait.toMillis() + " ms";
  }
}
