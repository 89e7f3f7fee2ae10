package dev.toolstream.client;

import java.nio.charset.StandardCharsets;
import mockwebserver3.MockResponse;
import okio.Buffer;

/**
 * Builds MockWebServer responses shaped like the Messages API's, for the tests that need
 * MockWebServer's control of the bytes; agent-testkit's scripted Claude serves the others.
 */
public final class ApiServer {
  private ApiServer() {}

  /** Returns a 200 event-stream response with {@code sse} as its body. */
  public static MockResponse stream(String sse) {
    return new MockResponse.Builder()
        .code(200)
        .setHeader("content-type", "text/event-stream; charset=utf-8")
        .setHeader("request-id", "req_stream_1")
        .body(new Buffer().write(sse.getBytes(StandardCharsets.UTF_8)))
        .build();
  }

  /** Returns an error response with the API's error JSON. */
  static MockResponse.Builder error(int status, String type, String message) {
    return new MockResponse.Builder()
        .code(status)
        .setHeader("content-type", "application/json")
        .setHeader("request-id", "req_err_" + status)
        .body("{\"type\":\"error\",\"error\":{\"type\":\"" + type + "\",\"message\":\"" + message + "\"}}");
  }
}
