package dev.toolstream.messages;

import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * What the API's token counter says a request would consume, before it is sent: the answer of
 * {@code POST /v1/messages/count_tokens}.
 *
 * @param inputTokens the input tokens of the request's system prompt, tools and messages, as the
 *     model would count them; a cache read would not make them fewer
 * @param extraFields the other fields of the answer, such as {@code context_management} when the
 *     request edits its context, by wire name, as received
 */
public record TokenCount(long inputTokens, Map<String, JsonNode> extraFields) {
  /**
   * Copies the extra fields; the count is not checked.
   *
   * @param inputTokens the request's input tokens
   * @param extraFields the answer's other fields, copied in their order
   */
  public TokenCount {
    extraFields = ExtraFields.copyOf(extraFields);
  }
}
