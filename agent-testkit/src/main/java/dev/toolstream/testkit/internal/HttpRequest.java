package dev.toolstream.testkit.internal;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP request as it arrived: method, request target, headers in arrival order (names as sent)
 * and the decoded body (after any chunked transfer coding).
 *
 * @param body the body, or null if it was longer than the API accepts and so was not kept
 */
public record HttpRequest(
    String method,
    String target,
    List<Map.Entry<String, String>> headers,
    byte @Nullable [] body) {

  /** Copies the header list. */
  public HttpRequest {
    headers = List.copyOf(headers);
  }

  /** Returns the first value of header {@code name}, compared without case, or null. */
  public @Nullable String header(String name) {
    for (Map.Entry<String, String> header : headers) {
      if (header.getKey().equalsIgnoreCase(name)) {
        return header.getValue();
      }
    }
    return null;
  }
}
