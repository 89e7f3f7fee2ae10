package dev.toolstream.examples.weather.web;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The server's executor: at most a fixed number of requests are served at once, and each must
 * arrive within a time limit, so that connections that send half a request and stall cannot hold
 * the server's threads.
 *
 * <p>The JDK's server hands a connection to its executor as soon as the first byte of a request
 * arrives, and that thread then blocks reading the rest. Here each such task starts a clock: if the
 * headers (then, for a body, {@link #readWithin the body}) have not arrived when it runs out, the
 * thread is interrupted, which closes the connection's channel and ends the read. A task beyond
 * the limit is refused, and the JDK's server closes its connection at once. The JDK's own
 * {@code sun.net.httpserver.maxReqTime} and {@code jdk.httpserver.maxConnections} would do the
 * same, but they are read once per JVM, not per server, and the second is not in every Java 17.
 *
 * <p>Thread-safe.
 */
final class HandlerThreads implements Executor, AutoCloseable {
  private final int limit;
  private final Duration readTimeout;
  private final ExecutorService threads;
  private final ScheduledExecutorService clocks;
  private final ThreadLocal<Clock> current = new ThreadLocal<>();
  private int busy;

  /**
   * Returns an executor that serves at most {@code limit} exchanges at once on threads from {@code
   * threadFactory}, timing each read to {@code readTimeout} on {@code clocks}.
   */
  HandlerThreads(
      int limit,
      Duration readTimeout,
      ThreadFactory threadFactory,
      ScheduledExecutorService clocks) {
    this.limit = limit;
    this.readTimeout = readTimeout;
    this.threads = Executors.newCachedThreadPool(threadFactory);
    this.clocks = clocks;
  }

  /**
   * Runs one exchange of the JDK's server on a thread of its own, with the clock for its headers
   * running.
   *
   * @throws RejectedExecutionException if {@code limit} exchanges are being served, or after
   *     {@link #close()}; the JDK's server then closes the connection
   */
  @Override
  public void execute(Runnable exchange) {
    synchronized (this) {
      if (busy == limit) {
        throw new RejectedExecutionException("all " + limit + " handler threads are busy");
      }
      busy++;
      notifyAll();
    }
    try {
      threads.execute(() -> serve(exchange));
    } catch (RejectedExecutionException e) {
      release();
      throw e;
    }
  }

  private void serve(Runnable exchange) {
    Clock clock = start();
    try {
      exchange.run();
    } finally {
      clock.stop();
      current.remove();
      Thread.interrupted(); // A clock that ran out must not interrupt this thread's next task.
      release();
    }
  }

  /**
   * Stops the clock of the exchange on this thread: its headers have arrived. Called by the
   * server's handler before anything else.
   */
  void headersRead() {
    Clock clock = current.get();
    if (clock != null && !clock.stop()) {
      Thread.interrupted(); // The clock ran out as the read ended: the read itself succeeded.
    }
  }

  /**
   * Runs {@code read}, which reads the request's body, within the read timeout.
   *
   * @throws IOException what {@code read} throws, such as {@link
   *     java.nio.channels.ClosedByInterruptException} when the timeout closed the connection
   */
  <T> T readWithin(BodyRead<T> read) throws IOException, Rejection {
    Clock clock = start();
    try {
      return read.read();
    } finally {
      if (!clock.stop()) {
        Thread.interrupted();
      }
    }
  }

  /** Reads a request body; may throw what reading and checking it throw. */
  interface BodyRead<T> {
    T read() throws IOException, Rejection;
  }

  /** Returns how many exchanges are being served now. */
  synchronized int busy() {
    return busy;
  }

  /** Waits up to {@code timeout} until exactly {@code count} exchanges are being served. */
  synchronized boolean awaitBusy(int count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (busy != count) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return true;
  }

  /** Interrupts the exchanges being served and refuses any more. */
  @Override
  public void close() {
    threads.shutdownNow();
  }

  private synchronized void release() {
    busy--;
    notifyAll();
  }

  private Clock start() {
    Clock clock = new Clock(Thread.currentThread());
    current.set(clock);
    clock.schedule(clocks, readTimeout);
    return clock;
  }

  /** The time limit of one read: interrupts its thread if not stopped in time. */
  private static final class Clock {
    private final Thread thread;
    private @Nullable ScheduledFuture<?> alarm;
    private boolean stopped;
    private boolean ranOut;

    Clock(Thread thread) {
      this.thread = thread;
    }

    void schedule(ScheduledExecutorService clocks, Duration timeout) {
      ScheduledFuture<?> scheduled =
          clocks.schedule(this::runOut, timeout.toNanos(), TimeUnit.NANOSECONDS);
      synchronized (this) {
        alarm = scheduled;
      }
    }

    private synchronized void runOut() {
      if (!stopped) {
        ranOut = true;
        thread.interrupt(); // Under the lock: once stop() returns, no interrupt is on its way.
      }
    }

    /** Stops the clock; returns false if it had run out (its interrupt has been delivered). */
    synchronized boolean stop() {
      if (stopped) {
        return !ranOut;
      }
      stopped = true;
      if (alarm != null) {
        alarm.cancel(false);
      }
      return !ranOut;
    }
  }
}
