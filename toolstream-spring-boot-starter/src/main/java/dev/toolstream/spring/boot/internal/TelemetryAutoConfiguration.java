package dev.toolstream.spring.boot.internal;

import dev.toolstream.agent.AgentObserver;
import dev.toolstream.otel.AgentTelemetry;
import dev.toolstream.spring.boot.AgentCustomizer;
import dev.toolstream.spring.boot.Agents;
import dev.toolstream.spring.boot.ToolstreamProperties;
import io.opentelemetry.api.OpenTelemetry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigureOrder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Traces and measures every agent through agent-otel, when agent-otel is on the classpath and the
 * application has an {@code OpenTelemetry} bean (its own, or Spring Boot's OpenTelemetry
 * starter's, the OpenTelemetry Spring Boot starter's, a vendor's): an {@link AgentTelemetry} bean,
 * which the agents take as their observer. It backs off when the application has an {@link
 * AgentObserver} of its own.
 *
 * <p>It comes after every auto-configuration that is not ordered after it, so that an {@code
 * OpenTelemetry} bean is seen whichever auto-configuration makes it: ordered by name alone, one
 * whose package sorts after this one's (such as {@code io.opentelemetry.instrumentation}) would
 * come too late for the condition, and runs would go untraced.
 */
@AutoConfigureOrder(Ordered.LOWEST_PRECEDENCE)
@AutoConfiguration(
    afterName = {
      "org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration",
      "org.springframework.boot.actuate.autoconfigure.opentelemetry.OpenTelemetryAutoConfiguration"
    })
@ConditionalOnClass(name = {"dev.toolstream.otel.AgentTelemetry", "io.opentelemetry.api.OpenTelemetry"})
@EnableConfigurationProperties(ToolstreamProperties.class)
public class TelemetryAutoConfiguration {
  /** Made by Spring Boot. */
  public TelemetryAutoConfiguration() {}

  /**
   * Returns the agents' observer, capturing content if {@code
   * toolstream.telemetry.capture-content} says so.
   *
   * @param openTelemetry the application's OpenTelemetry
   * @param properties the {@code toolstream.*} properties
   * @return the observer
   */
  @Bean
  @ConditionalOnBean(OpenTelemetry.class)
  @ConditionalOnMissingBean(AgentObserver.class)
  public AgentTelemetry toolstreamAgentTelemetry(
      OpenTelemetry openTelemetry, ToolstreamProperties properties) {
    return AgentTelemetry.builder(openTelemetry)
        .captureContent(properties.telemetry().captureContent())
        .build();
  }

  /**
   * Returns what names each named agent ({@code toolstream.agents.<name>}) in its telemetry: its
   * runs' spans are {@code invoke_agent <name>} with {@code gen_ai.agent.name}; the default
   * agent's stay {@code invoke_agent}. First among the customizers, so that the application's
   * own can still set another observer.
   *
   * @param telemetry the agents' telemetry
   * @return the customizer
   */
  @Bean
  @Order(Ordered.HIGHEST_PRECEDENCE)
  @ConditionalOnBean(AgentTelemetry.class)
  public AgentCustomizer toolstreamAgentTelemetryNames(AgentTelemetry telemetry) {
    return (name, agent) -> {
      if (!name.equals(Agents.DEFAULT)) {
        agent.observer(telemetry.forAgent(name));
      }
    };
  }
}
