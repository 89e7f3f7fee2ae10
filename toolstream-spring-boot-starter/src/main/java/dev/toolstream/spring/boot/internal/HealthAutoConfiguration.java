package dev.toolstream.spring.boot.internal;

import dev.toolstream.client.MessagesClient;
import dev.toolstream.spring.boot.ToolstreamAutoConfiguration;
import dev.toolstream.spring.boot.ToolstreamProperties;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Adds the {@code toolstream} health indicator when Spring Boot's health support (Actuator) is on
 * the classpath: {@code management.health.toolstream.enabled=false} turns it off.
 */
@AutoConfiguration(after = ToolstreamAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
@ConditionalOnEnabledHealthIndicator("toolstream")
public class HealthAutoConfiguration {
  /** Made by Spring Boot. */
  public HealthAutoConfiguration() {}

  /**
   * Returns the indicator, which asks the API about the default agent's model.
   *
   * @param client the client whose credentials are checked
   * @param properties the {@code toolstream.*} properties
   * @return the indicator
   */
  @Bean
  @ConditionalOnBean(MessagesClient.class)
  @ConditionalOnMissingBean(name = "toolstreamHealthIndicator")
  public ToolstreamHealthIndicator toolstreamHealthIndicator(
      MessagesClient client, ToolstreamProperties properties) {
    return new ToolstreamHealthIndicator(client, properties.agent().model());
  }
}
