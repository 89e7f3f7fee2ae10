package dev.toolstream.mcp.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * The tool calls one MCP session is running, by JSON-RPC request id, so that a client's {@code
 * notifications/cancelled} can stop the one it names.
 *
 * <p>The SDK hands a tool handler neither the request id nor the cancellations, so the session
 * wrappers ({@link CancellingSessions}) put this registry and the request's id into the Reactor
 * context of each request, where {@link ServedTool} finds them.
 */
public final class InFlightCalls {
  private static final Object CONTEXT_KEY = InFlightCalls.class;

  private final Map<String, Runnable> cancellers = new ConcurrentHashMap<>();

  /** Makes an empty registry, one per session. */
  public InFlightCalls() {}

  /**
   * Adds this registry and a request's id to a Reactor context, for the tool call it may carry.
   *
   * @param context the context the request is handled in
   * @param requestId the JSON-RPC id of the request
   * @return the context with the request's scope added
   */
  public Context scope(Context context, Object requestId) {
    return context.put(CONTEXT_KEY, new Scope(this, String.valueOf(requestId)));
  }

  /**
   * Finds the request a tool call is handled for.
   *
   * @param context the Reactor context of the call
   * @return the request's scope, or null when the call did not come through a wrapped session
   */
  static @Nullable Scope scopeOf(ContextView context) {
    return context.getOrDefault(CONTEXT_KEY, null);
  }

  /**
   * Stops the call that a {@code notifications/cancelled} names; a call that already ended, or an
   * id never seen, is ignored, as the protocol asks.
   *
   * @param params the notification's params, {@code {"requestId": …, "reason": …}}
   */
  public void cancel(@Nullable Object params) {
    if (params instanceof Map<?, ?> map && map.get("requestId") != null) {
      Runnable canceller = cancellers.remove(String.valueOf(map.get("requestId")));
      if (canceller != null) {
        canceller.run();
      }
    }
  }

  /** A request being handled: the registry of its session and its id. */
  record Scope(InFlightCalls calls, String requestId) {
    /** Lets {@code canceller} stop this request's call until {@link #end()}. */
    void onCancel(Runnable canceller) {
      calls.cancellers.put(requestId, canceller);
    }

    /** Forgets the call, which has ended. */
    void end() {
      calls.cancellers.remove(requestId);
    }
  }
}
