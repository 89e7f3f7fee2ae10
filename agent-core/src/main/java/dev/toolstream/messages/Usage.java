package dev.toolstream.messages;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Token counts of one message, or a sum of several.
 *
 * <p>Counts the API did not send are zero. {@link #totalInputTokens()} adds the cached and
 * uncached input, which is what a request really consumed. Every other usage field the API sends,
 * such as {@code server_tool_use}, {@code service_tier} or {@code cache_creation}, and any field
 * added later, is kept as received in {@link #extraFields()}.
 *
 * @param inputTokens uncached input tokens
 * @param outputTokens output tokens
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

  private static final Set<String> COUNTS =
      Set.of(
          "input_tokens",
          "output_tokens",
          "cache_creation_input_tokens",
          "cache_read_input_tokens");

  public Usage {
    extraFields = ExtraFields.copyOf(extraFields);
  }

  /** Returns usage made of the four counts alone. */
  public Usage(
      long inputTokens,
      long outputTokens,
      long cacheCreationInputTokens,
      long cacheReadInputTokens) {
    this(inputTokens, outputTokens, cacheCreationInputTokens, cacheReadInputTokens, Map.of());
  }

  /** Returns input, cache-creation and cache-read tokens added up. */
  public long totalInputTokens() {
    return inputTokens + cacheCreationInputTokens + cacheReadInputTokens;
  }

  /**
   * Returns the sum of this usage and {@code other}, count by count. The sum has no extra fields:
   * they are not counts, and each message's usage keeps its own.
   */
  public Usage plus(Usage other) {
    return new Usage(
        inputTokens + other.inputTokens,
        outputTokens + other.outputTokens,
        cacheCreationInputTokens + other.cacheCreationInputTokens,
        cacheReadInputTokens + other.cacheReadInputTokens);
  }

  /**
   * Returns this usage with each field that {@code usageJson} holds replaced by that value.
   *
   * <p>This is how {@code message_delta} usage applies: its values are cumulative for the message
   * and replace earlier ones field by field, extra fields included (an object such as {@code
   * server_tool_use} is replaced whole); a field that is missing or null leaves the value as it
   * was, and a null for a field not yet there is kept as null. Counts are never added.
   */
  public Usage updatedWith(JsonNode usageJson) {
    Map<String, JsonNode> extra = extraFields;
    for (Map.Entry<String, JsonNode> field : usageJson.properties()) {
      String name = field.getKey();
      JsonNode value = field.getValue();
      if (COUNTS.contains(name) || (value.isNull() && extra.containsKey(name))) {
        continue;
      }
      if (extra == extraFields) {
        extra = new LinkedHashMap<>(extraFields);
      }
      extra.put(name, value);
    }
    return new Usage(
        count(usageJson, "input_tokens", inputTokens),
        count(usageJson, "output_tokens", outputTokens),
        count(usageJson, "cache_creation_input_tokens", cacheCreationInputTokens),
        count(usageJson, "cache_read_input_tokens", cacheReadInputTokens),
        extra);
  }

  private static long count(JsonNode json, String field, long previous) {
    JsonNode value = json.get(field);
    return value != null && value.isNumber() ? value.asLong() : previous;
  }
}
