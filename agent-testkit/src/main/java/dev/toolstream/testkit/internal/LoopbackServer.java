package dev.toolstream.testkit.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small HTTP/1.1 server on 127.0.0.1, written on plain JDK sockets rather than {@code
 * com.sun.net.httpserver}: that server buffers and frames chunks itself, always ends a body with
 * the terminator, and only reveals a client's close as a failed write. Owning the socket lets the
 * test kit choose every chunk boundary and flush, cut a body without its terminator, and notice a
 * client closing during a pause or a stall.
 *
 * <p>One thread accepts; one more serves each connection, each made by the given factory. Thread-safe.
 */
public final class LoopbackServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LoopbackServer.class);
  private static final int BACKLOG = 4096;

  /** Answers one request; called on the connection's thread, possibly from several at once. */
  public interface Handler {
    /** Returns the response to {@code request}; must not throw. */
    Response respond(HttpRequest request);
  }

  private final Handler handler;
  private final Transport transport;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private final AtomicInteger disconnects = new AtomicInteger();
  private final Semaphore disconnectPermits = new Semaphore(0);
  private final ExecutorService threads;
  private final ServerSocket serverSocket;
  private volatile boolean closing;

  /**
   * Binds 127.0.0.1:{@code port} (0 for any free port) and starts accepting connections, on
   * threads from {@code threadFactory}, or daemon threads named {@code ScriptedClaude-N} if null.
   */
  public LoopbackServer(
      Handler handler, Transport transport, int port, @Nullable ThreadFactory threadFactory) {
    this.handler = handler;
    this.transport = transport;
    this.threads =
        Executors.newCachedThreadPool(threadFactory != null ? threadFactory : daemons());
    try {
      serverSocket = new ServerSocket();
      // A deep queue of pending connections, so that a burst of clients (a scale run opens
      // thousands at once) waits to be accepted instead of retrying its connect a second later.
      serverSocket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), BACKLOG);
    } catch (IOException e) {
      threads.shutdown();
      throw new UncheckedIOException("Cannot listen on 127.0.0.1:" + port + "; use port 0", e);
    }
    threads.execute(this::acceptLoop);
  }

  private static ThreadFactory daemons() {
    AtomicInteger threadCount = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, "ScriptedClaude-" + threadCount.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  /** Returns the port the server listens on. */
  public int port() {
    return serverSocket.getLocalPort();
  }

  /** Returns how many streamed responses the client closed before they ended. */
  public int clientDisconnects() {
    return disconnects.get();
  }

  /** Waits for one client disconnect not yet awaited; returns false if none comes in time. */
  public boolean awaitClientDisconnect(Duration timeout) throws InterruptedException {
    return disconnectPermits.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** Stops accepting, closes every open connection and waits briefly for the threads to end. */
  @Override
  public void close() {
    closing = true;
    try {
      serverSocket.close();
    } catch (IOException e) {
      log.debug("Closing the server socket failed", e);
    }
    for (Socket socket : sockets) {
      try {
        socket.close();
      } catch (IOException e) {
        log.debug("Closing a connection failed", e);
      }
    }
    threads.shutdownNow();
    try {
      threads.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  Handler handler() {
    return handler;
  }

  boolean isClosing() {
    return closing;
  }

  void clientDisconnected() {
    disconnects.incrementAndGet();
    disconnectPermits.release();
  }

  void forget(Socket socket) {
    sockets.remove(socket);
  }

  private void acceptLoop() {
    while (!closing) {
      try {
        Socket socket = serverSocket.accept();
        socket.setTcpNoDelay(true);
        sockets.add(socket);
        if (closing) {
          socket.close();
          return;
        }
        threads.execute(new Connection(socket, this, transport));
      } catch (IOException e) {
        if (!closing) {
          log.warn("ScriptedClaude stopped accepting connections", e);
        }
        return;
      }
    }
  }
}
