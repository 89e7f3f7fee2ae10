package dev.toolstream.errors;

import org.jspecify.annotations.Nullable;

/**
 * The API answered with an error status. Carries the HTTP status, the API's error type and
 * message, and the {@code request-id} to quote to Anthropic's support.
 *
 * <p>Subclasses name only the statuses a caller acts on differently: {@link
 * AuthenticationException} 401 (fix the key), {@link RateLimitException} 429 (wait for {@link
 * RateLimitException#retryAfter()}) and {@link OverloadedException} 529 (try later). Every other
 * status, 400, 403, 404, 413 and 5xx among them, is a plain {@code ApiException}: tell them apart
 * with {@link #status()} and {@link #errorType()}.
 */
public class ApiException extends ToolstreamException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String errorType;
  private final String errorMessage;
  private final @Nullable String requestId;

  /** Returns an exception for a response with {@code status}. */
  public ApiException(int status, String errorType, String errorMessage, @Nullable String requestId) {
    super(describe(status, errorType, errorMessage, requestId));
    this.status = status;
    this.errorType = errorType;
    this.errorMessage = errorMessage;
    this.requestId = requestId;
  }

  /** Returns the HTTP status, such as 429. */
  public int status() {
    return status;
  }

  /** Returns the API's error type, such as {@code rate_limit_error}; empty if the body had none. */
  public String errorType() {
    return errorType;
  }

  /** Returns the API's own message, or the response body when it was not the API's error JSON. */
  public String errorMessage() {
    return errorMessage;
  }

  /** Returns the {@code request-id} header of the response, or null if it had none. */
  public @Nullable String requestId() {
    return requestId;
  }

  static String describe(int status, String type, String message, @Nullable String requestId) {
    StringBuilder text = new StringBuilder().append(status);
    if (!type.isEmpty()) {
      text.append(' ').append(type);
    }
    text.append(": ").append(message.isEmpty() ? "(no message)" : message);
    if (requestId != null) {
      text.append(" (request-id ").append(requestId).append(')');
    }
    return text.toString();
  }
}
