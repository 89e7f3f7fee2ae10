package dev.toolstream.testkit;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSource;

/** The client side of the tests: OkHttp requests shaped like the Messages API's. */
final class Api {
  static final String STREAM_BODY =
      "{\"model\":\"claude-opus-4-1\",\"max_tokens\":100,\"stream\":true,"
          + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
  static final String WHOLE_BODY =
      "{\"model\":\"claude-opus-4-1\",\"max_tokens\":100,"
          + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";

  private static final MediaType JSON = MediaType.get("application/json");

  private Api() {}

  /** Returns a client that never retries on its own, so each call is one request. */
  static OkHttpClient client() {
    return new OkHttpClient.Builder().retryOnConnectionFailure(false).build();
  }

  /** Returns a POST of {@code body} to {@code /v1/messages} with the API's headers. */
  static Request messages(ScriptedClaude claude, String body) {
    return new Request.Builder()
        .url(claude.baseUrl() + "/v1/messages")
        .header("x-api-key", "test-key")
        .header("anthropic-version", "2023-06-01")
        .post(RequestBody.create(body, JSON))
        .build();
  }

  /** Returns the whole body of a call as text. */
  static String call(OkHttpClient client, Request request) throws IOException {
    try (Response response = client.newCall(request).execute()) {
      return response.body().string();
    }
  }

  /** Reads lines (without their LF) until the body ends or fails; a failure is rethrown. */
  static List<String> readLines(BufferedSource source, List<String> into) throws IOException {
    while (!source.exhausted()) {
      into.add(source.readUtf8LineStrict());
    }
    return into;
  }

  /** Reads the next {@code count} lines. */
  static List<String> readLines(BufferedSource source, int count) throws IOException {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      lines.add(source.readUtf8LineStrict());
    }
    return lines;
  }

  /** Returns the first {@code events} events of an LF stream, as text. */
  static String firstEvents(String stream, int events) {
    int end = 0;
    for (int i = 0; i < events; i++) {
      end = stream.indexOf("\n\n", end) + 2;
    }
    return stream.substring(0, end);
  }
}
