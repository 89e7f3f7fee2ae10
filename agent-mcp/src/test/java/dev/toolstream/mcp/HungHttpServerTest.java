package dev.toolstream.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.toolstream.agent.ToolOutput;
import dev.toolstream.mcp.internal.McpContent;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A Streamable HTTP server that initializes and lists its tool, then answers nothing: neither the
 * call nor the {@code notifications/cancelled} that abandons it. What a call abandoned on such a
 * server may hold is its own thread, for a bounded time.
 */
final class HungHttpServerTest {
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final CountDownLatch called = new CountDownLatch(1);
  private final CountDownLatch cancelled = new CountDownLatch(1);
  private HttpServer server;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(threads);
    server.createContext("/mcp", this::handle);
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
    threads.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    if (!exchange.getRequestMethod().equals("POST")) {
      exchange.sendResponseHeaders(405, -1);
      exchange.close();
      return;
    }
    JsonNode message =
        McpContent.JSON.readTree(
            new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    String method = message.path("method").asString();
    switch (method) {
      case "initialize" ->
          answer(
              exchange,
              message,
              "{\"protocolVersion\":"
                  + message.at("/params/protocolVersion")
                  + ",\"capabilities\":{\"tools\":{}},"
                  + "\"serverInfo\":{\"name\":\"hung\",\"version\":\"1\"}}");
      case "tools/list" ->
          answer(
              exchange,
              message,
              "{\"tools\":[{\"name\":\"wait\",\"description\":\"Waits.\","
                  + "\"inputSchema\":{\"type\":\"object\"}}]}");
      case "tools/call" -> called.countDown(); // No answer, ever.
      case "notifications/cancelled" -> cancelled.countDown(); // Nor to this.
      default -> {
        exchange.sendResponseHeaders(202, -1);
        exchange.close();
      }
    }
  }

  private static void answer(HttpExchange exchange, JsonNode request, String result)
      throws IOException {
    byte[] body =
        ("{\"jsonrpc\":\"2.0\",\"id\":" + request.get("id") + ",\"result\":" + result + "}")
            .getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.getResponseHeaders().add("Mcp-Session-Id", "session-1");
    exchange.sendResponseHeaders(200, body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }

  @Test
  void aCallAbandonedOnAServerThatAnswersNothingGivesItsThreadBack() throws Exception {
    URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/mcp");
    try (McpConnection hung = McpConnection.http("hung", url).connect()) {
      AtomicReference<Thread> caller = new AtomicReference<>();
      CompletableFuture<ToolOutput> call =
          CompletableFuture.supplyAsync(
              () -> {
                caller.set(Thread.currentThread());
                try {
                  return hung.tools()
                      .get(0)
                      .handler()
                      .call(McpContent.JSON.readTree("{}"), new FixedContext());
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              },
              threads);
      assertThat(called.await(30, TimeUnit.SECONDS)).isTrue();

      caller.get().interrupt(); // As the agent does when a call times out or its run is cancelled.

      ToolOutput output = call.get(30, TimeUnit.SECONDS);
      assertThat(output.isError()).isTrue();
      assertThat(output.content().toString()).contains("the call of wait was cancelled");
      assertThat(cancelled.await(30, TimeUnit.SECONDS)).as("notifications/cancelled").isTrue();
    }
  }
}
