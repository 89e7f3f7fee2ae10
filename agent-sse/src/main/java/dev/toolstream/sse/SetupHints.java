package dev.toolstream.sse;

import java.util.Objects;

/**
 * What the error events tell whoever runs the server to check, in that server's own terms: where
 * its API key is set (for a key the API refused) and where its model is chosen (for a model the
 * API does not know). The person at the page reads them.
 *
 * @param apiKey where the key is set, such as {@code ANTHROPIC_API_KEY}
 * @param model where the model is chosen, such as {@code its --model}
 */
public record SetupHints(String apiKey, String model) {
  /**
   * Checks that both are given.
   *
   * @param apiKey where the key is set
   * @param model where the model is chosen
   * @throws NullPointerException if either is null
   */
  public SetupHints {
    Objects.requireNonNull(apiKey, "apiKey == null");
    Objects.requireNonNull(model, "model == null");
  }
}
