package dev.toolstream.spring.boot;

import dev.toolstream.agent.Agent;
import dev.toolstream.agent.AgentListener;
import dev.toolstream.agent.AgentObserver;
import dev.toolstream.client.MessagesClient;
import dev.toolstream.spring.boot.internal.AgentFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Configures Toolstream from the {@code toolstream.*} properties ({@link ToolstreamProperties}): a
 * {@link MessagesClient}, the {@link ToolBeans} of the application, the default {@link Agent} with
 * their tools, and the {@link Agents} by name. Each bean backs off when the application defines
 * one of its type; {@link MessagesClientCustomizer} and {@link AgentCustomizer} beans adjust them
 * instead.
 *
 * <p>Each agent gets the application's {@link AgentObserver} bean, if it has exactly one (the
 * agent-otel integration makes one), its {@link AgentListener} beans, and the {@code Executor}
 * bean named {@code toolstreamToolExecutor} for its tool calls, if there is one.
 */
// Not ordered after TelemetryAutoConfiguration: the observer is looked up when an agent is made,
// once every bean is defined; an order here would pull that one ahead of the OpenTelemetry bean.
@AutoConfiguration
@EnableConfigurationProperties(ToolstreamProperties.class)
public class ToolstreamAutoConfiguration {
  /** Made by Spring Boot from the auto-configuration imports. */
  public ToolstreamAutoConfiguration() {}

  /**
   * Returns the client: key, token and base URL from the properties, else from {@code
   * ANTHROPIC_API_KEY}, {@code ANTHROPIC_AUTH_TOKEN} and {@code ANTHROPIC_BASE_URL} (each trimmed,
   * blank counting as unset), then the timeouts, retries and betas, then the customizers.
   *
   * @param properties the {@code toolstream.*} properties
   * @param environment where the {@code ANTHROPIC_*} variables are looked up
   * @param customizers applied in order
   * @return the client
   * @throws IllegalStateException if there are no credentials; the message says where to set them
   */
  @Bean
  @ConditionalOnMissingBean
  public MessagesClient toolstreamMessagesClient(
      ToolstreamProperties properties,
      Environment environment,
      ObjectProvider<MessagesClientCustomizer> customizers) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put(
        "ANTHROPIC_API_KEY",
        properties.apiKey() != null
            ? properties.apiKey()
            : environment.getProperty("ANTHROPIC_API_KEY"));
    values.put(
        "ANTHROPIC_AUTH_TOKEN",
        properties.authToken() != null
            ? properties.authToken()
            : environment.getProperty("ANTHROPIC_AUTH_TOKEN"));
    values.put(
        "ANTHROPIC_BASE_URL",
        properties.baseUrl() != null
            ? properties.baseUrl()
            : environment.getProperty("ANTHROPIC_BASE_URL"));
    MessagesClient.Builder client;
    try {
      client =
          MessagesClient.fromEnv(values::get)
              .maxRetries(properties.maxRetries())
              .connectTimeout(properties.connectTimeout())
              .idleTimeout(properties.idleTimeout())
              .deadline(properties.deadline());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("toolstream.*: " + e.getMessage(), e);
    }
    properties.betas().forEach(client::addBeta);
    customizers.orderedStream().forEach(customizer -> customizer.customize(client));
    try {
      return client.build();
    } catch (IllegalStateException e) {
      throw new IllegalStateException(
          "no Claude credentials: set toolstream.api-key or the ANTHROPIC_API_KEY environment"
              + " variable (or toolstream.auth-token / ANTHROPIC_AUTH_TOKEN), or define a"
              + " MessagesClient bean of your own",
          e);
    }
  }

  /**
   * Returns the beans whose {@code @Tool} methods become tools.
   *
   * @param beanFactory the application's bean factory
   * @return the tool beans, read when the first agent is built
   */
  @Bean
  @ConditionalOnMissingBean
  public ToolBeans toolstreamToolBeans(ConfigurableListableBeanFactory beanFactory) {
    return new ToolBeans(beanFactory);
  }

  /**
   * Returns the default agent, from {@code toolstream.agent.*}, with the tools of every tool bean
   * (or of those {@code toolstream.agent.tool-beans} names).
   *
   * @param properties the {@code toolstream.*} properties
   * @param client the client
   * @param toolBeans the tool beans
   * @param beanFactory to look up executors
   * @param observer the observer, if exactly one
   * @param listeners every agent's listeners
   * @param customizers applied in order
   * @return the agent
   */
  @Bean
  @ConditionalOnMissingBean
  public Agent toolstreamAgent(
      ToolstreamProperties properties,
      MessagesClient client,
      ToolBeans toolBeans,
      ConfigurableListableBeanFactory beanFactory,
      ObjectProvider<AgentObserver> observer,
      ObjectProvider<AgentListener> listeners,
      ObjectProvider<AgentCustomizer> customizers) {
    return factory(client, toolBeans, beanFactory, observer, listeners, customizers)
        .build(Agents.DEFAULT, properties.agent());
  }

  /**
   * Returns the agents by name: the {@code Agent} bean as {@link Agents#DEFAULT} (if there is
   * exactly one), and one for each {@code toolstream.agents.<name>}.
   *
   * @param properties the {@code toolstream.*} properties
   * @param agent the default agent
   * @param client the client
   * @param toolBeans the tool beans
   * @param beanFactory to look up executors
   * @param observer the observer, if exactly one
   * @param listeners every agent's listeners
   * @param customizers applied in order
   * @return the agents
   * @throws IllegalArgumentException if {@code toolstream.agents} names one {@code default}
   */
  @Bean
  @ConditionalOnMissingBean
  public Agents toolstreamAgents(
      ToolstreamProperties properties,
      ObjectProvider<Agent> agent,
      MessagesClient client,
      ToolBeans toolBeans,
      ConfigurableListableBeanFactory beanFactory,
      ObjectProvider<AgentObserver> observer,
      ObjectProvider<AgentListener> listeners,
      ObjectProvider<AgentCustomizer> customizers) {
    Map<String, Agent> byName = new LinkedHashMap<>();
    Agent defaultAgent = agent.getIfUnique();
    if (defaultAgent != null) {
      byName.put(Agents.DEFAULT, defaultAgent);
    }
    AgentFactory factory =
        factory(client, toolBeans, beanFactory, observer, listeners, customizers);
    properties
        .agents()
        .forEach(
            (name, settings) -> {
              if (name.equals(Agents.DEFAULT)) {
                throw new IllegalArgumentException(
                    "toolstream.agents.default: the default agent is configured by"
                        + " toolstream.agent.*; give this one another name");
              }
              byName.put(name, factory.build(name, settings));
            });
    return new Agents(byName);
  }

  private static AgentFactory factory(
      MessagesClient client,
      ToolBeans toolBeans,
      ConfigurableListableBeanFactory beanFactory,
      ObjectProvider<AgentObserver> observer,
      ObjectProvider<AgentListener> listeners,
      ObjectProvider<AgentCustomizer> customizers) {
    return new AgentFactory(
        client,
        toolBeans,
        beanFactory,
        observer.getIfUnique(),
        listeners.orderedStream().toList(),
        customizers.orderedStream().toList());
  }
}
