package dev.toolstream.spring.boot.internal;

import dev.toolstream.spring.boot.AgentSse;
import dev.toolstream.spring.boot.AgentSseFlux;
import dev.toolstream.spring.boot.ToolstreamAutoConfiguration;
import dev.toolstream.spring.boot.ToolstreamProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Makes {@link AgentSse} a bean in a Spring MVC application, and {@link AgentSseFlux} one wherever
 * Reactor is on the classpath; each only when its classes are there, so an MVC application needs
 * no Reactor.
 */
@AutoConfiguration(after = ToolstreamAutoConfiguration.class)
public class SseAutoConfiguration {
  /** Made by Spring Boot. */
  public SseAutoConfiguration() {}

  /** The Spring MVC streams. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.web.servlet.mvc.method.annotation.SseEmitter")
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
  public static class Mvc {
    /** Made by Spring Boot. */
    public Mvc() {}

    /**
     * Returns the MVC stream helper, with {@code toolstream.sse.*}'s heartbeat and timeout.
     *
     * @param properties the {@code toolstream.*} properties
     * @return the helper, closed with the context
     */
    @Bean
    @ConditionalOnMissingBean
    public AgentSse toolstreamAgentSse(ToolstreamProperties properties) {
      return new AgentSse(properties.sse().heartbeat(), properties.sse().timeout());
    }

    /**
     * Returns what closes the stream helpers (the application's own too) as the context begins to
     * stop, so that the server's graceful shutdown does not wait for open streams whose runs
     * would go on after it.
     *
     * @param streams the stream helpers
     * @return the lifecycle that closes them
     */
    @Bean
    public SseShutdown toolstreamSseShutdown(ObjectProvider<AgentSse> streams) {
      return new SseShutdown(streams.orderedStream().toList());
    }
  }

  /** The Reactor streams. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(
      name = {"reactor.core.publisher.Flux", "org.springframework.http.codec.ServerSentEvent"})
  public static class Reactive {
    /** Made by Spring Boot. */
    public Reactive() {}

    /**
     * Returns the Flux stream helper.
     *
     * @return the helper
     */
    @Bean
    @ConditionalOnMissingBean
    public AgentSseFlux toolstreamAgentSseFlux() {
      return new AgentSseFlux();
    }
  }
}
