package dev.toolstream.bench;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Counts OkHttp's "A connection to … was leaked" warnings (logged through java.util.logging when a
 * call that still held a connection is garbage-collected) instead of printing each one.
 */
final class LeakWarnings extends Handler {
  private static final Logger OKHTTP = Logger.getLogger("okhttp3.OkHttpClient");

  private final AtomicInteger count = new AtomicInteger();

  private LeakWarnings() {}

  /** Starts counting; OkHttp's own warnings are no longer printed. */
  static LeakWarnings install() {
    LeakWarnings warnings = new LeakWarnings();
    OKHTTP.setUseParentHandlers(false);
    OKHTTP.setLevel(Level.WARNING);
    OKHTTP.addHandler(warnings);
    return warnings;
  }

  /** Returns how many leak warnings came since the last call. */
  int takeCount() {
    return count.getAndSet(0);
  }

  @Override
  public void publish(LogRecord record) {
    String message = record.getMessage();
    if (message != null && message.contains("leaked")) {
      count.incrementAndGet();
    }
  }

  @Override
  public void flush() {}

  @Override
  public void close() {}
}
