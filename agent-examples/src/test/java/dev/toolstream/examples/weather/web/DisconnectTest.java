package dev.toolstream.examples.weather.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolstream.testkit.ScriptedClaude;
import dev.toolstream.testkit.StreamGate;
import dev.toolstream.testkit.Turn;
import java.time.Duration;
import java.util.List;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A client that leaves cancels its run, whose upstream stream closes, and frees its slot. */
final class DisconnectTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private ServedAgent served;

  @AfterEach
  void stop() {
    if (served != null) {
      served.close();
    }
  }

  /**
   * Serves a run whose upstream waits at a gate that never opens, so that only the client's
   * leaving can end it; reads its first event and leaves.
   */
  private void leaveAHeldStream() throws Exception {
    Turn held = Turn.builder().text("Part one.").hold(new StreamGate()).text("Two.").build();
    served =
        ServedAgent.start(
            ScriptedClaude.start(held, Turn.text("Again.")),
            server -> server.maxConcurrentStreams(1).heartbeat(Duration.ofMillis(20)));
    Response response = served.get("/stream?prompt=Tokyo");
    assertThat(new SseEvents(response.body().source()).next().name()).isEqualTo("text");

    response.close();
  }

  @Test
  void closingTheConnectionCancelsTheRunAndClosesItsUpstreamStream() throws Exception {
    leaveAHeldStream();

    assertThat(served.claude.awaitClientDisconnect(WAIT)).isTrue();
    assertThat(served.server.awaitIdle(WAIT)).isTrue();
    assertThat(served.server.liveStreams()).isZero();
  }

  @Test
  void theSlotOfAClientThatLeftServesTheNextStream() throws Exception {
    leaveAHeldStream();
    assertThat(served.server.awaitIdle(WAIT)).isTrue();

    try (Response next = served.get("/stream?prompt=Again")) {
      assertThat(next.code()).isEqualTo(200);
      List<SseEvents.Event> events = new SseEvents(next.body().source()).remaining();
      assertThat(SseEvents.names(events)).containsExactly("text", "turn", "done");
      assertThat(events.get(0).json().get("text").asString()).isEqualTo("Again.");
    }
  }
}
