package dev.toolstream.agent;

import java.util.List;

/**
 * Supplies tools whose list may change between turns, such as those of an MCP server that announces
 * new tools while the agent runs. Give one to {@link Agent.Builder#toolSource}.
 *
 * <p>The agent asks for the list at the start of every turn, on the run's thread, and offers the
 * model the builder's own tools first, then the source's. The list a turn was offered is the one
 * its calls are answered from, even if the source changes while the turn streams. A source's tool
 * whose name a builder's tool already has is left out of that turn, with a warning in the log;
 * {@link Agent.Builder#build()} refuses such a clash when it can see it.
 *
 * <p>Implementations must be thread-safe and quick: return a list held in memory, never ask a
 * server from here.
 */
@FunctionalInterface
public interface ToolSource {
  /**
   * Lists the tools to offer the model on the next turn.
   *
   * @return the tools, in the order the model sees them; empty when there are none now
   */
  List<ToolSpec> tools();
}
