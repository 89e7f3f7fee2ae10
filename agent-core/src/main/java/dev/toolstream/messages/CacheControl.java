package dev.toolstream.messages;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A prompt-caching breakpoint: on a block, a tool or the system prompt it caches the prompt up to
 * and including that place; as a request's own {@link MessageRequest#cacheControl()} it asks the
 * API to place one on the last cacheable block (automatic caching).
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

  /**
   * Makes an ephemeral breakpoint kept for {@code ttl}, such as {@code Duration.ofHours(1)}. The
   * API takes five minutes (its default, written {@code 5m}) and one hour ({@code 1h}); a cache
   * write for one hour costs more than one for five minutes. When several breakpoints of a request
   * have different times, the longer ones must come first.
   *
   * @param ttl whole hours or whole minutes, positive; written as {@code 1h} or {@code 5m}. Other
   *     lengths are sent as they are and the API refuses those it does not offer
   * @return an {@code ephemeral} breakpoint with that {@code ttl}
   * @throws IllegalArgumentException if {@code ttl} is not a positive number of whole minutes
   */
  public static CacheControl ephemeral(Duration ttl) {
    Objects.requireNonNull(ttl, "ttl == null");
    if (ttl.isNegative() || ttl.isZero() || ttl.toSecondsPart() != 0 || ttl.toNanosPart() != 0) {
      throw new IllegalArgumentException(
          "a cache ttl is a positive number of whole minutes, such as Duration.ofMinutes(5) or"
              + " Duration.ofHours(1); was "
              + ttl);
    }
    String wire = ttl.toMinutesPart() == 0 ? ttl.toHours() + "h" : ttl.toMinutes() + "m";
    return new CacheControl("ephemeral", wire);
  }
}
