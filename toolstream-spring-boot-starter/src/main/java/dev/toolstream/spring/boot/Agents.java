package dev.toolstream.spring.boot;

import dev.toolstream.agent.Agent;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The application's agents by name: the default one, which is also the {@code Agent} bean, under
 * {@link #DEFAULT}, and one for each {@code toolstream.agents.<name>}.
 *
 * <pre>{@code
 * @RestController
 * class SupportController {
 *   private final Agent support;
 *
 *   SupportController(Agents agents) {
 *     this.support = agents.agent("support");
 *   }
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class Agents {
  /** The name of the default agent, configured by {@code toolstream.agent.*}. */
  public static final String DEFAULT = "default";

  private final Map<String, Agent> byName;

  /**
   * Holds {@code byName}.
   *
   * @param byName the agents by name, copied
   */
  public Agents(Map<String, Agent> byName) {
    this.byName = Map.copyOf(byName);
  }

  /**
   * Returns the agent named {@code name}.
   *
   * @param name {@link #DEFAULT}, or a name configured under {@code toolstream.agents}
   * @return the agent
   * @throws IllegalArgumentException if there is no agent of that name; the message lists those
   *     there are
   */
  public Agent agent(String name) {
    Objects.requireNonNull(name, "name == null");
    Agent agent = byName.get(name);
    if (agent == null) {
      throw new IllegalArgumentException(
          "no agent named \""
              + name
              + "\": the agents are "
              + names()
              + "; configure one with toolstream.agents."
              + name
              + ".model and the like");
    }
    return agent;
  }

  /**
   * Lists the agents' names.
   *
   * @return the names, sorted
   */
  public Set<String> names() {
    return new TreeSet<>(byName.keySet());
  }

  @Override
  public String toString() {
    return "Agents" + names();
  }
}
