package dev.toolstream.examples.weather.web;

import java.io.IOException;
import dev.toolstream.sse.RunEvent;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Writes one client's event stream: each event or comment is written and flushed whole, under one
 * lock, so events from different threads never interleave. The first failed write marks the
 * client gone: later writes are dropped, and the actions given to {@link #whenGone} run once.
 *
 * <p>Thread-safe. A write blocks while the client does not read, which holds the run back rather
 * than buffering its events; {@link #tryComment} does not wait behind such a write, so a heartbeat
 * never queues up. A write still blocked when the server's request timeout runs out fails, and
 * closes the connection: a client that has stopped reading is gone too.
 */
final class SseWriter {
  private final OutputStream out;
  private final HandlerThreads deadlines;
  private final ReentrantLock lock = new ReentrantLock();
  private final CompletableFuture<Void> gone = new CompletableFuture<>();
  private boolean closed;

  /** Writes to {@code out}, each write timed by {@code deadlines}. */
  SseWriter(OutputStream out, HandlerThreads deadlines) {
    this.out = out;
    this.deadlines = deadlines;
  }

  /** Writes and flushes {@code event}; returns false if the client is gone or the writer closed. */
  boolean event(RunEvent event) {
    return send(event.frame().getBytes(StandardCharsets.UTF_8), false);
  }

  /**
   * Writes and flushes the comment {@code : text} unless another write is under way (which shows
   * the connection just as well); returns false if the client is gone or the writer closed.
   */
  boolean tryComment(String text) {
    return send(comment(text), true);
  }

  /**
   * Returns a comment line ({@code : text}), which clients skip: a heartbeat that makes a write,
   * so a closed connection is noticed. Line breaks in {@code text} become spaces.
   */
  static byte[] comment(String text) {
    return (": " + text.replaceAll("[\r\n]", " ") + "\n").getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Runs {@code action} once when a write fails, on the failing writer's thread, or at once if one
   * has failed already.
   */
  void whenGone(Runnable action) {
    gone.thenRun(action);
  }

  /** Returns whether a write has failed. */
  boolean isGone() {
    return gone.isDone();
  }

  /** Drops every later write; what was written stays written. */
  void close() {
    lock.lock();
    try {
      closed = true;
    } finally {
      lock.unlock();
    }
  }

  private boolean send(byte[] bytes, boolean unlessBusy) {
    if (unlessBusy) {
      if (!lock.tryLock()) {
        return true;
      }
    } else {
      lock.lock();
    }
    boolean failed = false;
    try {
      if (closed) {
        return false;
      }
      deadlines.writeWithin(
          () -> {
            out.write(bytes);
            out.flush();
          });
      return true;
    } catch (IOException e) {
      closed = true;
      failed = true;
      return false;
    } finally {
      lock.unlock();
      if (failed) {
        gone.complete(null); // Outside the lock: the actions cancel a run, which may call back.
      }
    }
  }
}
