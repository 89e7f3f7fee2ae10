package dev.toolstream.messages;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Extended thinking settings of a request: {@link #adaptive()} (the model decides when and how much
 * to think; the current form), {@link #enabled(int)} with a token budget (the older form, which
 * some models still need), or {@link #disabled()}.
 *
 * <p>Thinking between tool calls (interleaved thinking) comes by itself with adaptive thinking.
 * With a budget it needs a beta on Claude 4 models; {@link #interleaved()} asks for it, and the
 * request then carries {@code interleaved-thinking-2025-05-14} without the caller naming it. Either
 * way the loop sends every thinking block back in its place, signature included.
 *
 * @param type {@code adaptive}, {@code enabled} or {@code disabled}
 * @param budgetTokens how many tokens the model may think for, when enabled; null otherwise
 * @param display how thinking comes back: {@code summarized} or {@code omitted} (only the
 *     signature); null for the model's default
 * @param interleavedThinking whether to ask for thinking between tool calls with a budget; not a
 *     wire field, it adds the beta that turns it on
 */
public record ThinkingConfig(
    String type,
    @Nullable Integer budgetTokens,
    @Nullable String display,
    boolean interleavedThinking) {

  /** The {@code display} that returns a summary of the thinking, readable. */
  public static final String SUMMARIZED = "summarized";

  /** The {@code display} that returns empty thinking text and only the signature: faster. */
  public static final String OMITTED = "omitted";

  /** The beta that turns interleaved thinking on for thinking with a budget. */
  static final String INTERLEAVED_BETA = "interleaved-thinking-2025-05-14";

  /**
   * Checks the type is present; the other values are checked by the API. Prefer the factories.
   *
   * @param type {@code adaptive}, {@code enabled} or {@code disabled}, not null
   * @param budgetTokens the thinking budget, or null to leave it out
   * @param display the display, or null to leave it out
   * @param interleavedThinking whether to send the interleaved-thinking beta (with {@code enabled}
   *     only)
   */
  public ThinkingConfig {
    Objects.requireNonNull(type, "type == null");
  }

  /**
   * Makes settings of a type and a budget, with no display and no interleaving.
   *
   * @param type {@code adaptive}, {@code enabled} or {@code disabled}, not null
   * @param budgetTokens the thinking budget, or null to leave it out
   */
  public ThinkingConfig(String type, @Nullable Integer budgetTokens) {
    this(type, budgetTokens, null, false);
  }

  /**
   * Lets the model decide when and how much to think, guided by the request's effort; it thinks
   * between tool calls too, with no beta. The recommended form on the models that have it.
   *
   * @return the {@code adaptive} settings
   */
  public static ThinkingConfig adaptive() {
    return new ThinkingConfig("adaptive", null);
  }

  /**
   * Turns extended thinking on with a fixed budget, the form models without adaptive thinking need.
   *
   * @param budgetTokens how many tokens the model may think for, at least 1024; it counts toward
   *     the request's {@code max_tokens}, which the API wants larger (unless {@link
   *     #interleaved()}, where the budget spans the whole turn)
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

  /**
   * Chooses how thinking comes back.
   *
   * @param display {@link #SUMMARIZED}, {@link #OMITTED} or a value the API added later; the API
   *     rejects a display with {@code disabled}
   * @return a copy with the display
   */
  public ThinkingConfig withDisplay(String display) {
    return new ThinkingConfig(
        type,
        budgetTokens,
        Objects.requireNonNull(display, "display == null"),
        interleavedThinking);
  }

  /**
   * Asks for thinking between tool calls with a budget, by sending the {@code
   * interleaved-thinking-2025-05-14} beta. Adaptive thinking interleaves by itself: for it this
   * changes nothing and no beta is sent.
   *
   * @return a copy that asks for interleaved thinking
   */
  public ThinkingConfig interleaved() {
    return new ThinkingConfig(type, budgetTokens, display, true);
  }

  /** Tells whether the request needs the interleaved-thinking beta. */
  boolean needsInterleavedBeta() {
    return interleavedThinking && type.equals("enabled");
  }
}
