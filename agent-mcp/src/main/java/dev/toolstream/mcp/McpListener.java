package dev.toolstream.mcp;

import java.util.List;

/**
 * Hears what happens to an {@link McpConnection}: a server that fails, a call it is told to cancel,
 * a tool list that changes, a reconnection. Every method has a no-op default.
 *
 * <p>Methods are called on the thread that noticed the event (a tool thread, or the connection's
 * reader thread), never while a lock of the connection is held; they must be quick and must not
 * throw. The same events are logged to the {@code dev.toolstream.mcp} logger.
 */
public interface McpListener {
  /** A listener that ignores every event. */
  McpListener NONE = new McpListener() {};

  /**
   * Tells that the server stopped, hung up or answered something that is not MCP. The calls in
   * flight have been answered with an error result; the next call reconnects if the {@link
   * ReconnectPolicy} allows it.
   *
   * @param serverName the connection's {@link McpConnection#name()}
   * @param problem what happened, such as {@code closed its output (exit code 137)}
   */
  default void onServerFailed(String serverName, String problem) {}

  /**
   * Tells that a call was abandoned, because it timed out or its run was cancelled, and that the
   * server was sent {@code notifications/cancelled} for it.
   *
   * @param serverName the connection's name
   * @param toolName the tool's name on the server
   */
  default void onCallCancelled(String serverName, String toolName) {}

  /**
   * Tells that the server's tool list changed ({@code notifications/tools/list_changed}); the next
   * turn of an agent offers the new list.
   *
   * @param serverName the connection's name
   * @param toolNames the names of the tools the server now has, as the server names them
   */
  default void onToolsChanged(String serverName, List<String> toolNames) {}

  /**
   * Tells that the connection reconnected to a server that had failed.
   *
   * @param serverName the connection's name
   */
  default void onReconnected(String serverName) {}
}
