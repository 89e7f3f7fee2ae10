package dev.toolstream.messages;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Extended thinking settings of a request.
 *
 * @param type {@code enabled} or {@code disabled}
 * @param budgetTokens how many tokens the model may think for, when enabled
 */
public record ThinkingConfig(String type, @Nullable Integer budgetTokens) {
  public ThinkingConfig {
    Objects.requireNonNull(type, "type == null");
  }

  /**
   * Returns thinking enabled with a budget of {@code budgetTokens}.
   *
   * @throws IllegalArgumentException if the budget is below the API's minimum of 1024
   */
  public static ThinkingConfig enabled(int budgetTokens) {
    if (budgetTokens < 1024) {
      throw new IllegalArgumentException(
          "budgetTokens must be at least 1024 (the API's minimum), was " + budgetTokens);
    }
    return new ThinkingConfig("enabled", budgetTokens);
  }

  /** Returns thinking disabled. */
  public static ThinkingConfig disabled() {
    return new ThinkingConfig("disabled", null);
  }
}
