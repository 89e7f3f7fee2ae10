package dev.toolstream.stream;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The obviously correct way to accumulate a stream, written over Jackson trees and nothing of the
 * library: the message of {@code message_start}, each block as {@code content_block_start} sent it
 * with its deltas applied, and each {@code message_delta} field laid over the message (and its
 * usage) as protocol.md says: a value replaces, a null never overwrites.
 */
final class ReferenceAccumulator {
  /** The citation types whose request shape has no {@code file_id} (API reference). */
  private static final Set<String> CITATIONS_WITHOUT_FILE_ID =
      Set.of("char_location", "page_location", "content_block_location");

  private ReferenceAccumulator() {}

  /** Returns the message {@code events} accumulate to, each event's data read by {@code json}. */
  static ObjectNode message(List<String> events, JsonMapper json) {
    ObjectNode message = json.createObjectNode();
    Map<Integer, ObjectNode> blocks = new TreeMap<>();
    Map<Integer, StringBuilder> inputs = new TreeMap<>();
    for (String data : events) {
      JsonNode event = json.readTree(data);
      int index = event.path("index").asInt();
      switch (event.path("type").asString()) {
        case "message_start":
          message = (ObjectNode) event.get("message").deepCopy();
          break;
        case "content_block_start":
          blocks.put(index, (ObjectNode) event.get("content_block").deepCopy());
          break;
        case "content_block_delta":
          applyDelta(blocks.get(index), event.get("delta"), inputs, index);
          break;
        case "content_block_stop":
          StringBuilder input = inputs.remove(index);
          if (input != null) {
            blocks
                .get(index)
                .set(
                    "input",
                    input.toString().isBlank()
                        ? json.createObjectNode()
                        : json.readTree(input.toString()));
          }
          break;
        case "message_delta":
          overlay(message, event.get("delta"));
          overlay((ObjectNode) message.get("usage"), event.get("usage"));
          break;
        default: // ping, message_stop, error and unknown events change no field.
      }
    }
    ArrayNode content = message.putArray("content");
    blocks.values().forEach(content::add);
    return normalized(message);
  }

  private static void applyDelta(
      ObjectNode block, JsonNode delta, Map<Integer, StringBuilder> inputs, int index) {
    switch (delta.path("type").asString()) {
      case "text_delta":
        append(block, "text", delta.get("text").asString());
        break;
      case "thinking_delta":
        append(block, "thinking", delta.get("thinking").asString());
        break;
      case "signature_delta":
        append(block, "signature", delta.get("signature").asString());
        break;
      case "citations_delta":
        JsonNode citations = block.get("citations");
        (citations != null && citations.isArray()
                ? (ArrayNode) citations
                : block.putArray("citations"))
            .add(delta.get("citation"));
        break;
      case "input_json_delta":
        inputs
            .computeIfAbsent(index, i -> new StringBuilder())
            .append(delta.get("partial_json").asString());
        break;
      default: // A delta type nobody knows yet changes nothing.
    }
  }

  private static void append(ObjectNode block, String field, String text) {
    block.put(field, block.path(field).asString("") + text);
  }

  /** Lays each field of {@code delta} over {@code target}: a null never overwrites a value. */
  private static void overlay(ObjectNode target, JsonNode delta) {
    for (Map.Entry<String, JsonNode> field : delta.properties()) {
      if (!field.getValue().isNull() || !target.has(field.getKey())) {
        target.set(field.getKey(), field.getValue());
      }
    }
  }

  /**
   * Writes the envelope in the one spelling the library documents for it, and only that: a null
   * {@code stop_details} is left out, and a usage count the API left out is zero. Every other field
   * is as accumulated.
   */
  private static ObjectNode normalized(ObjectNode message) {
    if (message.path("stop_details").isNull()) {
      message.remove("stop_details");
    }
    ObjectNode usage =
        message.has("usage") ? (ObjectNode) message.get("usage") : message.putObject("usage");
    for (String count :
        List.of(
            "input_tokens",
            "output_tokens",
            "cache_creation_input_tokens",
            "cache_read_input_tokens")) {
      if (!usage.path(count).isNumber()) {
        usage.put(count, 0);
      }
    }
    return message;
  }

  /**
   * Returns the request message that sends {@code message} back: its content without the
   * response-only fields of the API reference, which are {@code file_id} in char, page and
   * content-block citations, and a null {@code caller}.
   */
  static ObjectNode requestMessage(ObjectNode message, JsonMapper json) {
    ObjectNode request = json.createObjectNode().put("role", "assistant");
    ArrayNode content = request.putArray("content");
    for (JsonNode original : message.get("content")) {
      ObjectNode block = (ObjectNode) original.deepCopy();
      if (block.path("caller").isNull()) {
        block.remove("caller");
      }
      if (block.path("type").asString().equals("text") && block.path("citations").isArray()) {
        for (JsonNode citation : block.get("citations")) {
          if (CITATIONS_WITHOUT_FILE_ID.contains(citation.path("type").asString())) {
            ((ObjectNode) citation).remove("file_id");
          }
        }
      }
      content.add(block);
    }
    return request;
  }
}
