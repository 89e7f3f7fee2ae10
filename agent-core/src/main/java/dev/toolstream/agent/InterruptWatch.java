package dev.toolstream.agent;

import dev.toolstream.internal.http.Watchdog;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cancels a run when the thread running it is interrupted, even while that thread is blocked in a
 * socket read, which does not see interrupts: the {@link Watchdog} checks the threads of all
 * watched runs every {@link #PERIOD}, in one sweep, while there are any. One sweep for all runs,
 * rather than a timer task each, keeps ten thousand runs from queueing on the timer's lock. A run
 * whose cancel throws is logged and the sweep goes on: a periodic task that throws is never run
 * again, and every later run would go unwatched. Thread-safe.
 */
final class InterruptWatch {
  static final Duration PERIOD = Duration.ofMillis(20);

  private static final Logger log = LoggerFactory.getLogger("dev.toolstream.agent");

  private static final Set<Watched> WATCHED = ConcurrentHashMap.newKeySet();
  private static final Object LOCK = new Object();
  private static @Nullable ScheduledFuture<?> sweeping; // Guarded by LOCK.

  private InterruptWatch() {}

  /** Watches the calling thread until the returned handle is closed, cancelling {@code control}. */
  static Handle watchCurrentThread(RunControl control) {
    Watched watched = new Watched(Thread.currentThread(), control);
    WATCHED.add(watched);
    synchronized (LOCK) {
      if (sweeping == null || sweeping.isDone()) { // Done only if it threw after all: start anew.
        sweeping =
            Watchdog.TIMER.scheduleWithFixedDelay(
                InterruptWatch::sweep, PERIOD.toNanos(), PERIOD.toNanos(), TimeUnit.NANOSECONDS);
      }
    }
    return () -> WATCHED.remove(watched);
  }

  /** Cancels the runs whose threads are interrupted; stops sweeping once none is watched. */
  private static void sweep() {
    if (WATCHED.isEmpty()) {
      synchronized (LOCK) {
        // Checked again under the lock: a run that starts now finds the sweep stopped, and starts it.
        if (WATCHED.isEmpty() && sweeping != null) {
          sweeping.cancel(false);
          sweeping = null;
        }
      }
      return;
    }
    for (Watched watched : WATCHED) {
      if (watched.thread.isInterrupted() && !watched.control.isCancelled()) {
        try {
          watched.control.cancel();
        } catch (RuntimeException e) {
          // Closing its stream (an OkHttp listener may throw): the run is cancelled all the same.
          log.warn(
              "cancelling the run of interrupted thread {} threw", watched.thread.getName(), e);
        }
      }
    }
  }

  /** A run's control and the thread running it; equal only to itself. */
  private static final class Watched {
    final Thread thread;
    final RunControl control;

    Watched(Thread thread, RunControl control) {
      this.thread = thread;
      this.control = control;
    }
  }

  /** Stops watching a thread. */
  interface Handle extends AutoCloseable {
    @Override
    void close();
  }
}
