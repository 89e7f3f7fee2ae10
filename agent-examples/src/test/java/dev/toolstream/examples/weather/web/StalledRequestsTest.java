package dev.toolstream.examples.weather.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.toolstream.agent.Agent;
import dev.toolstream.client.MessagesClient;
import dev.toolstream.testkit.Script;
import dev.toolstream.testkit.ScriptedClaude;
import dev.toolstream.testkit.Turn;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Connections that send half a request and stall cannot hold the server: each read has a time
 * limit, and at most a fixed number of requests are served at once.
 */
final class StalledRequestsTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private ServedAgent served;
  private final List<Socket> sockets = new ArrayList<>();

  @AfterEach
  void stop() throws IOException {
    for (Socket socket : sockets) {
      socket.close();
    }
    if (served != null) {
      served.close();
    }
  }

  private void serve(Consumer<WeatherServer.Builder> configure) {
    served = ServedAgent.start(ScriptedClaude.start(Script.of(Turn.text("Sunny."))), configure);
  }

  /** Opens a connection and sends {@code text}, without reading anything back. */
  private Socket send(String text) throws IOException {
    Socket socket = new Socket(InetAddress.getLoopbackAddress(), served.server.port());
    sockets.add(socket);
    socket.setSoTimeout((int) WAIT.toMillis()); // A guard: the test fails rather than hangs.
    socket.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
    socket.getOutputStream().flush();
    return socket;
  }

  private String host() {
    return "Host: 127.0.0.1:" + served.server.port() + "\r\n";
  }

  /** Asserts the server closed the connection without a byte of response. */
  private static void assertClosedUnanswered(Socket socket) throws IOException {
    InputStream in = socket.getInputStream();
    int first;
    try {
      first = in.read();
    } catch (SocketException reset) {
      first = -1; // Closed with unread input: the peer sees a reset, which is a close too.
    }
    assertThat(first).as("the server closed the connection without answering").isEqualTo(-1);
  }

  @Test
  void aRequestWhoseHeadersStallIsDropped() throws Exception {
    serve(builder -> builder.requestTimeout(Duration.ofMillis(20)));

    Socket stalled = send("GET / HTTP/1.1\r\n" + host());

    assertClosedUnanswered(stalled);
    assertThat(served.server.handlerThreads().awaitBusy(0, WAIT)).isTrue();
    try (Response page = served.get("/")) {
      assertThat(page.code()).isEqualTo(200); // The server is well.
    }
  }

  @Test
  void aRequestWhoseBodyStallsIsDropped() throws Exception {
    serve(builder -> builder.requestTimeout(Duration.ofMillis(20)));

    Socket stalled =
        send(
            "POST /stream HTTP/1.1\r\n"
                + host()
                + "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"prompt\":");

    assertClosedUnanswered(stalled);
    assertThat(served.server.handlerThreads().awaitBusy(0, WAIT)).isTrue();
    assertThat(served.claude.requests()).isEmpty();
  }

  @Test
  void halfOpenConnectionsCannotHoldMoreThreadsThanTheLimit() throws Exception {
    serve(builder -> builder.maxConnections(4).maxConcurrentStreams(2));
    HandlerThreads threads = served.server.handlerThreads();
    List<Socket> held = new ArrayList<>();
    for (int i = 1; i <= 4; i++) {
      held.add(send("GET / HTTP/1.1\r\n"));
      assertThat(threads.awaitBusy(i, WAIT)).as("busy %d, now %d", i, threads.busy()).isTrue();
    }

    for (int i = 0; i < 40; i++) {
      assertClosedUnanswered(send("GET / HTTP/1.1\r\n" + host() + "\r\n"));
    }

    assertThat(threads.busy()).isEqualTo(4);
    for (Socket socket : held) {
      socket.close(); // The server's reads end, and their threads are free again.
    }
    assertThat(threads.awaitBusy(0, WAIT)).isTrue();
    try (Response page = served.get("/")) {
      assertThat(page.code()).isEqualTo(200);
    }
  }

  @Test
  void theConnectionLimitMustLeaveRoomForThePage() {
    MessagesClient client =
        MessagesClient.builder().apiKey("test-key").baseUrl("http://127.0.0.1:9").build();
    Agent agent = Agent.builder().client(client).model("claude-sonnet-4-6").build();

    assertThatThrownBy(
            () ->
                WeatherServer.builder()
                    .agent(agent)
                    .port(0)
                    .maxConnections(8)
                    .maxConcurrentStreams(8)
                    .start())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("maxConnections (8) must be more than maxConcurrentStreams (8)");
  }
}
