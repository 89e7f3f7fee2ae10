package dev.toolstream.testkit.internal;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A point in a streamed body where the server waits: it marks the point reached once everything
 * before it is flushed, then waits until the point is opened. Once open it stays open. Thread-safe.
 */
public final class Hold {
  private final CountDownLatch reached = new CountDownLatch(1);
  private final CountDownLatch opened = new CountDownLatch(1);

  /** Records that a stream has flushed everything before this point and now waits here. */
  public void markReached() {
    reached.countDown();
  }

  /** Returns whether a stream has reached this point. */
  public boolean isReached() {
    return reached.getCount() == 0;
  }

  /** Waits up to {@code timeout} for a stream to reach this point; returns whether one did. */
  public boolean awaitReached(Duration timeout) throws InterruptedException {
    return reached.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** Lets every stream waiting here, and any that comes later, go on. */
  public void open() {
    opened.countDown();
  }

  /** Returns whether the point has been opened. */
  public boolean isOpen() {
    return opened.getCount() == 0;
  }
}
