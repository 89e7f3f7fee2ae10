package dev.toolstream.internal.sse;

import dev.toolstream.internal.json.BlockCodec;
import dev.toolstream.internal.json.Json;
import dev.toolstream.internal.json.MessageCodec;
import dev.toolstream.messages.StopReason;
import dev.toolstream.stream.Delta;
import dev.toolstream.stream.StreamEvent;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Turns the JSON data of one server-sent event into a typed {@link StreamEvent}.
 *
 * <p>The common case, a compact {@code content_block_delta} with a string payload, is read by
 * {@link DeltaScanner} without a parser; everything else, and any delta of another shape, goes
 * through a Jackson tree. Thread-safe.
 */
public final class EventParser {
  private static final Set<String> STOP_FIELDS =
      Set.of("stop_reason", "stop_sequence", "stop_details");
  /** The fields beside a {@code message_delta}'s {@code delta} that update the message. */
  private static final Set<String> MESSAGE_FIELDS = Set.of("context_management");

  private EventParser() {}

  /**
   * Returns the event {@code data} describes.
   *
   * @param eventName the SSE {@code event} field, used only when the JSON carries no {@code type}
   * @throws tools.jackson.core.JacksonException if {@code data} is not valid JSON
   * @throws IllegalArgumentException if it is not a JSON object, or a block event has no integer
   *     index
   */
  public static StreamEvent parse(@Nullable String eventName, String data) {
    StreamEvent delta = DeltaScanner.scan(data);
    return delta != null ? delta : parseTree(eventName, data);
  }

  /**
   * Returns the event the UTF-8 {@code data[0..length)} describes, as {@link #parse(String,
   * String)} does for its text; reads {@code data} during the call only. Bytes that are not UTF-8
   * read as U+FFFD, as they would in a string.
   *
   * @throws tools.jackson.core.JacksonException if the data is not valid JSON
   * @throws IllegalArgumentException if it is not a JSON object, or a block event has no integer
   *     index
   */
  public static StreamEvent parse(@Nullable String eventName, byte[] data, int length) {
    StreamEvent delta = DeltaScanner.scan(data, length);
    return delta != null
        ? delta
        : parseTree(eventName, new String(data, 0, length, StandardCharsets.UTF_8));
  }

  private static StreamEvent parseTree(@Nullable String eventName, String data) {
    JsonNode json = Json.parse(data);
    if (!json.isObject()) {
      throw new IllegalArgumentException("event data is not a JSON object: " + abbreviate(data));
    }
    String type = json.has("type") ? json.get("type").asString() : eventName == null ? "" : eventName;
    return fromTree(type, json);
  }

  private static StreamEvent fromTree(String type, JsonNode json) {
    switch (type) {
      case "message_start":
        return new StreamEvent.MessageStart(MessageCodec.readMessage(json.path("message")));
      case "content_block_start":
        JsonNode block = json.path("content_block");
        if (!block.isObject()) {
          throw new IllegalArgumentException(
              "a content_block_start event has no content_block object: " + abbreviate(json.toString()));
        }
        return new StreamEvent.ContentBlockStart(index(type, json), BlockCodec.read(block));
      case "content_block_delta":
        return new StreamEvent.ContentBlockDelta(index(type, json), delta(json.path("delta")));
      case "content_block_stop":
        return new StreamEvent.ContentBlockStop(index(type, json));
      case "message_delta":
        JsonNode delta = json.path("delta");
        String stopReason = BlockCodec.optionalString(delta, "stop_reason");
        JsonNode usage = json.get("usage");
        return new StreamEvent.MessageDelta(
            stopReason == null ? null : StopReason.of(stopReason),
            BlockCodec.optionalString(delta, "stop_sequence"),
            MessageCodec.readStopDetails(delta.get("stop_details")),
            usage == null || usage.isNull() ? null : usage,
            deltaExtraFields(json, delta));
      case "message_stop":
        return new StreamEvent.MessageStop();
      case "ping":
        return new StreamEvent.Ping();
      case "error":
        JsonNode error = json.path("error");
        return new StreamEvent.StreamError(
            BlockCodec.string(error, "type"), BlockCodec.string(error, "message"));
      default:
        return new StreamEvent.Unknown(type, json);
    }
  }

  /**
   * Returns the fields of a {@code message_delta}'s delta other than the stop fields (a {@code
   * stop_details} that is not an object is kept raw), then the event's own {@code
   * context_management}, which the API sends beside the delta: all are fields of the message. Other
   * fields of the event change nothing, as in the official SDKs.
   */
  private static Map<String, JsonNode> deltaExtraFields(JsonNode event, JsonNode delta) {
    Map<String, JsonNode> extra = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> field : delta.properties()) {
      JsonNode value = field.getValue();
      boolean rawDetails =
          field.getKey().equals("stop_details") && !value.isNull() && !value.isObject();
      if (!STOP_FIELDS.contains(field.getKey()) || rawDetails) {
        extra.put(field.getKey(), value);
      }
    }
    for (Map.Entry<String, JsonNode> field : event.properties()) {
      if (MESSAGE_FIELDS.contains(field.getKey())) {
        extra.put(field.getKey(), field.getValue());
      }
    }
    return extra.isEmpty() ? Map.of() : extra;
  }

  /** Reads a block event's index, which a missing or fractional value must not turn into 0. */
  private static int index(String type, JsonNode json) {
    JsonNode index = json.get("index");
    if (index == null || !index.isIntegralNumber() || !index.canConvertToInt()) {
      throw new IllegalArgumentException(
          "a " + type + " event has no integer index: "
              + abbreviate(json.toString()));
    }
    return index.intValue();
  }

  private static Delta delta(JsonNode delta) {
    String type = BlockCodec.string(delta, "type");
    switch (type) {
      case "text_delta":
        return new Delta.Text(BlockCodec.string(delta, "text"));
      case "input_json_delta":
        return new Delta.InputJson(BlockCodec.string(delta, "partial_json"));
      case "thinking_delta":
        return new Delta.Thinking(BlockCodec.string(delta, "thinking"));
      case "signature_delta":
        return new Delta.Signature(BlockCodec.string(delta, "signature"));
      case "citations_delta":
        return new Delta.Citation(delta.path("citation"));
      case "compaction_delta":
        return new Delta.Compaction(
            BlockCodec.textual(delta, "content"), BlockCodec.textual(delta, "encrypted_content"));
      default:
        return new Delta.Unknown(type, delta);
    }
  }

  /** Returns at most the first 200 characters of {@code text}, for error messages. */
  public static String abbreviate(String text) {
    return text.length() <= 200 ? text : text.substring(0, 200) + "…";
  }
}
