package dev.toolstream.messages;

import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Token counts of one message, or a sum of several.
 *
 * <p>Counts the API did not send are zero. {@link #totalInputTokens()} adds the cached and
 * uncached input, which is what a request really consumed. Every other usage field the API sends,
 * such as {@code server_tool_use}, {@code service_tier} or {@code cache_creation}, and any field
 * added later, is kept as received in {@link #extraFields()}.
 *
 * @param inputTokens input tokens neither read from nor written to the cache
 * @param outputTokens tokens the model wrote, thinking included
 * @param cacheCreationInputTokens input tokens written to the cache
 * @param cacheReadInputTokens input tokens read from the cache
 * @param extraFields the usage fields other than the four counts, by wire name, as received
 */
public record Usage(
    long inputTokens,
    long outputTokens,
    long cacheCreationInputTokens,
    long cacheReadInputTokens,
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
   * @param extraFields the other usage fields, copied in their order
   */
  public Usage {
    extraFields = ExtraFields.copyOf(extraFields);
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
    this(inputTokens, outputTokens, cacheCreationInputTokens, cacheReadInputTokens, Map.of());
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
   * Returns the sum of this usage and {@code other}, count by count. The sum has no extra fields:
   * they are not counts, and each message's usage keeps its own.
   *
   * @param other the usage to add, such as the next turn's
   * @return a new usage; neither operand changes
   */
  public Usage plus(Usage other) {
    return new Usage(
        inputTokens + other.inputTokens,
        outputTokens + other.outputTokens,
        cacheCreationInputTokens + other.cacheCreationInputTokens,
        cacheReadInputTokens + other.cacheReadInputTokens);
  }
}
