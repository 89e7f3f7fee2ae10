package dev.toolstream.examples.weather.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolstream.testkit.ScriptedClaude;
import dev.toolstream.testkit.StreamGate;
import dev.toolstream.testkit.Turn;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A client that leaves, or stops reading, cancels its run, whose upstream stream closes, and
 * frees its slot.
 */
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

  @Test
  void aClientThatStopsReadingIsDroppedAndItsSlotFreed() throws Exception {
    // More text than the connection's buffers hold (a few MB on loopback), so that the server's
    // writes block once they are full.
    String[] deltas = new String[8_000];
    Arrays.fill(deltas, "x".repeat(1_000));
    served =
        ServedAgent.start(
            ScriptedClaude.start(request -> Turn.builder().textDeltas(deltas).build()),
            server -> server.maxConcurrentStreams(1).requestTimeout(Duration.ofMillis(200)));
    try (Socket reader = new Socket()) {
      reader.setReceiveBufferSize(4096);
      reader.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), served.server.port()));
      reader.setSoTimeout((int) WAIT.toMillis()); // A guard: the test fails rather than hangs.
      reader
          .getOutputStream()
          .write(
              ("GET /stream?prompt=Tokyo HTTP/1.1\r\nHost: 127.0.0.1:"
                      + served.server.port()
                      + "\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));

      InputStream in = reader.getInputStream();
      readHeaders(in); // The stream has its slot now.

      // The client reads nothing more while the server writes: it has stopped reading.
      assertThat(served.server.awaitIdle(WAIT))
          .as("the stream of a client that stopped reading gives its slot back")
          .isTrue();
      assertThat(readAll(in))
          .as("the stream was cut off, not finished")
          .contains("event: text")
          .doesNotContain("event: done");
    }
  }

  /** Reads a response's status line and headers, byte by byte so that no more is taken. */
  private static void readHeaders(InputStream in) throws IOException {
    int lineEnds = 0;
    for (int b; lineEnds < 2 && (b = in.read()) >= 0; ) {
      lineEnds = b == '\n' ? lineEnds + 1 : b == '\r' ? lineEnds : 0;
    }
    assertThat(lineEnds).as("the response's headers arrived").isEqualTo(2);
  }

  /** Returns what {@code in} holds up to its end, or up to a reset that ends it. */
  private static String readAll(InputStream in) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    byte[] buffer = new byte[64 * 1024];
    try {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        bytes.write(buffer, 0, n);
      }
    } catch (java.net.SocketException reset) {
      // The server closed the connection with unread input: a reset, which ends it too.
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
