package dev.toolstream.internal.http;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * The library's one timer thread, a daemon: it cuts calls that go quiet ({@link IdleTimer}), times
 * out tool calls and checks whether the threads of synchronous runs were interrupted. Its tasks
 * must be short. Not part of the public API.
 */
public final class Watchdog {
  /** The timer; cancelled tasks leave its queue at once. */
  public static final ScheduledExecutorService TIMER = create();

  private Watchdog() {}

  private static ScheduledExecutorService create() {
    ScheduledThreadPoolExecutor executor =
        new ScheduledThreadPoolExecutor(
            1,
            runnable -> {
              Thread thread = new Thread(runnable, "toolstream-watchdog");
              thread.setDaemon(true);
              return thread;
            });
    executor.setRemoveOnCancelPolicy(true);
    return executor;
  }
}
