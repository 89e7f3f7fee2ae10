package dev.toolstream.mcp.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The tool calls a server is running, by session and JSON-RPC request id, so that a client's {@code
 * notifications/cancelled} can stop the one it names. The SDK's server ignores that notification:
 * {@link CancellingSessions} routes it here, and {@link ServedTool} registers each call.
 */
public final class InFlightCalls {
  private final Map<String, Runnable> cancellers = new ConcurrentHashMap<>();

  /** Makes an empty registry, one per server. */
  public InFlightCalls() {}

  /**
   * Stops the call that a {@code notifications/cancelled} names; a call that already ended, or an
   * id never seen, is ignored, as the protocol asks.
   *
   * @param sessionId the session the notification came in
   * @param params the notification's params, {@code {"requestId": …, "reason": …}}
   */
  public void cancel(String sessionId, @Nullable Object params) {
    if (params instanceof Map<?, ?> map && map.get("requestId") != null) {
      Runnable canceller = cancellers.remove(key(sessionId, String.valueOf(map.get("requestId"))));
      if (canceller != null) {
        canceller.run();
      }
    }
  }

  /** Lets {@code canceller} stop a call until {@link #end}. */
  void start(String sessionId, String requestId, Runnable canceller) {
    cancellers.put(key(sessionId, requestId), canceller);
  }

  /** Forgets a call, which has ended. */
  void end(String sessionId, String requestId) {
    cancellers.remove(key(sessionId, requestId));
  }

  private static String key(String sessionId, String requestId) {
    return sessionId + '\n' + requestId;
  }
}
