package dev.toolstream.agent;

import java.util.concurrent.ScheduledExecutorService;

/**
 * Reaches agent-core's package-private seam {@link Agent.Builder#timer} from agent-mcp's tests, so
 * that they time calls of MCP tools out on a timer of their own instead of waiting for the clock.
 * Test code only: it lives in agent-core's package, in agent-mcp's test sources.
 */
public final class AgentTimer {
  private AgentTimer() {}

  /**
   * Makes {@code agent} time tool calls out on {@code timer}.
   *
   * @return {@code agent}
   */
  public static Agent.Builder timer(Agent.Builder agent, ScheduledExecutorService timer) {
    return agent.timer(timer);
  }
}
