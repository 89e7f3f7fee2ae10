package dev.toolstream.spring.boot.internal;

import dev.toolstream.client.MessagesClient;
import dev.toolstream.errors.ApiException;
import dev.toolstream.errors.ToolstreamException;
import dev.toolstream.messages.ModelInfo;
import java.time.Duration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Checks that the API takes the client's credentials and knows the agent's model, without spending
 * tokens: {@code GET /v1/models/{model}}. Up with the model's id and name; down with the error's
 * type and status (a refused key, an unknown model, an unreachable API, or no answer within {@link
 * #TIMEOUT}). Its details never hold the key or the API's own error text. A check is one attempt,
 * not retried, so that a probe of {@code /actuator/health} gets its answer within that time.
 */
public final class ToolstreamHealthIndicator implements HealthIndicator {
  /** How long a check may take before the API counts as down: 5 seconds. */
  public static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final MessagesClient client;
  private final String model;

  /**
   * Checks {@code client} with {@code model}, each check within {@link #TIMEOUT}.
   *
   * @param client the client
   * @param model the model to ask about
   */
  public ToolstreamHealthIndicator(MessagesClient client, String model) {
    this(client, model, TIMEOUT);
  }

  /**
   * Checks {@code client} with {@code model}, each check within {@code timeout}.
   *
   * @param client the client; the checks use a variant of it (its pool, credentials and base URL)
   *     with no retries and {@code timeout} as the deadline
   * @param model the model to ask about
   * @param timeout how long a check may take
   */
  public ToolstreamHealthIndicator(MessagesClient client, String model, Duration timeout) {
    this.client = client.newBuilder().maxRetries(0).deadline(timeout).build();
    this.model = model;
  }

  @Override
  public Health health() {
    Health.Builder health = Health.unknown().withDetail("baseUrl", client.baseUrl());
    try {
      ModelInfo info = client.model(model);
      return health.up().withDetail("model", info.id()).withDetail("displayName", info.displayName())
          .build();
    } catch (ApiException e) {
      return health
          .down()
          .withDetail("model", model)
          .withDetail("status", e.status())
          .withDetail("error", e.errorType().isEmpty() ? "api_error" : e.errorType())
          .build();
    } catch (ToolstreamException e) {
      return health
          .down()
          .withDetail("model", model)
          .withDetail("error", e.getClass().getSimpleName())
          .build();
    }
  }

  @Override
  public String toString() {
    return "ToolstreamHealthIndicator{model=" + model + "}";
  }
}
