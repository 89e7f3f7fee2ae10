package dev.toolstream.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A loopback HTTP server (the JDK's) that answers any request under {@code /NAME/} with the
 * pre-built event-stream body registered as {@code NAME}, with a fixed length, so the server costs
 * as little as possible next to the client being measured. The body goes out in writes of the
 * sizes it was registered with, none of them flushed, into an 8 KiB buffer (as the JDK's server
 * has from Java 21 on; Java 17's writes each straight to the socket): small writes are coalesced
 * as a server's buffer and TCP coalesce them, so the client reads chunks that end anywhere,
 * mid-line and mid-character, and the server spends no system call per tiny write (one per tiny
 * write would measure the server's system calls, not the client: 16 to 64-byte writes cost the
 * server some 400 ms per text stream on this machine).
 * Keep-alive is on, so each client reuses its connection as it would against the API.
 *
 * <p>Thread-safe; {@link #close()} stops it.
 */
public final class LoopbackServer implements AutoCloseable {
  static {
    // Small writes must leave at once (the latency harness writes one event per write).
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  /** The server's output buffer, in which unflushed writes are coalesced. */
  private static final int BUFFER = 8 * 1024;

  private final HttpServer server;
  private final ExecutorService executor;
  private final Map<String, byte[]> bodies = new ConcurrentHashMap<>();
  private final Map<String, int[]> writeSizes = new ConcurrentHashMap<>();

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
   * Serves {@code body} under {@code /name/} in writes of {@code writeSize} bytes, not flushed, and
   * returns that base URL.
   */
  public String serve(String name, byte[] body, int writeSize) {
    return serve(name, body, writeSize, writeSize);
  }

  /**
   * Serves {@code body} under {@code /name/} in writes of {@code minWrite} to {@code maxWrite}
   * bytes each (sizes drawn from a fixed seed, so every response is cut alike), not flushed, and
   * returns that base URL.
   */
  public String serve(String name, byte[] body, int minWrite, int maxWrite) {
    if (minWrite < 1 || maxWrite < minWrite) {
      throw new IllegalArgumentException(
          "write sizes must be 1 <= min <= max, not " + minWrite + " and " + maxWrite);
    }
    bodies.put(name, body);
    writeSizes.put(name, new int[] {minWrite, maxWrite});
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
      int[] sizes = writeSizes.getOrDefault(name, new int[] {body.length, body.length});
      Random random = new Random(name.hashCode());
      try (OutputStream out = new BufferedOutputStream(exchange.getResponseBody(), BUFFER)) {
        for (int at = 0; at < body.length; ) {
          int size = sizes[0] + (sizes[1] > sizes[0] ? random.nextInt(sizes[1] - sizes[0] + 1) : 0);
          int length = Math.min(size, body.length - at);
          out.write(body, at, length);
          at += length;
        }
      } // Closing flushes what the server's buffer still holds.
    }
  }

  /** Stops the server at once. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
