package dev.toolstream.agent;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A timer for {@link Agent.Builder#timer} on which time passes at once: each tool timeout fires as
 * soon as it is scheduled, on the timer's own thread, and the delay it was asked for is kept. Tests
 * of timeouts run on it instead of waiting for the clock.
 */
final class TimeoutsFireAtOnce extends ScheduledThreadPoolExecutor {
  private final List<Duration> delays = new CopyOnWriteArrayList<>();

  TimeoutsFireAtOnce() {
    super(
        1,
        runnable -> {
          Thread thread = new Thread(runnable, "test-timer");
          thread.setDaemon(true);
          return thread;
        });
  }

  @Override
  public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
    delays.add(Duration.ofNanos(unit.toNanos(delay)));
    return super.schedule(command, 0, TimeUnit.NANOSECONDS);
  }

  /** Returns the delays timeouts were scheduled with, in order. */
  List<Duration> delays() {
    return delays;
  }
}
