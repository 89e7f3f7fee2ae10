package dev.toolstream.messages;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A prompt-caching breakpoint on a block, a tool or the system prompt.
 *
 * @param type the cache type; today always {@code ephemeral}
 * @param ttl the time to live, such as {@code 5m} or {@code 1h}; null for the API's default
 */
public record CacheControl(String type, @Nullable String ttl) {
  /**
   * Checks the type is present; neither value is checked against the API's list.
   *
   * @param type the cache type, not null
   * @param ttl the time to live as the API spells it, or null for the API's default
   */
  public CacheControl {
    Objects.requireNonNull(type, "type == null");
  }

  /**
   * Makes the breakpoint most requests want: the API's only cache type, kept for its default time.
   *
   * @return an {@code ephemeral} breakpoint with a null {@code ttl}, so the API's default (five
   *     minutes today) applies
   */
  public static CacheControl ephemeral() {
    return new CacheControl("ephemeral", null);
  }
}
