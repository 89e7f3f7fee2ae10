package dev.toolstream.bench;

import java.lang.reflect.Method;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;

/**
 * Virtual threads when the runtime has them (Java 21 or newer), reached by reflection so that the
 * benchmarks still compile for, and run on, Java 17.
 */
final class VirtualThreads {
  private VirtualThreads() {}

  /** Tells whether this runtime has virtual threads. */
  static boolean available() {
    return Runtime.version().feature() >= 21;
  }

  /** Returns a factory of virtual threads named {@code prefix} and a number. */
  static ThreadFactory factory(String prefix) {
    try {
      Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
      Class<?> ofVirtual = Class.forName("java.lang.Thread$Builder$OfVirtual");
      builder = ofVirtual.getMethod("name", String.class, long.class).invoke(builder, prefix, 1L);
      Method factory = Class.forName("java.lang.Thread$Builder").getMethod("factory");
      return (ThreadFactory) factory.invoke(builder);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(unavailable(), e);
    }
  }

  /** Returns an executor that starts a virtual thread per task. */
  static ExecutorService perTask(String prefix) {
    try {
      return (ExecutorService)
          java.util.concurrent.Executors.class
              .getMethod("newThreadPerTaskExecutor", ThreadFactory.class)
              .invoke(null, factory(prefix));
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(unavailable(), e);
    }
  }

  static String unavailable() {
    return "virtual threads need Java 21 or newer; this is Java " + Runtime.version();
  }
}
