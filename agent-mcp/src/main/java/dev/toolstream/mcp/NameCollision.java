package dev.toolstream.mcp;

/**
 * What {@link McpClientTools} does when two tools would have the same name: two servers' tools, or
 * a server's tool and one of the agent's own.
 */
public enum NameCollision {
  /**
   * Refuses the clash: {@link McpClientTools.Builder#build()} throws, naming the tool and both
   * owners. A clash that appears later, when a server's tool list changes, leaves the newcomer out
   * (even from a server added before the one whose tool has the name) and logs a warning.
   */
  REFUSE,
  /**
   * Keeps the name for the tool offered under it already, if any, else for the first owner (the
   * agent's own tools, then servers in the order they were added), and offers the other tool as
   * {@code <server>_<tool>}, logging which tool was renamed and why. So a tool that comes with a
   * server's changed list is the one renamed, even from a server added before the one whose tool
   * has the name.
   */
  PREFIX_WITH_SERVER_NAME
}
