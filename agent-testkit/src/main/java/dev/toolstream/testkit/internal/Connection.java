package dev.toolstream.testkit.internal;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one client connection: reads requests one after another (keep-alive), asks the handler for
 * each response and writes it. A streamed response that the client closes before it ends is
 * reported to {@link LoopbackServer#clientDisconnected()}.
 */
final class Connection implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(Connection.class);
  private static final Map<Integer, String> REASONS =
      Map.ofEntries(
          Map.entry(200, "OK"),
          Map.entry(400, "Bad Request"),
          Map.entry(401, "Unauthorized"),
          Map.entry(403, "Forbidden"),
          Map.entry(404, "Not Found"),
          Map.entry(408, "Request Timeout"),
          Map.entry(409, "Conflict"),
          Map.entry(413, "Payload Too Large"),
          Map.entry(429, "Too Many Requests"),
          Map.entry(500, "Internal Server Error"),
          Map.entry(502, "Bad Gateway"),
          Map.entry(503, "Service Unavailable"),
          Map.entry(504, "Gateway Timeout"),
          Map.entry(529, "Overloaded"));

  private static final long HOLD_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

  private final Socket socket;
  private final LoopbackServer server;
  private final Transport transport;

  Connection(Socket socket, LoopbackServer server, Transport transport) {
    this.socket = socket;
    this.server = server;
    this.transport = transport;
  }

  @Override
  public void run() {
    try (socket) {
      InputStream in = new BufferedInputStream(socket.getInputStream());
      OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
      HttpRequestReader reader = new HttpRequestReader(in);
      for (HttpRequest request = reader.read(); request != null; request = reader.read()) {
        Response response = server.handler().respond(request);
        boolean open =
            response.fixedBody() != null
                ? writeFixed(out, response)
                : writeStreamed(in, out, response);
        if (!open || "close".equalsIgnoreCase(request.header("Connection"))) {
          return;
        }
      }
    } catch (IOException e) {
      if (!server.isClosing()) {
        log.debug("ScriptedClaude connection ended: {}", e.toString());
      }
    } catch (RuntimeException e) {
      // A malformed request or a bug: drop this connection, keep the server serving others.
      log.warn("ScriptedClaude dropped a connection", e);
    } finally {
      server.forget(socket);
    }
  }

  private boolean writeFixed(OutputStream out, Response response) throws IOException {
    byte[] body = response.fixedBody();
    writeHead(out, response, "content-length", Integer.toString(body == null ? 0 : body.length));
    if (body != null) {
      out.write(body);
    }
    out.flush();
    return true;
  }

  /** Writes a chunked body; returns whether the connection can carry another request. */
  private boolean writeStreamed(InputStream in, OutputStream out, Response response)
      throws IOException {
    try {
      writeHead(out, response, "transfer-encoding", "chunked");
      ChunkedBodyWriter body =
          new ChunkedBodyWriter(out, transport.chunkSizes().get(), response.byteLimit());
      for (Response.Frame frame : response.frames()) {
        Hold hold = frame.hold();
        if (hold != null && (!body.flushPending() || clientClosedAt(in, hold))) {
          return endAbruptly();
        }
        if (frame.pauseBefore() && !transport.deltaDelay().isZero()) {
          if (!body.flushPending() || clientClosedWithin(in, transport.deltaDelay().toNanos())) {
            return endAbruptly();
          }
        }
        if (!body.writeFrame(frame.bytes())) {
          return endAbruptly();
        }
      }
      switch (response.ending()) {
        case COMPLETE:
          body.finish();
          return true;
        case STALL:
          body.flushPending();
          awaitClientClose(in);
          return false;
        default:
          body.flushPending();
          return endAbruptly();
      }
    } catch (IOException e) {
      reportDisconnect();
      return false;
    }
  }

  /** Waits {@code nanos}; returns true early if the client closes the connection meanwhile. */
  private boolean clientClosedWithin(InputStream in, long nanos) throws IOException {
    long millis = TimeUnit.NANOSECONDS.toMillis(nanos);
    if (millis == 0) {
      // Below the socket timeout's resolution: a plain pause; the next write notices a close.
      LockSupport.parkNanos(nanos);
      return false;
    }
    socket.setSoTimeout((int) Math.min(millis, Integer.MAX_VALUE));
    try {
      in.mark(1);
      if (in.read() == -1) {
        reportDisconnect();
        return true;
      }
      // The client sent bytes mid-stream (a pipelined request): keep them and wait out the pause.
      in.reset();
      LockSupport.parkNanos(nanos);
      return false;
    } catch (SocketTimeoutException e) {
      return false;
    } finally {
      socket.setSoTimeout(0);
    }
  }

  /**
   * Marks {@code hold} reached and waits until it is opened; returns true early if the client
   * closes the connection meanwhile. The socket is watched in short slices, so an open is seen
   * within one slice.
   */
  private boolean clientClosedAt(InputStream in, Hold hold) throws IOException {
    hold.markReached();
    while (!hold.isOpen()) {
      if (clientClosedWithin(in, HOLD_SLICE_NANOS)) {
        return true;
      }
    }
    return false;
  }

  private void awaitClientClose(InputStream in) {
    try {
      while (in.read() != -1) {
        // A stalled stream ignores anything the client sends.
      }
    } catch (IOException e) {
      // A reset is a close too.
    }
    reportDisconnect();
  }

  /** Closes our side without the chunked terminator, after everything written so far. */
  private boolean endAbruptly() throws IOException {
    socket.shutdownOutput();
    return false;
  }

  private void reportDisconnect() {
    if (!server.isClosing()) {
      server.clientDisconnected();
    }
  }

  private static void writeHead(OutputStream out, Response response, String name, String value)
      throws IOException {
    StringBuilder head = new StringBuilder(256);
    head.append("HTTP/1.1 ").append(response.status()).append(' ');
    head.append(reason(response.status())).append("\r\n");
    for (Map.Entry<String, String> header : response.headers()) {
      head.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n");
    }
    head.append(name).append(": ").append(value).append("\r\n\r\n");
    out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
  }

  private static String reason(int status) {
    return REASONS.getOrDefault(status, "Status");
  }
}
