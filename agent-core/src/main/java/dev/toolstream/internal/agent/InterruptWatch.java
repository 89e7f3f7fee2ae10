package dev.toolstream.internal.agent;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * Cancels a run when the thread running it is interrupted, even while that thread is blocked in a
 * socket read, which does not see interrupts. One shared daemon thread checks the watched threads
 * every {@link #PERIOD} while any run is watched, and sleeps while none is. Thread-safe.
 */
final class InterruptWatch {
  static final Duration PERIOD = Duration.ofMillis(20);

  private static final Map<Thread, RunControl> WATCHED = new ConcurrentHashMap<>();
  private static @Nullable Thread watcher; // Guarded by InterruptWatch.class.

  private InterruptWatch() {}

  /** Watches the calling thread until the returned handle is closed, cancelling {@code control}. */
  static Handle watchCurrentThread(RunControl control) {
    Thread thread = Thread.currentThread();
    WATCHED.put(thread, control);
    LockSupport.unpark(watcher());
    return () -> WATCHED.remove(thread, control);
  }

  /** Stops watching a thread. */
  interface Handle extends AutoCloseable {
    @Override
    void close();
  }

  private static synchronized Thread watcher() {
    if (watcher == null) {
      watcher = new Thread(InterruptWatch::watch, "toolstream-interrupt-watch");
      watcher.setDaemon(true);
      watcher.start();
    }
    return watcher;
  }

  private static void watch() {
    while (true) {
      if (WATCHED.isEmpty()) {
        LockSupport.park(); // Woken by the next watchCurrentThread.
        continue;
      }
      WATCHED.forEach(
          (thread, control) -> {
            if (thread.isInterrupted() && !control.isCancelled()) {
              control.cancel();
            }
          });
      LockSupport.parkNanos(PERIOD.toNanos());
    }
  }
}
