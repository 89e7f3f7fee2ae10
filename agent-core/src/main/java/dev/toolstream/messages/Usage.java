package dev.toolstream.messages;

import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Token counts of one message, or a sum of several.
 *
 * <p>Counts the API did not send are zero. {@link #totalInputTokens()} adds the cached and uncached
 * input, which is what a request really consumed. Cache writes are split by how long they are kept
 * in {@link #cacheCreation()}. Every other usage field the API sends, such as {@code
 * server_tool_use} or {@code service_tier}, and any field added later, is kept as received in
 * {@link #extraFields()}.
 *
 * @param inputTokens input tokens neither read from nor written to the cache
 * @param outputTokens tokens the model wrote, thinking included
 * @param cacheCreationInputTokens input tokens written to the cache, whatever their time to live
 * @param cacheReadInputTokens input tokens read from the cache
 * @param cacheCreation the cache writes split by time to live ({@code cache_creation}), or null
 *     when the API sent no split
 * @param extraFields the other usage fields, by wire name, as received
 */
public record Usage(
    long inputTokens,
    long outputTokens,
    long cacheCreationInputTokens,
    long cacheReadInputTokens,
    @Nullable CacheCreation cacheCreation,
    Map<String, JsonNode> extraFields) {

  /** Usage with every count zero. */
  public static final Usage ZERO = new Usage(0, 0, 0, 0);

  /**
   * Copies the extra fields; counts are not checked.
   *
   * @param inputTokens input tokens neither read from nor written to the cache
   * @param outputTokens tokens the model wrote, thinking included
   * @param cacheCreationInputTokens input tokens written to the cache
   * @param cacheReadInputTokens input tokens read from the cache
   * @param cacheCreation the cache writes by time to live, or null for none sent
   * @param extraFields the other usage fields, copied in their order
   */
  public Usage {
    extraFields = ExtraFields.copyOf(extraFields);
  }

  /**
   * Makes usage of the four counts and other fields, without a split of the cache writes.
   *
   * @param inputTokens input tokens neither read from nor written to the cache
   * @param outputTokens tokens the model wrote, thinking included
   * @param cacheCreationInputTokens input tokens written to the cache
   * @param cacheReadInputTokens input tokens read from the cache
   * @param extraFields the other usage fields, copied in their order
   */
  public Usage(
      long inputTokens,
      long outputTokens,
      long cacheCreationInputTokens,
      long cacheReadInputTokens,
      Map<String, JsonNode> extraFields) {
    this(
        inputTokens,
        outputTokens,
        cacheCreationInputTokens,
        cacheReadInputTokens,
        null,
        extraFields);
  }

  /**
   * Makes usage of the four counts alone, with no extra fields.
   *
   * @param inputTokens input tokens neither read from nor written to the cache
   * @param outputTokens tokens the model wrote, thinking included
   * @param cacheCreationInputTokens input tokens written to the cache
   * @param cacheReadInputTokens input tokens read from the cache
   */
  public Usage(
      long inputTokens,
      long outputTokens,
      long cacheCreationInputTokens,
      long cacheReadInputTokens) {
    this(inputTokens, outputTokens, cacheCreationInputTokens, cacheReadInputTokens, null, Map.of());
  }

  /**
   * Counts all the input a request consumed, cached or not.
   *
   * @return input, cache-creation and cache-read tokens added up
   */
  public long totalInputTokens() {
    return inputTokens + cacheCreationInputTokens + cacheReadInputTokens;
  }

  /**
   * Returns the sum of this usage and {@code other}, count by count, the split of cache writes
   * included (a usage without one adds nothing to it; the sum has none only if neither has). The
   * sum has no extra fields: they are not counts, and each message's usage keeps its own.
   *
   * @param other the usage to add, such as the next turn's
   * @return a new usage; neither operand changes
   */
  public Usage plus(Usage other) {
    CacheCreation split = cacheCreation;
    if (split == null) {
      split = other.cacheCreation;
    } else if (other.cacheCreation != null) {
      split = split.plus(other.cacheCreation);
    }
    return new Usage(
        inputTokens + other.inputTokens,
        outputTokens + other.outputTokens,
        cacheCreationInputTokens + other.cacheCreationInputTokens,
        cacheReadInputTokens + other.cacheReadInputTokens,
        split == null ? null : split.withoutExtraFields(),
        Map.of());
  }

  /**
   * The input tokens written to the cache, split by how long the cache keeps them: the API's {@code
   * cache_creation} object. Its counts add up to {@link #cacheCreationInputTokens()} when the API
   * sent both.
   *
   * @param ephemeral5mInputTokens tokens written for five minutes ({@code
   *     ephemeral_5m_input_tokens}), the default time to live
   * @param ephemeral1hInputTokens tokens written for one hour ({@code ephemeral_1h_input_tokens})
   * @param extraFields further fields of the object, such as a time to live added later, by wire
   *     name, as received
   */
  public record CacheCreation(
      long ephemeral5mInputTokens, long ephemeral1hInputTokens, Map<String, JsonNode> extraFields) {

    /**
     * Copies the extra fields; counts are not checked.
     *
     * @param ephemeral5mInputTokens tokens written for five minutes
     * @param ephemeral1hInputTokens tokens written for one hour
     * @param extraFields further fields of the object, copied in their order
     */
    public CacheCreation {
      extraFields = ExtraFields.copyOf(extraFields);
    }

    /**
     * Makes a split of the two times to live the API offers today.
     *
     * @param ephemeral5mInputTokens tokens written for five minutes
     * @param ephemeral1hInputTokens tokens written for one hour
     */
    public CacheCreation(long ephemeral5mInputTokens, long ephemeral1hInputTokens) {
      this(ephemeral5mInputTokens, ephemeral1hInputTokens, Map.of());
    }

    /**
     * Returns the sum of this split and {@code other}, count by count, without extra fields.
     *
     * @param other the split to add
     * @return a new split; neither operand changes
     */
    public CacheCreation plus(CacheCreation other) {
      return new CacheCreation(
          ephemeral5mInputTokens + other.ephemeral5mInputTokens,
          ephemeral1hInputTokens + other.ephemeral1hInputTokens);
    }

    private CacheCreation withoutExtraFields() {
      return extraFields.isEmpty()
          ? this
          : new CacheCreation(ephemeral5mInputTokens, ephemeral1hInputTokens);
    }
  }
}
