package dev.toolstream.client;

import dev.toolstream.internal.http.RetryClock;
import dev.toolstream.internal.http.RetryingCaller;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A clock that stands still until something sleeps on it, and records every sleep. */
final class FakeRetryClock implements RetryClock {
  private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
  private volatile long nanos = 1_000_000_000L;
  private volatile long tick;

  @Override
  public synchronized long nanoTime() {
    nanos += tick;
    return nanos;
  }

  @Override
  public void sleep(Duration wait, RetryingCaller.CallHolder holder) {
    sleeps.add(wait);
    nanos += wait.toNanos();
  }

  /** Moves the clock on by {@code duration}, as if that much time had passed. */
  void advance(Duration duration) {
    nanos += duration.toNanos();
  }

  /**
   * From now on moves the clock on by {@code step} each time it is read, as if that much time
   * passed between any two readings: whatever waits from here on waits long.
   */
  void tick(Duration step) {
    tick = step.toNanos();
  }

  /** Returns the waits slept, in order. */
  List<Duration> sleeps() {
    return sleeps;
  }

  /** Returns the time slept in all. */
  Duration slept() {
    return sleeps.stream().reduce(Duration.ZERO, Duration::plus);
  }
}
