package dev.toolstream.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import okhttp3.OkHttpClient;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/** Streamed and whole turns as an HTTP client receives them. */
final class StreamingTest {
  private final OkHttpClient client = Api.client();

  private static final Turn TURN =
      Turn.builder()
          .ping()
          .text("Let me check the weather in Zürich — one moment.")
          .toolUse("toolu_1", "get_weather", "{\"city\": \"Zürich\", \"unit\": \"celsius\"}")
          .usage(402, 71)
          .build();

  @Test
  void streamedTurnArrivesAsAnEventStreamWithARequestId() throws IOException {
    try (ScriptedClaude claude = ScriptedClaude.start(TURN);
        Response response = client.newCall(Api.messages(claude, Api.STREAM_BODY)).execute()) {

      assertThat(response.code()).isEqualTo(200);
      assertThat(response.header("content-type")).isEqualTo("text/event-stream; charset=utf-8");
      assertThat(response.header("request-id")).isEqualTo("req_scripted_1");
      assertThat(response.body().string())
          .isEqualTo(TURN.toSse().replace("claude-sonnet-4-6", "claude-opus-4-1"));
    }
  }

  @Test
  void singleByteChunksWithCrlfGiveTheSameEvents() throws IOException {
    try (ScriptedClaude claude =
        ScriptedClaude.builder()
            .replies(TURN)
            .chunking(Chunking.bytes(1))
            .lineEnding(LineEnding.CRLF)
            .build()
            .start()) {

      String body = Api.call(client, Api.messages(claude, Api.STREAM_BODY));

      assertThat(body).contains("\r\n\r\n").doesNotContain("\n\n");
      assertThat(SseEvents.parse(body))
          .isEqualTo(SseEvents.parse(TURN.toSse().replace("claude-sonnet-4-6", "claude-opus-4-1")));
    }
  }

  @Test
  void randomChunksWithCrLineEndsGiveTheSameEvents() throws IOException {
    try (ScriptedClaude claude =
        ScriptedClaude.builder()
            .replies(TURN)
            .chunking(Chunking.random(42, 7))
            .lineEnding(LineEnding.CR)
            .build()
            .start()) {

      String body = Api.call(client, Api.messages(claude, Api.STREAM_BODY));

      assertThat(body).doesNotContain("\n");
      assertThat(SseEvents.parse(body)).hasSameSizeAs(SseEvents.parse(TURN.toSse()));
      assertThat(SseEvents.parse(body).get(2)).isEqualTo(SseEvents.parse(TURN.toSse()).get(2));
    }
  }

  @Test
  void requestWithoutStreamGetsTheWholeMessageAsJson() throws IOException {
    try (ScriptedClaude claude = ScriptedClaude.start(TURN);
        Response response = client.newCall(Api.messages(claude, Api.WHOLE_BODY)).execute()) {

      assertThat(response.header("content-type")).isEqualTo("application/json");
      assertThat(response.header("request-id")).isEqualTo("req_scripted_1");
      assertThat(response.body().string())
          .isEqualTo(TURN.toJson().replace("claude-sonnet-4-6", "claude-opus-4-1"));
    }
  }

  @Test
  void twentyThousandDeltasArriveComplete() throws IOException {
    String[] deltas = new String[20_000];
    java.util.Arrays.fill(deltas, "word ");
    Turn turn = Turn.builder().textDeltas(deltas).build();
    try (ScriptedClaude claude = ScriptedClaude.start(turn)) {

      String body = Api.call(client, Api.messages(claude, Api.STREAM_BODY));

      assertThat(SseEvents.names(SseEvents.parse(body)))
          .filteredOn("content_block_delta"::equals)
          .hasSize(20_000);
      assertThat(body).endsWith("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
    }
  }

  @Test
  void rawReplySendsItsBytesAsTheyAre() throws IOException {
    String malformed = "event: content_block_delta\ndata: {\"type\":\"content_blo\n\n";
    try (ScriptedClaude claude = ScriptedClaude.start(RawReply.eventStream(malformed));
        Response response = client.newCall(Api.messages(claude, Api.STREAM_BODY)).execute()) {

      assertThat(response.header("content-type")).isEqualTo("text/event-stream; charset=utf-8");
      assertThat(response.body().string()).isEqualTo(malformed);
    }
  }
}
