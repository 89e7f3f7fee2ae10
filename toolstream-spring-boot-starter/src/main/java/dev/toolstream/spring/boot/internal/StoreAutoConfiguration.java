package dev.toolstream.spring.boot.internal;

import dev.toolstream.agent.Agent;
import dev.toolstream.spring.boot.StoreProperties;
import dev.toolstream.spring.boot.ToolstreamAutoConfiguration;
import dev.toolstream.store.DurableAgent;
import dev.toolstream.store.JdbcRunStore;
import dev.toolstream.store.RunStore;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Durable runs in the application's own database, when agent-store is on the classpath and the
 * application has a {@link DataSource}: a {@link RunStore} on that data source (its tables made
 * on first use, prefixed {@code toolstream.store.table-prefix}) and a {@link DurableAgent} around
 * the default {@link Agent}, which finishes the runs of instances that died every {@code
 * toolstream.store.recover-every}; in a web application, {@link ConversationBusyAdvice}, which
 * answers a conversation's overlapping question with a 409. Each bean backs off for the
 * application's own; {@code toolstream.store.enabled=false} turns them all off.
 */
@AutoConfiguration(
    after = ToolstreamAutoConfiguration.class,
    afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnClass(name = "dev.toolstream.store.JdbcRunStore")
@ConditionalOnProperty(name = "toolstream.store.enabled", matchIfMissing = true)
@EnableConfigurationProperties(StoreProperties.class)
public class StoreAutoConfiguration {
  /** Made by Spring Boot. */
  public StoreAutoConfiguration() {}

  /**
   * Returns the run store on the application's data source; closing it leaves the data source
   * open.
   *
   * @param dataSource the application's data source
   * @param properties the {@code toolstream.store.*} properties
   * @return the store
   */
  @Bean
  @ConditionalOnBean(DataSource.class)
  @ConditionalOnMissingBean(RunStore.class)
  public JdbcRunStore toolstreamRunStore(DataSource dataSource, StoreProperties properties) {
    JdbcRunStore.Builder store = JdbcRunStore.builder().dataSource(dataSource);
    named("toolstream.store.table-prefix", () -> store.tablePrefix(properties.tablePrefix()));
    return store.build();
  }

  /**
   * Returns the default agent made durable, recovering abandoned runs every {@code
   * toolstream.store.recover-every}; closing it hands its runs over to the other instances.
   *
   * @param agent the default agent
   * @param store the run store
   * @param properties the {@code toolstream.store.*} properties
   * @return the durable agent
   */
  @Bean
  @ConditionalOnBean({Agent.class, RunStore.class})
  @ConditionalOnMissingBean
  public DurableAgent toolstreamDurableAgent(
      Agent agent, RunStore store, StoreProperties properties) {
    DurableAgent.Builder builder = DurableAgent.builder(agent, store);
    named("toolstream.store.lease", () -> builder.lease(properties.lease()));
    if (properties.owner() != null && !properties.owner().isBlank()) {
      builder.owner(properties.owner());
    }
    DurableAgent durable = builder.build();
    if (!properties.recoverEvery().isZero()) {
      try {
        named(
            "toolstream.store.recover-every",
            () -> durable.startRecovery(properties.recoverEvery()));
      } catch (IllegalArgumentException e) {
        durable.close(); // The context never gets it, so it would never close it.
        throw e;
      }
    }
    return durable;
  }

  /**
   * Runs {@code step}, which applies {@code property}; a value it refuses fails startup with a
   * message that names the property, not the library's parameter.
   */
  private static void named(String property, Runnable step) {
    try {
      step.run();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(property + ": " + e.getMessage(), e);
    }
  }

  /** In a web application with Spring's web classes: the 409 for an overlapping question. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnWebApplication
  @ConditionalOnClass(name = "org.springframework.http.ProblemDetail")
  static class WebErrors {
    /**
     * Returns the advice that answers a conversation's overlapping question with a 409.
     *
     * @return the advice
     */
    @Bean
    @ConditionalOnMissingBean
    ConversationBusyAdvice toolstreamConversationBusyAdvice() {
      return new ConversationBusyAdvice();
    }
  }
}
