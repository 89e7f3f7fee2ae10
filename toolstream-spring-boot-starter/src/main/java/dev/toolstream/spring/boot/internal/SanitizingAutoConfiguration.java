package dev.toolstream.spring.boot.internal;

import dev.toolstream.spring.boot.ToolstreamProperties;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Keeps the API key and auth token out of Actuator's {@code env} and {@code configprops} endpoints
 * even where they are set to show values: a key named like one ({@code toolstream.api-key}, {@code
 * ANTHROPIC_API_KEY}, any {@code *api-key} or {@code *auth-token}), and any value equal to the key
 * or token in use, whatever its name, is shown as {@code ******}.
 */
@AutoConfiguration
@ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.SanitizingFunction")
@EnableConfigurationProperties(ToolstreamProperties.class)
public class SanitizingAutoConfiguration {
  private static final Set<String> SUFFIXES =
      Set.of("apikey", "api-key", "api_key", "authtoken", "auth-token", "auth_token");

  /** Made by Spring Boot. */
  public SanitizingAutoConfiguration() {}

  /**
   * Returns the function that masks the credentials.
   *
   * @param properties the {@code toolstream.*} properties
   * @param environment where {@code ANTHROPIC_*} are looked up
   * @return the function
   */
  @Bean
  public SanitizingFunction toolstreamCredentialsSanitizer(
      ToolstreamProperties properties, Environment environment) {
    Set<String> secrets =
        Stream.of(
                properties.apiKey(),
                properties.authToken(),
                environment.getProperty("ANTHROPIC_API_KEY"),
                environment.getProperty("ANTHROPIC_AUTH_TOKEN"))
            .filter(value -> value != null && !value.isBlank())
            .map(String::strip)
            .collect(Collectors.toUnmodifiableSet());
    return SanitizingFunction.sanitizeValue()
        .ifKeyMatches(
            key -> {
              String lower = key.toLowerCase(Locale.ROOT);
              return SUFFIXES.stream().anyMatch(lower::endsWith);
            })
        .ifValueStringMatches(
            value -> secrets.stream().anyMatch(secret -> value.contains(secret)));
  }
}
