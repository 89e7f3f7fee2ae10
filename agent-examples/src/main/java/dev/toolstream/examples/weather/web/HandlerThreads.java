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
 * The server's executor: at most a fixed number of requests are served at once, each must arrive
 * within a time limit, and each piece of a response must be taken within it too, so that
 * connections that send half a request, or stop reading a stream, cannot hold the server's
 * threads.
 *
 * <p>The JDK's server hands a connection to its executor as soon as the first byte of a request
 * arrives, and that thread then blocks reading the rest. Here each such task starts a clock: if the
 * headers (then, for a body, {@link #readWithin the body}) have not arrived when it runs out, the
 * thread is interrupted, which closes the connection's channel and ends the read. Each write of a
 * stream is timed the same way ({@link #writeWithin}), on whichever thread writes it. A task beyond
 * the limit is refused, and the JDK's server closes its connection at once. The JDK's own
 * {@code sun.net.httpserver.maxReqTime} and {@code jdk.httpserver.maxConnections} would do the
 * same, but they are read once per JVM, not per server, and the second is not in every Java 17.
 *
 * <p>Thread-safe.
 */
final class HandlerThreads implements Executor, AutoCloseable {
  private final int limit;
  private final Duration timeout;
  private final ExecutorService threads;
  private final ScheduledExecutorService clocks;
  private final ThreadLocal<Clock> current = new ThreadLocal<>();
  private int busy;

  /**
   * Returns an executor that serves at most {@code limit} exchanges at once on threads from {@code
   * threadFactory}, timing each read and write to {@code timeout} on {@code clocks}.
   */
  HandlerThreads(
      int limit,
      Duration timeout,
      ThreadFactory threadFactory,
      ScheduledExecutorService clocks) {
    this.limit = limit;
    this.timeout = timeout;
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
    current.set(clock);
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
    if (clock != null) {
      clock.stopAndForget(); // A clock that ran out as the read ended: the read itself succeeded.
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
      clock.stopAndForget();
    }
  }

  /**
   * Runs {@code write}, which writes and flushes a piece of a response, within the same timeout:
   * a write blocks only while the client takes nothing (its connection's buffers are full), and a
   * client that takes nothing for that long has stopped reading. Then the connection is closed
   * and {@code write} fails. Any thread may call it, such as a run's thread writing an event.
   *
   * @throws IOException what {@code write} throws, such as {@link
   *     java.nio.channels.ClosedByInterruptException} when the timeout closed the connection
   */
  void writeWithin(Write write) throws IOException {
    Clock clock = start();
    try {
      write.write();
    } finally {
      clock.stopAndForget();
    }
  }

  /** Reads a request body; may throw what reading and checking it throw. */
  interface BodyRead<T> {
    T read() throws IOException, Rejection;
  }

  /** Writes a piece of a response. */
  interface Write {
    void write() throws IOException;
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

  /** Starts a clock that interrupts this thread when the timeout runs out. */
  private Clock start() {
    Clock clock = new Clock(Thread.currentThread());
    clock.schedule(clocks, timeout);
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
      ScheduledFuture<?> scheduled;
      try {
        scheduled = clocks.schedule(this::runOut, timeout.toNanos(), TimeUnit.NANOSECONDS);
      } catch (RejectedExecutionException closed) {
        runOut(); // The server has closed, and its connections with it: no read or write waits.
        return;
      }
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

    /**
     * Stops the clock, and clears the interrupt it delivered if it had run out: the I/O it timed
     * has failed or finished, and the thread goes on, perhaps to run more of someone else's work.
     */
    void stopAndForget() {
      if (!stop()) {
        Thread.interrupted();
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
