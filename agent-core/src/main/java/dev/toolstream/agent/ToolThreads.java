package dev.toolstream.agent;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The library's own threads for tool handlers, used when an agent has no tool executor or its
 * executor rejects a call: a cached pool of daemon threads named {@code toolstream-tool-N}, idle
 * ones ending after a minute. Handlers never run on a run's own thread, so that timing one out
 * never has to interrupt a thread the loop needs.
 */
final class ToolThreads {
  static final Executor DEFAULT = create();

  private ToolThreads() {}

  private static ExecutorService create() {
    AtomicInteger count = new AtomicInteger();
    return new ThreadPoolExecutor(
        0,
        Integer.MAX_VALUE,
        60,
        TimeUnit.SECONDS,
        new SynchronousQueue<>(),
        runnable -> {
          Thread thread = new Thread(runnable, "toolstream-tool-" + count.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        });
  }
}
