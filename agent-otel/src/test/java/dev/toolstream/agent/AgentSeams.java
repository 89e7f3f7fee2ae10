package dev.toolstream.agent;

import java.util.concurrent.ScheduledExecutorService;

/** Reaches agent-core's package-private test seams from agent-otel's tests. */
public final class AgentSeams {
  private AgentSeams() {}

  /** Times the agent's tool calls out on {@code timer}: see {@code Agent.Builder#timer}. */
  public static Agent.Builder timer(Agent.Builder agent, ScheduledExecutorService timer) {
    return agent.timer(timer);
  }
}
