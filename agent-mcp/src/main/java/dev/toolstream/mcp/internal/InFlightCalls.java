package dev.toolstream.mcp.internal;

import java.math.BigDecimal;
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
      Runnable canceller = cancellers.remove(key(sessionId, map.get("requestId")));
      if (canceller != null) {
        canceller.run();
      }
    }
  }

  /**
   * Lets {@code canceller} stop a call until {@link #end}.
   *
   * @param requestId the call's id as the JSON-RPC message had it: a {@link String} or a {@link
   *     Number}
   */
  void start(String sessionId, Object requestId, Runnable canceller) {
    cancellers.put(key(sessionId, requestId), canceller);
  }

  /** Forgets a call, which has ended. */
  void end(String sessionId, Object requestId) {
    cancellers.remove(key(sessionId, requestId));
  }

  /** Keys a call by its id's JSON type and value: 1, 1.0 and a Long 1 are one id; "1" another. */
  private static String key(String sessionId, Object requestId) {
    String id =
        requestId instanceof Number number
            ? "number " + new BigDecimal(number.toString()).stripTrailingZeros().toPlainString()
            : "string " + requestId;
    return sessionId + '\n' + id;
  }
}
