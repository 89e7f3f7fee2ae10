package dev.toolstream.internal.http;

import dev.toolstream.client.ApiException;
import dev.toolstream.client.AuthenticationException;
import dev.toolstream.client.BadRequestException;
import dev.toolstream.client.InternalServerException;
import dev.toolstream.client.NotFoundException;
import dev.toolstream.client.OverloadedException;
import dev.toolstream.client.PermissionDeniedException;
import dev.toolstream.client.RateLimitException;
import dev.toolstream.client.RequestTooLargeException;
import dev.toolstream.internal.json.EventParser;
import dev.toolstream.internal.json.Json;
import java.io.IOException;
import java.time.Duration;
import okhttp3.Headers;
import okhttp3.Response;
import okio.Buffer;
import okio.BufferedSource;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Maps an error response to the exception of its status. */
public final class ApiErrors {
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
      case 400:
        return new BadRequestException(status, type, message, requestId);
      case 401:
        return new AuthenticationException(status, type, message, requestId);
      case 403:
        return new PermissionDeniedException(status, type, message, requestId);
      case 404:
        return new NotFoundException(status, type, message, requestId);
      case 413:
        return new RequestTooLargeException(status, type, message, requestId);
      case 429:
        return new RateLimitException(type, message, requestId, RetryPolicy.retryAfter(headers));
      case 529:
        return new OverloadedException(status, type, message, requestId);
      default:
        return status >= 500
            ? new InternalServerException(status, type, message, requestId)
            : new ApiException(status, type, message, requestId);
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
