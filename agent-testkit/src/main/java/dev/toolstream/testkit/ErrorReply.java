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
   * Makes an error reply with the given status, error type and message.
   *
   * @param status the HTTP status, 400 to 599
   * @param type the body's {@code error.type}, such as {@code rate_limit_error}; any text is sent
   *     as it is, so unknown types can be tested
   * @param message the body's {@code error.message}
   * @return an error with no extra headers and a request id the server makes up
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
   * @param status the HTTP status, 400 to 599
   * @return an error with no extra headers and a request id the server makes up
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

  /**
   * Adds a response header. Headers are sent in the order they were added, and adding a name twice
   * sends it twice.
   *
   * @param name the header name, such as {@code anthropic-ratelimit-requests-remaining}
   * @param value the header value, sent as it is
   * @return a copy that also sends {@code name: value}
   */
  public ErrorReply header(String name, String value) {
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(value, "value == null");
    List<Map.Entry<String, String>> more = new ArrayList<>(headers);
    more.add(new AbstractMap.SimpleImmutableEntry<>(name, value));
    return new ErrorReply(status, type, message, more, requestId);
  }

  /**
   * Adds a {@code retry-after} header, which the API sends in whole seconds.
   *
   * @param delay the delay to ask for; a fraction of a second rounds up ({@code 300ms} sends
   *     {@code 1})
   * @return a copy that also sends {@code retry-after}
   */
  public ErrorReply retryAfter(Duration delay) {
    long seconds = delay.getSeconds() + (delay.getNano() > 0 ? 1 : 0);
    return header("retry-after", Long.toString(seconds));
  }

  /**
   * Adds a {@code retry-after-ms} header, the millisecond form that clients read before {@code
   * retry-after}.
   *
   * @param delay the delay to ask for; truncated to whole milliseconds
   * @return a copy that also sends {@code retry-after-ms}
   */
  public ErrorReply retryAfterMillis(Duration delay) {
    return header("retry-after-ms", Long.toString(delay.toMillis()));
  }

  /**
   * Adds an {@code x-should-retry} header, which overrides a client's rule for the status.
   *
   * @param retry whether the client should retry, whatever the status says
   * @return a copy that also sends {@code x-should-retry: true} or {@code false}
   */
  public ErrorReply shouldRetry(boolean retry) {
    return header("x-should-retry", Boolean.toString(retry));
  }

  /**
   * Fixes the request id, so a test can assert that an exception carries it.
   *
   * @param id the value of the {@code request-id} header and the body's {@code request_id}
   * @return a copy that sends {@code id} instead of a made-up id
   */
  public ErrorReply requestId(String id) {
    return new ErrorReply(status, type, message, headers, Objects.requireNonNull(id, "id == null"));
  }

  /**
   * Returns the HTTP status the reply sends.
   *
   * @return a status from 400 to 599
   */
  public int status() {
    return status;
  }

  /**
   * Returns the body's error type.
   *
   * @return the {@code error.type}, such as {@code overloaded_error}
   */
  public String type() {
    return type;
  }

  /**
   * Returns the body's error message.
   *
   * @return the {@code error.message}, as given or as {@link #of(int)} chose it
   */
  public String message() {
    return message;
  }

  /**
   * Returns the headers added to this reply.
   *
   * @return an immutable list in the order they were added; never holds {@code request-id}, which
   *     the server sets
   */
  public List<Map.Entry<String, String>> headers() {
    return headers;
  }

  /**
   * Returns the request id this reply is fixed to.
   *
   * @return the id given to {@link #requestId(String)}, or null if the server makes one up
   */
  public @Nullable String requestId() {
    return requestId;
  }

  /**
   * Writes the body as the API does: {@code {"type":"error","error":{…},"request_id":…}}.
   *
   * @param requestId the {@code request_id} to write, which the server also sends as the {@code
   *     request-id} header
   * @return the body as compact JSON
   */
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
