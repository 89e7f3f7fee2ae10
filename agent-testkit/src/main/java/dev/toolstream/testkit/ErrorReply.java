package dev.toolstream.testkit;

import dev.toolstream.testkit.internal.Json;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * An HTTP error as the Messages API sends it: a status, the body {@code
 * {"type":"error","error":{"type":…,"message":…},"request_id":…}} and headers such as {@code
 * retry-after}. Immutable: each {@code with}-style method returns a copy.
 *
 * <p>The {@code request-id} header and the body's {@code request_id} carry the same value: the one
 * given to {@link #requestId(String)}, else one the server makes up.
 */
public final class ErrorReply implements Reply {
  private final int status;
  private final String type;
  private final String message;
  private final List<Map.Entry<String, String>> headers;
  private final @Nullable String requestId;

  private ErrorReply(
      int status,
      String type,
      String message,
      List<Map.Entry<String, String>> headers,
      @Nullable String requestId) {
    this.status = status;
    this.type = type;
    this.message = message;
    this.headers = List.copyOf(headers);
    this.requestId = requestId;
  }

  /**
   * Returns an error with {@code status}, error type {@code type} (such as {@code
   * rate_limit_error}) and {@code message}.
   *
   * @throws IllegalArgumentException if {@code status} is not between 400 and 599
   */
  public static ErrorReply of(int status, String type, String message) {
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("An error status is 400 to 599, was " + status);
    }
    Objects.requireNonNull(type, "type == null");
    Objects.requireNonNull(message, "message == null");
    return new ErrorReply(status, type, message, List.of(), null);
  }

  /**
   * Returns an error with {@code status} and the error type and a message the API uses for it: 400
   * {@code invalid_request_error}, 401 {@code authentication_error}, 403 {@code permission_error},
   * 404 {@code not_found_error}, 413 {@code request_too_large}, 429 {@code rate_limit_error}, 529
   * {@code overloaded_error}, anything else {@code api_error}.
   *
   * @throws IllegalArgumentException if {@code status} is not between 400 and 599
   */
  public static ErrorReply of(int status) {
    switch (status) {
      case 400:
        return of(status, "invalid_request_error", "Invalid request");
      case 401:
        return of(status, "authentication_error", "invalid x-api-key");
      case 403:
        return of(
            status,
            "permission_error",
            "Your API key does not have permission to use the specified resource.");
      case 404:
        return of(status, "not_found_error", "Not found");
      case 413:
        return of(
            status, "request_too_large", "Request exceeds the maximum allowed number of bytes.");
      case 429:
        return of(
            status,
            "rate_limit_error",
            "Number of request tokens has exceeded your per-minute rate limit");
      case 529:
        return of(status, "overloaded_error", "Overloaded");
      default:
        return of(status, "api_error", "Internal server error");
    }
  }

  /** Returns a copy that also sends header {@code name: value}. */
  public ErrorReply header(String name, String value) {
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(value, "value == null");
    List<Map.Entry<String, String>> more = new ArrayList<>(headers);
    more.add(new AbstractMap.SimpleImmutableEntry<>(name, value));
    return new ErrorReply(status, type, message, more, requestId);
  }

  /** Returns a copy with {@code retry-after} set to {@code delay} in whole seconds, rounded up. */
  public ErrorReply retryAfter(Duration delay) {
    long seconds = delay.getSeconds() + (delay.getNano() > 0 ? 1 : 0);
    return header("retry-after", Long.toString(seconds));
  }

  /** Returns a copy with {@code retry-after-ms} set to {@code delay} in milliseconds. */
  public ErrorReply retryAfterMillis(Duration delay) {
    return header("retry-after-ms", Long.toString(delay.toMillis()));
  }

  /** Returns a copy with {@code x-should-retry} set, which overrides a client's status rule. */
  public ErrorReply shouldRetry(boolean retry) {
    return header("x-should-retry", Boolean.toString(retry));
  }

  /** Returns a copy whose {@code request-id} header and body {@code request_id} are {@code id}. */
  public ErrorReply requestId(String id) {
    return new ErrorReply(status, type, message, headers, Objects.requireNonNull(id, "id == null"));
  }

  /** Returns the HTTP status. */
  public int status() {
    return status;
  }

  /** Returns the error type, such as {@code overloaded_error}. */
  public String type() {
    return type;
  }

  /** Returns the error message. */
  public String message() {
    return message;
  }

  /** Returns the extra headers in the order they were added (not {@code request-id}). */
  public List<Map.Entry<String, String>> headers() {
    return headers;
  }

  /**
   * Returns the request id given to {@link #requestId(String)}, or null to let the server choose.
   */
  public @Nullable String requestId() {
    return requestId;
  }

  /** Returns the body as the API writes it, with {@code requestId} as its {@code request_id}. */
  public String toJson(String requestId) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.put("type", "error");
    body.putObject("error").put("type", type).put("message", message);
    body.put("request_id", requestId);
    return Json.MAPPER.writeValueAsString(body);
  }

  @Override
  public String toString() {
    return "ErrorReply{" + status + " " + type + ": " + message + "}";
  }
}
