package dev.toolstream.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import okhttp3.OkHttpClient;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/** HTTP errors, error events and broken connections as a client sees them. */
final class ErrorsAndBreaksTest {
  private final OkHttpClient client = Api.client();

  private static final Turn LONG_TEXT =
      Turn.builder().deltaSize(4).text("A reply long enough to be cut in several places.").build();

  @Test
  void httpErrorCarriesTheApiErrorJsonAndRetryHeaders() throws IOException {
    ErrorReply rateLimited =
        ErrorReply.of(429)
            .retryAfter(Duration.ofMillis(2500))
            .retryAfterMillis(Duration.ofMillis(2500))
            .shouldRetry(true);
    try (ScriptedClaude claude = ScriptedClaude.start(rateLimited);
        Response response = client.newCall(Api.messages(claude, Api.STREAM_BODY)).execute()) {

      assertThat(response.code()).isEqualTo(429);
      assertThat(response.header("content-type")).isEqualTo("application/json");
      assertThat(response.header("request-id")).isEqualTo("req_scripted_1");
      assertThat(response.header("retry-after")).isEqualTo("3");
      assertThat(response.header("retry-after-ms")).isEqualTo("2500");
      assertThat(response.header("x-should-retry")).isEqualTo("true");
      assertThat(response.body().string())
          .isEqualTo(
              "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":"
                  + "\"Number of request tokens has exceeded your per-minute rate limit\"},"
                  + "\"request_id\":\"req_scripted_1\"}");
    }
  }

  @Test
  void errorReplyCanNameItsRequestIdAndHeaders() throws IOException {
    ErrorReply overloaded =
        ErrorReply.of(529, "overloaded_error", "Overloaded")
            .requestId("req_011CUx")
            .header("anthropic-ratelimit-requests-remaining", "0");
    try (ScriptedClaude claude = ScriptedClaude.start(overloaded);
        Response response = client.newCall(Api.messages(claude, Api.STREAM_BODY)).execute()) {

      assertThat(response.code()).isEqualTo(529);
      assertThat(response.header("request-id")).isEqualTo("req_011CUx");
      assertThat(response.header("anthropic-ratelimit-requests-remaining")).isEqualTo("0");
      assertThat(TestJson.read(response.body().string()).path("request_id").stringValue())
          .isEqualTo("req_011CUx");
    }
  }

  @Test
  void errorEventEndsTheStreamCleanlyWithoutMessageStop() throws IOException {
    Turn overloaded =
        Turn.builder().text("Partial").errorEventAfter(3, "overloaded_error", "Overloaded").build();
    try (ScriptedClaude claude = ScriptedClaude.start(overloaded)) {

      String body = Api.call(client, Api.messages(claude, Api.STREAM_BODY));

      assertThat(SseEvents.names(SseEvents.parse(body)))
          .containsExactly("message_start", "content_block_start", "content_block_delta", "error");
      assertThat(body)
          .endsWith(
              "event: error\ndata: {\"type\":\"error\",\"error\":"
                  + "{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n\n");
    }
  }

  @Test
  void connectionCutAfterEventsIsAnIOExceptionAfterThoseEvents() throws IOException {
    Turn broken =
        Turn.builder().deltaSize(4).text("A reply long enough.").disconnectAfter(4).build();
    try (ScriptedClaude claude = ScriptedClaude.start(broken);
        Response response = client.newCall(Api.messages(claude, Api.STREAM_BODY)).execute()) {
      List<String> lines = new ArrayList<>();

      assertThatThrownBy(() -> Api.readLines(response.body().source(), lines))
          .isInstanceOf(IOException.class);
      assertThat(String.join("\n", lines) + "\n")
          .isEqualTo(
              Api.firstEvents(broken.toSse().replace("claude-sonnet-4-6", "claude-opus-4-1"), 4));
    }
  }

  @Test
  void connectionCutInsideAnEventIsAnIOException() throws IOException {
    Turn broken = Turn.builder().text("Cut me").disconnectAfterBytes(300).build();
    try (ScriptedClaude claude = ScriptedClaude.start(broken);
        Response response = client.newCall(Api.messages(claude, Api.STREAM_BODY)).execute()) {

      assertThatThrownBy(() -> response.body().string()).isInstanceOf(IOException.class);
    }
  }

  @Test
  void rawReplyCanEndWithoutTheChunkedTerminator() throws IOException {
    RawReply truncated =
        RawReply.eventStream("event: ping\ndata: {\"type\":\"ping\"}\n\n").disconnectAtEnd();
    try (ScriptedClaude claude = ScriptedClaude.start(truncated);
        Response response = client.newCall(Api.messages(claude, Api.STREAM_BODY)).execute()) {
      List<String> lines = new ArrayList<>();

      assertThatThrownBy(() -> Api.readLines(response.body().source(), lines))
          .isInstanceOf(IOException.class);
      assertThat(lines).containsExactly("event: ping", "data: {\"type\":\"ping\"}", "");
    }
  }

  @Test
  void longTextIsCutIntoDeltasOfTheGivenSize() throws IOException {
    try (ScriptedClaude claude = ScriptedClaude.start(LONG_TEXT)) {

      String body = Api.call(client, Api.messages(claude, Api.STREAM_BODY));

      assertThat(body).contains("\"text\":\"A re\"", "\"text\":\"ply \"");
    }
  }
}
