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
  /**
   * Checks the type is present; neither value is checked here. Prefer {@link #enabled(int)} and
   * {@link #disabled()}.
   *
   * @param type {@code enabled} or {@code disabled}, not null
   * @param budgetTokens the thinking budget, or null to leave it out
   */
  public ThinkingConfig {
    Objects.requireNonNull(type, "type == null");
  }

  /**
   * Turns extended thinking on.
   *
   * @param budgetTokens how many tokens the model may think for, at least 1024; it counts toward
   *     the request's {@code max_tokens}, which the API wants larger
   * @return the {@code enabled} settings
   * @throws IllegalArgumentException if the budget is below the API's minimum of 1024
   */
  public static ThinkingConfig enabled(int budgetTokens) {
    if (budgetTokens < 1024) {
      throw new IllegalArgumentException(
          "budgetTokens must be at least 1024 (the API's minimum), was " + budgetTokens);
    }
    return new ThinkingConfig("enabled", budgetTokens);
  }

  /**
   * Turns extended thinking off explicitly, as a variant of a request that had it on.
   *
   * @return the {@code disabled} settings, with no budget
   */
  public static ThinkingConfig disabled() {
    return new ThinkingConfig("disabled", null);
  }
}
