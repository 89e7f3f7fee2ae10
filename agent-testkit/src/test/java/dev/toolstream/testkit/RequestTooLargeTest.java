package dev.toolstream.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;
import org.junit.jupiter.api.Test;

/**
 * A request body over the API's 32 MB limit is refused with {@code 413 request_too_large}, as the
 * API refuses it, without being kept in memory or spending a scripted reply.
 */
final class RequestTooLargeTest {
  private static final int LIMIT = 32 * 1024 * 1024;
  private static final MediaType JSON = MediaType.get("application/json");
  private final OkHttpClient client = Api.client();

  /** Returns a Messages request body of exactly {@code size} bytes. */
  private static byte[] bodyOf(int size) {
    byte[] head =
        "{\"model\":\"m\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\""
            .getBytes(StandardCharsets.US_ASCII);
    byte[] tail = "\"}]}".getBytes(StandardCharsets.US_ASCII);
    byte[] body = new byte[size];
    Arrays.fill(body, (byte) 'a');
    System.arraycopy(head, 0, body, 0, head.length);
    System.arraycopy(tail, 0, body, size - tail.length, tail.length);
    return body;
  }

  private static Request post(ScriptedClaude claude, String path, RequestBody body) {
    return new Request.Builder()
        .url(claude.baseUrl() + path)
        .header("x-api-key", "test-key")
        .header("anthropic-version", "2023-06-01")
        .post(body)
        .build();
  }

  private static void assertRequestTooLarge(Response response) throws IOException {
    assertThat(response.code()).isEqualTo(413);
    assertThat(response.header("content-type")).isEqualTo("application/json");
    assertThat(TestJson.read(response.body().string()).path("error").path("type").stringValue())
        .isEqualTo("request_too_large");
  }

  @Test
  void bodyOverTheLimitIsRefusedWith413AndLeavesTheScriptUnspent() throws IOException {
    try (ScriptedClaude claude = ScriptedClaude.start(Turn.text("Hello"))) {
      try (Response response =
          client
              .newCall(post(claude, "/v1/messages", RequestBody.create(bodyOf(LIMIT + 1), JSON)))
              .execute()) {
        assertRequestTooLarge(response);
      }

      String next = Api.call(client, Api.messages(claude, Api.WHOLE_BODY));

      assertThat(TestJson.read(next).path("content").get(0).path("text").stringValue())
          .isEqualTo("Hello");
      assertThat(claude.requests()).singleElement().extracting(RecordedRequest::sequenceNumber)
          .isEqualTo(1);
    }
  }

  @Test
  void chunkedBodyOverTheLimitIsRefusedWith413() throws IOException {
    byte[] body = bodyOf(LIMIT + 1);
    RequestBody chunked =
        new RequestBody() {
          @Override
          public MediaType contentType() {
            return JSON;
          }

          @Override
          public void writeTo(BufferedSink sink) throws IOException {
            sink.write(body);
          }
        };
    try (ScriptedClaude claude = ScriptedClaude.start(Turn.text("Hello"));
        Response response = client.newCall(post(claude, "/v1/messages", chunked)).execute()) {

      assertRequestTooLarge(response);
      assertThat(claude.requests()).isEmpty();
    }
  }

  @Test
  void tokenCountOverTheLimitIsRefusedWith413() throws IOException {
    try (ScriptedClaude claude = ScriptedClaude.start(Turn.text("Hello"));
        Response response =
            client
                .newCall(
                    post(
                        claude,
                        "/v1/messages/count_tokens",
                        RequestBody.create(bodyOf(LIMIT + 1), JSON)))
                .execute()) {

      assertRequestTooLarge(response);
      assertThat(claude.countTokensRequests()).isEmpty();
    }
  }

  @Test
  void bodyAtTheLimitIsAnswered() throws IOException {
    try (ScriptedClaude claude = ScriptedClaude.start(Turn.text("Hello"));
        Response response =
            client
                .newCall(post(claude, "/v1/messages", RequestBody.create(bodyOf(LIMIT), JSON)))
                .execute()) {

      assertThat(response.code()).isEqualTo(200);
      assertThat(claude.requests().get(0).bodyText()).hasSize(LIMIT);
    }
  }
}
