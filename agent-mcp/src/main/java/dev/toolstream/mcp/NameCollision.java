package dev.toolstream.mcp;

/**
 * What {@link McpClientTools} does when two tools would have the same name: two servers' tools, or
 * a server's tool and one of the agent's own.
 */
public enum NameCollision {
  /**
   * Refuses the clash: {@link McpClientTools.Builder#build()} throws, naming the tool and both
   * owners. A clash that appears later, when a server's tool list changes, leaves the newcomer out
   * and logs a warning.
   */
  REFUSE,
  /**
   * Keeps the first owner's name (the agent's own tools, then servers in the order they were added)
   * and offers the later tool as {@code <server>_<tool>}, logging which tool was renamed and why.
   */
  PREFIX_WITH_SERVER_NAME
}
