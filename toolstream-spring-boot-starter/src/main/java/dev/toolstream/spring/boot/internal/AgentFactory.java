package dev.toolstream.spring.boot.internal;

import dev.toolstream.agent.Agent;
import dev.toolstream.agent.AgentListener;
import dev.toolstream.agent.AgentObserver;
import dev.toolstream.client.MessagesClient;
import dev.toolstream.spring.boot.AgentCustomizer;
import dev.toolstream.spring.boot.Agents;
import dev.toolstream.spring.boot.ToolBeans;
import dev.toolstream.spring.boot.ToolstreamProperties.AgentProperties;
import java.util.List;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.BeanFactory;

/**
 * Builds an agent from its properties: client, model and limits, the tools of its tool beans, the
 * tool executor, the application's observer and listeners, then the customizers. Durable runs
 * wrap the agent this builds ({@link StoreAutoConfiguration}).
 */
public final class AgentFactory {
  /** The bean that runs tool calls when an agent names no {@code tool-executor} of its own. */
  public static final String TOOL_EXECUTOR_BEAN = "toolstreamToolExecutor";

  private final MessagesClient client;
  private final ToolBeans toolBeans;
  private final BeanFactory beanFactory;
  private final @Nullable AgentObserver observer;
  private final List<AgentListener> listeners;
  private final List<AgentCustomizer> customizers;

  /**
   * Builds agents with these parts.
   *
   * @param client the client every agent sends with
   * @param toolBeans the beans whose tools the agents offer
   * @param beanFactory to look executors up by name
   * @param observer the application's observer, or null
   * @param listeners every agent's listeners
   * @param customizers applied last, in order
   */
  public AgentFactory(
      MessagesClient client,
      ToolBeans toolBeans,
      BeanFactory beanFactory,
      @Nullable AgentObserver observer,
      List<AgentListener> listeners,
      List<AgentCustomizer> customizers) {
    this.client = client;
    this.toolBeans = toolBeans;
    this.beanFactory = beanFactory;
    this.observer = observer;
    this.listeners = List.copyOf(listeners);
    this.customizers = List.copyOf(customizers);
  }

  /**
   * Builds the agent named {@code name}.
   *
   * @throws IllegalArgumentException if a property is out of range or names a missing bean; the
   *     message names the property
   */
  public Agent build(String name, AgentProperties properties) {
    String prefix =
        name.equals(Agents.DEFAULT) ? "toolstream.agent." : "toolstream.agents." + name + ".";
    Agent.Builder agent = Agent.builder().client(client);
    try {
      agent.model(properties.model());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(prefix + "model: " + e.getMessage(), e);
    }
    try {
      agent
          .maxTokens(properties.maxTokens())
          .maxTurns(properties.maxTurns())
          .toolTimeout(properties.toolTimeout())
          .promptCaching(properties.promptCaching());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(prefix + "*: " + e.getMessage(), e);
    }
    if (properties.maxTokens() < 1) {
      throw new IllegalArgumentException(
          prefix + "max-tokens must be at least 1, was " + properties.maxTokens());
    }
    if (properties.system() != null) {
      agent.system(properties.system());
    }
    try {
      agent.tools(
          properties.toolBeans().isEmpty()
              ? toolBeans.tools()
              : toolBeans.tools(properties.toolBeans()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(prefix + "tool-beans: " + e.getMessage(), e);
    }
    Executor executor = executor(prefix, properties.toolExecutor());
    if (executor != null) {
      agent.toolExecutor(executor);
    }
    if (observer != null) {
      agent.observer(observer);
    }
    listeners.forEach(agent::listener);
    for (AgentCustomizer customizer : customizers) {
      customizer.customize(name, agent);
    }
    return agent.build();
  }

  private @Nullable Executor executor(String prefix, @Nullable String beanName) {
    if (beanName != null) {
      if (!beanFactory.containsBean(beanName)) {
        throw new IllegalArgumentException(
            prefix + "tool-executor names \"" + beanName + "\", which is not a bean");
      }
      return beanFactory.getBean(beanName, Executor.class);
    }
    return beanFactory.containsBean(TOOL_EXECUTOR_BEAN)
        ? beanFactory.getBean(TOOL_EXECUTOR_BEAN, Executor.class)
        : null;
  }
}
