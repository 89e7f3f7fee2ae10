package dev.toolstream.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A loopback HTTP server (the JDK's) that answers any request under {@code /NAME/} with the
 * pre-built event-stream body registered as {@code NAME}, in one write with a fixed length, so the
 * server costs as little as possible next to the client being measured. Keep-alive is on, so each
 * client reuses its connection as it would against the API.
 *
 * <p>Thread-safe; {@link #close()} stops it.
 */
public final class LoopbackServer implements AutoCloseable {
  static {
    // Small writes must leave at once (the latency harness writes one event per write).
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private final HttpServer server;
  private final ExecutorService executor;
  private final Map<String, byte[]> bodies = new ConcurrentHashMap<>();
  private final Map<String, Integer> writeSizes = new ConcurrentHashMap<>();

  private LoopbackServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** Starts a server on an ephemeral loopback port. */
  public static LoopbackServer start() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    ExecutorService executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread thread = new Thread(r, "loopback-server");
              thread.setDaemon(true);
              return thread;
            });
    LoopbackServer loopback = new LoopbackServer(server, executor);
    server.createContext("/", loopback::handle);
    server.setExecutor(executor);
    server.start();
    return loopback;
  }

  /** Serves {@code body} under {@code /name/}, in one write, and returns that base URL. */
  public String serve(String name, byte[] body) {
    return serve(name, body, body.length);
  }

  /**
   * Serves {@code body} under {@code /name/} in writes of {@code writeSize} bytes, each flushed,
   * and returns that base URL.
   */
  public String serve(String name, byte[] body, int writeSize) {
    bodies.put(name, body);
    writeSizes.put(name, Math.max(1, writeSize));
    return baseUrl(name);
  }

  /**
   * Returns the base URL under which {@code name} is served, such as {@code
   * http://127.0.0.1:PORT/text}.
   */
  public String baseUrl(String name) {
    InetSocketAddress address = server.getAddress();
    return "http://" + address.getAddress().getHostAddress() + ":" + address.getPort() + "/" + name;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      try (InputStream request = exchange.getRequestBody()) {
        request.transferTo(OutputStream.nullOutputStream());
      }
      String path = exchange.getRequestURI().getPath();
      int end = path.indexOf('/', 1);
      String name = end < 0 ? path.substring(1) : path.substring(1, end);
      byte[] body = bodies.get(name);
      if (body == null) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      exchange.getResponseHeaders().set("content-type", "text/event-stream; charset=utf-8");
      exchange.getResponseHeaders().set("request-id", "req_bench");
      exchange.sendResponseHeaders(200, body.length);
      int writeSize = writeSizes.getOrDefault(name, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        for (int at = 0; at < body.length; at += writeSize) {
          out.write(body, at, Math.min(writeSize, body.length - at));
          if (writeSize < body.length) {
            out.flush();
          }
        }
      }
    }
  }

  /** Stops the server at once. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
