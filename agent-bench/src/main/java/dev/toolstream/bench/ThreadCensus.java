package dev.toolstream.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts this JVM's live threads by name family, leaving out the test kit's server threads, and
 * samples the peak while a scale run goes on. Also reads the heap after a full GC.
 */
final class ThreadCensus implements AutoCloseable {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

  private final AtomicInteger peak = new AtomicInteger();
  private final Thread sampler;
  private volatile boolean running = true;

  private ThreadCensus() {
    sampler =
        new Thread(
            () -> {
              while (running) {
                peak.accumulateAndGet(clientThreads(), Math::max);
                try {
                  Thread.sleep(5);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "thread-census");
    sampler.setDaemon(true);
    sampler.start();
  }

  /** Starts sampling the peak number of client threads. */
  static ThreadCensus start() {
    return new ThreadCensus();
  }

  /** Returns the peak number of client threads seen since start. */
  int peak() {
    return peak.get();
  }

  /** Returns the live threads that are not the test kit's, the census's or JMX's. */
  static int clientThreads() {
    return families().values().stream().mapToInt(Integer::intValue).sum();
  }

  /** Returns the live client threads by name family (digits dropped), for a before/after diff. */
  static Map<String, Integer> families() {
    Map<String, Integer> families = new TreeMap<>();
    for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds(), 0)) {
      if (info == null) {
        continue;
      }
      String name = info.getThreadName();
      if (name.startsWith("ScriptedClaude") || name.equals("thread-census")) {
        continue;
      }
      families.merge(name.replaceAll("[0-9]+", "N"), 1, Integer::sum);
    }
    return families;
  }

  /** Returns the bytes of heap in use after a full collection. */
  static long heapAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return MEMORY.getHeapMemoryUsage().getUsed();
  }

  /**
   * Returns this process's resident memory in bytes (Linux: {@code VmRSS} of {@code
   * /proc/self/status}), which counts what the heap does not: platform threads' stacks above all;
   * -1 where it cannot be read.
   */
  static long residentBytes() {
    try {
      java.nio.file.Path status = java.nio.file.Path.of("/proc/self/status");
      for (String line : java.nio.file.Files.readAllLines(status)) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (java.io.IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }

  @Override
  public void close() {
    running = false;
    sampler.interrupt();
  }
}
