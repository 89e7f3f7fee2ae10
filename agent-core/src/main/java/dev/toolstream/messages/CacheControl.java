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
  public CacheControl {
    Objects.requireNonNull(type, "type == null");
  }

  /** Returns an {@code ephemeral} breakpoint with the API's default time to live. */
  public static CacheControl ephemeral() {
    return new CacheControl("ephemeral", null);
  }
}
