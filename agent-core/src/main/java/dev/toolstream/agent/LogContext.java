package dev.toolstream.agent;

import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * The SLF4J MDC entries the library sets while it works, so that its log lines (and the
 * application's, on the same threads) carry the run, the turn and the tool call. Each is put for
 * the span of some work and restored to what it was after, so nested runs keep their callers'.
 */
final class LogContext {
  /** The MDC key of the run's id. */
  static final String RUN_ID = "toolstream.run_id";

  /** The MDC key of the turn, from 1. */
  static final String TURN = "toolstream.turn";

  /** The MDC key of the tool call's id ({@code toolu_…}). */
  static final String TOOL_CALL_ID = "toolstream.tool_call_id";

  private LogContext() {}

  /** Returns a new run id: up to 16 hex digits, random enough to tell a process's runs apart. */
  static String newRunId() {
    return Long.toHexString(ThreadLocalRandom.current().nextLong());
  }

  /** Puts {@code value} under {@code key} and returns what was there, to {@link #restore}. */
  static @Nullable String put(String key, String value) {
    String previous = MDC.get(key);
    MDC.put(key, value);
    return previous;
  }

  /** Puts back what {@link #put} returned. */
  static void restore(String key, @Nullable String previous) {
    if (previous == null) {
      MDC.remove(key);
    } else {
      MDC.put(key, previous);
    }
  }
}
