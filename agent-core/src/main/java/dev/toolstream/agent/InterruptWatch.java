package dev.toolstream.agent;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Cancels a run when the thread running it is interrupted, even while that thread is blocked in a
 * socket read, which does not see interrupts: the {@link Watchdog} checks the thread every {@link
 * #PERIOD} until the run ends. Thread-safe.
 */
final class InterruptWatch {
  static final Duration PERIOD = Duration.ofMillis(20);

  private InterruptWatch() {}

  /** Watches the calling thread until the returned handle is closed, cancelling {@code control}. */
  static Handle watchCurrentThread(RunControl control) {
    Thread thread = Thread.currentThread();
    ScheduledFuture<?> check =
        Watchdog.TIMER.scheduleWithFixedDelay(
            () -> {
              if (thread.isInterrupted() && !control.isCancelled()) {
                control.cancel();
              }
            },
            PERIOD.toNanos(),
            PERIOD.toNanos(),
            TimeUnit.NANOSECONDS);
    return () -> check.cancel(false);
  }

  /** Stops watching a thread. */
  interface Handle extends AutoCloseable {
    @Override
    void close();
  }
}
