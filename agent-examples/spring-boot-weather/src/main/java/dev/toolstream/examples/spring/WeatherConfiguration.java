package dev.toolstream.examples.spring;

import dev.toolstream.client.MessagesClient;
import dev.toolstream.examples.weather.WeatherTools;
import dev.toolstream.examples.weather.web.Page;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * The weather agent's beans: its tool, the page, and, offline, the simulation and a client of it
 * (which the starter's own client backs off for).
 */
@Configuration(proxyBeanMethods = false)
public class WeatherConfiguration {
  private static final Logger log = LoggerFactory.getLogger(WeatherConfiguration.class);

  /** The longest question the page and the stream take, in characters. */
  static final int MAX_PROMPT_LENGTH = 4000;

  /** Returns the HTTP client of the weather tool. */
  @Bean
  OkHttpClient weatherHttp() {
    return new OkHttpClient();
  }

  /**
   * Returns the weather tool: Open-Meteo, or its stand-in offline. Its {@code @Tool} method is
   * found by the starter and given to the agent.
   */
  @Bean
  WeatherTools weatherTools(
      OkHttpClient weatherHttp,
      ObjectProvider<Simulation> simulation,
      @Value("${weather.open-meteo-url:https://api.open-meteo.com}") String forecast,
      @Value("${weather.geocoding-url:https://geocoding-api.open-meteo.com}") String geocoding) {
    Simulation offline = simulation.getIfAvailable();
    return offline == null
        ? new WeatherTools(weatherHttp, forecast, geocoding)
        : new WeatherTools(weatherHttp, offline.openMeteoUrl(), offline.openMeteoUrl());
  }

  /** Returns the page, read once. */
  @Bean
  Page page() {
    return Page.load(MAX_PROMPT_LENGTH);
  }

  /** Offline: the simulation, and the client that talks to it. */
  @Configuration(proxyBeanMethods = false)
  @Conditional(Offline.class)
  static class OfflineConfiguration {
    @Bean
    Simulation simulation() {
      Simulation simulation = Simulation.start();
      log.warn(
          "toolstream.api-key (ANTHROPIC_API_KEY) is not set, so Claude and Open-Meteo are"
              + " simulated on loopback ({}, {})",
          simulation.claudeUrl(),
          simulation.openMeteoUrl());
      return simulation;
    }

    @Bean
    MessagesClient simulatedClaudeClient(Simulation simulation) {
      return MessagesClient.builder()
          .baseUrl(simulation.claudeUrl())
          .apiKey("simulated")
          .build();
    }
  }

  /**
   * Matches when there is neither a key nor a base URL to talk to ({@code toolstream.api-key},
   * {@code ANTHROPIC_API_KEY}, {@code toolstream.base-url}, {@code ANTHROPIC_BASE_URL}), or when
   * {@code weather.simulate=true} asks for the simulation anyway.
   */
  static final class Offline implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
      Environment env = context.getEnvironment();
      if (env.getProperty("weather.simulate", Boolean.class, false)) {
        return true;
      }
      return blank(env.getProperty("toolstream.api-key"))
          && blank(env.getProperty("ANTHROPIC_API_KEY"))
          && blank(env.getProperty("toolstream.auth-token"))
          && blank(env.getProperty("ANTHROPIC_AUTH_TOKEN"))
          && blank(env.getProperty("toolstream.base-url"))
          && blank(env.getProperty("ANTHROPIC_BASE_URL"));
    }

    private static boolean blank(@Nullable String value) {
      return !StringUtils.hasText(value);
    }
  }
}
