package dev.toolstream.examples.weather.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Future;

/**
 * Admits at most a fixed number of streams at once, keeps their runs so that closing the server
 * can cancel them, and lets a caller wait until no stream is live. Thread-safe.
 */
final class StreamSlots {
  private final int capacity;
  private final Set<Future<?>> runs = new HashSet<>();
  private int live;
  private boolean closed;

  StreamSlots(int capacity) {
    this.capacity = capacity;
  }

  /** Takes a slot; returns false if all are taken or the slots are closed. Never waits. */
  synchronized boolean tryAcquire() {
    if (closed || live == capacity) {
      return false;
    }
    live++;
    return true;
  }

  /** Gives a slot back; call once per successful {@link #tryAcquire()}. */
  synchronized void release() {
    live--;
    notifyAll();
  }

  /** Keeps {@code run} for {@link #close()}; cancels it at once if the slots are closed. */
  void track(Future<?> run) {
    synchronized (this) {
      if (!closed) {
        runs.add(run);
        return;
      }
    }
    run.cancel(true);
  }

  /** Forgets {@code run}, which has ended. */
  synchronized void untrack(Future<?> run) {
    runs.remove(run);
  }

  /** Returns how many slots are taken. */
  synchronized int live() {
    return live;
  }

  /** Waits up to {@code timeout} until no slot is taken; returns whether that happened. */
  synchronized boolean awaitIdle(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (live > 0) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait(left / 1_000_000, (int) (left % 1_000_000));
    }
    return true;
  }

  /** Refuses every later stream and cancels the live runs. */
  void close() {
    List<Future<?>> live;
    synchronized (this) {
      closed = true;
      live = new ArrayList<>(runs);
    }
    live.forEach(run -> run.cancel(true));
  }
}
