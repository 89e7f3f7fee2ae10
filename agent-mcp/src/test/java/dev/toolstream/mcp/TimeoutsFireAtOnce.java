package dev.toolstream.mcp;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A timer on which time passes at once: each timeout fires as soon as it is scheduled (or, given a
 * latch, as soon as the latch opens, such as once the call it limits has reached the server), on
 * the timer's own thread, and the delay it was asked for is kept. Tests of timeouts run on it
 * instead of waiting for the clock, through {@code McpToolServer.Builder.timer} or {@code
 * AgentTimer.timer}.
 */
final class TimeoutsFireAtOnce extends ScheduledThreadPoolExecutor {
  private final List<Duration> delays = new CopyOnWriteArrayList<>();
  private final CountDownLatch armed;

  /** Fires each timeout as soon as it is scheduled. */
  TimeoutsFireAtOnce() {
    this(new CountDownLatch(0));
  }

  /**
   * Fires each timeout as soon as {@code armed} opens; after 30 seconds without it, anyway, so that
   * a test fails on what it asserts instead of hanging.
   */
  TimeoutsFireAtOnce(CountDownLatch armed) {
    super(
        1,
        runnable -> {
          Thread thread = new Thread(runnable, "test-timer");
          thread.setDaemon(true);
          return thread;
        });
    this.armed = armed;
  }

  @Override
  public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
    return schedule(Executors.callable(command), delay, unit);
  }

  @Override
  public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
    delays.add(Duration.ofNanos(unit.toNanos(delay)));
    return super.schedule(
        () -> {
          armed.await(30, TimeUnit.SECONDS); // A bound, not a sleep: the latch opens at once.
          return callable.call();
        },
        0,
        TimeUnit.NANOSECONDS);
  }

  /** Returns the delays timeouts were scheduled with, in order. */
  List<Duration> delays() {
    return delays;
  }
}
