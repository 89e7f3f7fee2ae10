package dev.toolstream.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A loopback server that streams a text message one event per write, a fixed interval apart,
 * flushing each, and records {@link System#nanoTime()} just before each delta's write: the
 * reference for delivery latency. Serves one request at a time; call {@link #prepare} before each.
 */
final class PacedStreamServer implements AutoCloseable {
  static {
    // One small write per event: it must leave at once, not wait for Nagle.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private final HttpServer server;
  private final ExecutorService executor =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread thread = new Thread(r, "paced-server");
            thread.setDaemon(true);
            return thread;
          });
  private volatile long[] sentNanos = new long[0];
  private volatile long intervalNanos;
  private volatile CountDownLatch done = new CountDownLatch(0);

  PacedStreamServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  /** Returns the base URL to point a client at. */
  String baseUrl() {
    InetSocketAddress address = server.getAddress();
    return "http://" + address.getAddress().getHostAddress() + ":" + address.getPort() + "/paced";
  }

  /** Makes the next response carry {@code deltas} text deltas {@code intervalNanos} apart. */
  void prepare(int deltas, long intervalNanos) {
    this.sentNanos = new long[deltas];
    this.intervalNanos = intervalNanos;
    this.done = new CountDownLatch(1);
  }

  /** Returns when each delta of the last response was written, once the response is complete. */
  long[] sentNanos() throws InterruptedException {
    if (!done.await(1, TimeUnit.MINUTES)) {
      throw new IllegalStateException("the paced response did not finish within a minute");
    }
    return sentNanos;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try {
      respond(exchange);
    } finally {
      done.countDown();
    }
  }

  private void respond(HttpExchange exchange) throws IOException {
    try (exchange) {
      try (InputStream request = exchange.getRequestBody()) {
        request.transferTo(OutputStream.nullOutputStream());
      }
      long[] sent = sentNanos;
      byte[] delta =
          SseBody.frame(
              "content_block_delta",
              "{\"type\":\"content_block_delta\",\"index\":0,"
                  + "\"delta\":{\"type\":\"text_delta\",\"text\":\"token \"}}");
      exchange.getResponseHeaders().set("content-type", "text/event-stream; charset=utf-8");
      exchange.sendResponseHeaders(200, 0);
      OutputStream out = exchange.getResponseBody();
      out.write(new SseBody().messageStart("msg_01Paced", 10).textStart(0).bytes());
      out.flush();
      for (int i = 0; i < sent.length; i++) {
        if (intervalNanos > 0) {
          LockSupport.parkNanos(intervalNanos);
        }
        sent[i] = System.nanoTime();
        out.write(delta);
        out.flush();
      }
      out.write(new SseBody().stop(0).messageEnd("end_turn", sent.length).bytes());
      out.close();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
