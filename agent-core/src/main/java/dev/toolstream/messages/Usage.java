package dev.toolstream.messages;

import tools.jackson.databind.JsonNode;

/**
 * Token counts of one message, or a sum of several.
 *
 * <p>Counts the API did not send are zero. {@link #totalInputTokens()} adds the cached and
 * uncached input, which is what a request really consumed.
 */
public record Usage(
    long inputTokens,
    long outputTokens,
    long cacheCreationInputTokens,
    long cacheReadInputTokens) {

  /** Usage with every count zero. */
  public static final Usage ZERO = new Usage(0, 0, 0, 0);

  /** Returns input, cache-creation and cache-read tokens added up. */
  public long totalInputTokens() {
    return inputTokens + cacheCreationInputTokens + cacheReadInputTokens;
  }

  /** Returns the sum of this usage and {@code other}, count by count. */
  public Usage plus(Usage other) {
    return new Usage(
        inputTokens + other.inputTokens,
        outputTokens + other.outputTokens,
        cacheCreationInputTokens + other.cacheCreationInputTokens,
        cacheReadInputTokens + other.cacheReadInputTokens);
  }

  /**
   * Returns this usage with each count that {@code usageJson} holds replaced by that value.
   *
   * <p>This is how {@code message_delta} counts apply: they are cumulative for the message and
   * replace earlier counts field by field; a field that is missing or null leaves the count as it
   * was. They are never added.
   */
  public Usage updatedWith(JsonNode usageJson) {
    return new Usage(
        count(usageJson, "input_tokens", inputTokens),
        count(usageJson, "output_tokens", outputTokens),
        count(usageJson, "cache_creation_input_tokens", cacheCreationInputTokens),
        count(usageJson, "cache_read_input_tokens", cacheReadInputTokens));
  }

  private static long count(JsonNode json, String field, long previous) {
    JsonNode value = json.get(field);
    return value != null && value.isNumber() ? value.asLong() : previous;
  }
}
