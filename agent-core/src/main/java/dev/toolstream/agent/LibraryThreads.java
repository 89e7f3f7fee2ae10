package dev.toolstream.agent;

import java.util.concurrent.Executor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The library's own threads, for work no executor was given for: each pool is cached, its threads
 * are daemons (they never keep the JVM alive) and idle ones end after a minute.
 */
final class LibraryThreads {
  /**
   * Runs tool handlers when an agent has no tool executor or its executor rejects a call: threads
   * named {@code toolstream-tool-N}. Handlers never run on a run's own thread, so that timing one
   * out never has to interrupt a thread the loop needs.
   */
  static final Executor TOOLS = cachedDaemons("toolstream-tool-");

  /**
   * Runs {@link Agent#runAsync(String)} and the other variants without an executor: threads named
   * {@code toolstream-run-N}.
   */
  static final Executor RUNS = cachedDaemons("toolstream-run-");

  private LibraryThreads() {}

  private static Executor cachedDaemons(String namePrefix) {
    AtomicInteger count = new AtomicInteger();
    return new ThreadPoolExecutor(
        0,
        Integer.MAX_VALUE,
        60,
        TimeUnit.SECONDS,
        new SynchronousQueue<>(),
        runnable -> {
          Thread thread = new Thread(runnable, namePrefix + count.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        });
  }
}
