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

  /** The HTTP status of the response. */
  private final int status;
  /** The body's {@code error.type}, or empty. */
  private final String errorType;
  /** The body's {@code error.message}, or the body itself. */
  private final String errorMessage;
  /** The response's {@code request-id} header, or null. */
  private final @Nullable String requestId;

  /**
   * Makes the exception for an error response; its message reads like {@code 400
   * invalid_request_error: max_tokens: Field required (request-id req_…)}.
   *
   * @param status the HTTP status, such as 400
   * @param errorType the body's {@code error.type}, such as {@code invalid_request_error}; empty if
   *     the body had none
   * @param errorMessage the body's {@code error.message}, or the body itself when it was not the
   *     API's error JSON; empty shows as {@code (no message)}
   * @param requestId the response's {@code request-id} header, or null if it had none
   */
  public ApiException(int status, String errorType, String errorMessage, @Nullable String requestId) {
    super(describe(status, errorType, errorMessage, requestId));
    this.status = status;
    this.errorType = errorType;
    this.errorMessage = errorMessage;
    this.requestId = requestId;
  }

  /**
   * Tells which error the API answered, the first thing to branch on.
   *
   * @return the HTTP status, such as 400 or 500
   */
  public int status() {
    return status;
  }

  /**
   * Tells the kind of error in the API's own words, finer than the status.
   *
   * @return the body's {@code error.type}, such as {@code rate_limit_error}; empty if the body had
   *     none
   */
  public String errorType() {
    return errorType;
  }

  /**
   * Tells what the API said went wrong, without the status and request id around it.
   *
   * @return the body's {@code error.message}, or the response body when it was not the API's error
   *     JSON (such as a proxy's HTML page); may be empty
   */
  public String errorMessage() {
    return errorMessage;
  }

  /**
   * Identifies the request to quote to Anthropic's support.
   *
   * @return the response's {@code request-id} header, or null if it had none
   */
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
