package dev.toolstream.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import okhttp3.OkHttpClient;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/** A gate holds a stream at a point until the test opens it. */
final class StreamGateTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private final OkHttpClient client = Api.client();

  private static Turn gated(StreamGate gate) {
    return Turn.builder().text("Part one. ").hold(gate).text("Part two.").build();
  }

  @Test
  void theClientHasEverythingBeforeTheGateWhenItIsReached() throws Exception {
    StreamGate gate = new StreamGate();
    Turn turn = gated(gate);
    String before =
        Api.firstEvents(turn.toSse(), 4).replace("claude-sonnet-4-6", "claude-opus-4-1");
    try (ScriptedClaude claude = ScriptedClaude.start(turn);
        Response response = client.newCall(Api.messages(claude, Api.STREAM_BODY)).execute()) {

      assertThat(gate.awaitReached(WAIT)).isTrue();

      List<String> lines = Api.readLines(response.body().source(), 12);
      assertThat(String.join("\n", lines) + "\n").isEqualTo(before);
      assertThat(gate.isOpen()).isFalse();
      gate.open();
    }
  }

  @Test
  void openingTheGateSendsTheRestAndTheGateAddsNoBytes() throws Exception {
    StreamGate gate = new StreamGate();
    Turn turn = gated(gate);
    try (ScriptedClaude claude = ScriptedClaude.start(turn);
        Response response = client.newCall(Api.messages(claude, Api.STREAM_BODY)).execute()) {
      assertThat(gate.awaitReached(WAIT)).isTrue();

      gate.open();

      assertThat(response.body().string())
          .isEqualTo(turn.toSse().replace("claude-sonnet-4-6", "claude-opus-4-1"));
      assertThat(claude.clientDisconnects()).isZero();
    }
  }

  @Test
  void closingTheStreamAtAClosedGateIsSeenAsADisconnect() throws Exception {
    // A stream the server had written to its end would not count: so this also proves the wait.
    StreamGate gate = new StreamGate();
    try (ScriptedClaude claude = ScriptedClaude.start(gated(gate))) {
      Response response = client.newCall(Api.messages(claude, Api.STREAM_BODY)).execute();
      assertThat(gate.awaitReached(WAIT)).isTrue();

      response.close();

      assertThat(claude.awaitClientDisconnect(WAIT)).isTrue();
      assertThat(gate.isOpen()).isFalse();
    }
  }

  @Test
  void aGateIsNotAnEvent() {
    StreamGate gate = new StreamGate();
    Turn withGate =
        Turn.builder()
            .text("ab")
            .hold(gate)
            .text("cd")
            .errorEventAfter(6, "overloaded_error", "x")
            .build();
    Turn without =
        Turn.builder().text("ab").text("cd").errorEventAfter(6, "overloaded_error", "x").build();

    assertThat(withGate.toSse()).isEqualTo(without.toSse());
    assertThat(withGate.toJson()).isEqualTo(without.toJson());
  }

  @Test
  void anOpenGateLetsLaterStreamsStraightThrough() throws Exception {
    StreamGate gate = new StreamGate();
    gate.open();
    try (ScriptedClaude claude = ScriptedClaude.start(gated(gate))) {

      String body = Api.call(client, Api.messages(claude, Api.STREAM_BODY));

      assertThat(SseEvents.parse(body)).hasSize(9);
      assertThat(gate.isReached()).isTrue();
      assertThat(gate).hasToString("StreamGate{open}");
    }
  }
}
