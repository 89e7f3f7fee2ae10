package dev.toolstream.spring.boot;

import dev.toolstream.agent.Agent;

/**
 * Adjusts each auto-configured agent before it is built, after its properties and tools are
 * applied: more tools, server tools, listeners, thinking, structured output. Every such bean is
 * applied to every agent (the default one and the named ones), in {@link
 * org.springframework.core.Ordered} order; the name says which agent it is.
 */
@FunctionalInterface
public interface AgentCustomizer {
  /**
   * Changes the builder.
   *
   * @param name the agent's name: {@link Agents#DEFAULT} for the {@code Agent} bean, else the
   *     {@code <name>} of {@code toolstream.agents.<name>}
   * @param builder the agent's builder, holding its properties, tools, observer and listeners
   */
  void customize(String name, Agent.Builder builder);
}
