package dev.toolstream.internal.http;

import java.time.Duration;

/**
 * The time source and the sleeper of retries and deadlines, so that tests can run them on a fake
 * clock. Not part of the public API.
 */
public interface RetryClock {
  /** The system's monotonic clock, waiting on the holder so that cancelling wakes it. */
  RetryClock SYSTEM =
      new RetryClock() {
        @Override
        public long nanoTime() {
          return System.nanoTime();
        }

        @Override
        public void sleep(Duration wait, RetryingCaller.CallHolder holder)
            throws InterruptedException {
          holder.awaitCancel(wait);
        }
      };

  /** Returns the current time in nanoseconds, for differences only (as {@link System#nanoTime}). */
  long nanoTime();

  /**
   * Waits {@code wait}, or less if {@code holder} is cancelled meanwhile.
   *
   * @throws InterruptedException if the thread is interrupted while waiting
   */
  void sleep(Duration wait, RetryingCaller.CallHolder holder) throws InterruptedException;
}
