package dev.toolstream.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import okhttp3.Call;
import okhttp3.OkHttpClient;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/** The server notices a client that closes a stream before its end, as a cancelling agent does. */
final class ClientDisconnectTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private final OkHttpClient client = Api.client();

  @Test
  void cancellingAStalledStreamIsSeen() throws Exception {
    Turn stalled = Turn.builder().text("Thinking it over").stallAfter(3).build();
    try (ScriptedClaude claude = ScriptedClaude.start(stalled)) {
      Call call = client.newCall(Api.messages(claude, Api.STREAM_BODY));
      Response response = call.execute();
      Api.readLines(response.body().source(), 9);

      call.cancel();

      assertThat(claude.awaitClientDisconnect(WAIT)).isTrue();
      assertThat(claude.clientDisconnects()).isEqualTo(1);
    }
  }

  @Test
  void closingTheBodyDuringDeltaPausesIsSeen() throws Exception {
    Turn slow = Turn.builder().deltaSize(1).text("x".repeat(500)).build();
    try (ScriptedClaude claude =
        ScriptedClaude.builder().replies(slow).deltaDelay(Duration.ofMillis(20)).build().start()) {
      Response response = client.newCall(Api.messages(claude, Api.STREAM_BODY)).execute();
      assertThat(Api.readLines(response.body().source(), 9)).contains("event: content_block_delta");

      response.close();

      assertThat(claude.awaitClientDisconnect(WAIT)).isTrue();
    }
  }

  @Test
  void streamsReadToTheirEndAreNotCountedAsDisconnects() throws IOException {
    try (ScriptedClaude claude = ScriptedClaude.start(Turn.text("one"), Turn.text("two"))) {
      Api.call(client, Api.messages(claude, Api.STREAM_BODY));
      // The second exchange reuses the connection, so the first stream's end is behind us.
      Api.call(client, Api.messages(claude, Api.STREAM_BODY));

      assertThat(claude.clientDisconnects()).isZero();
      assertThat(client.connectionPool().connectionCount()).isEqualTo(1);
    }
  }
}
