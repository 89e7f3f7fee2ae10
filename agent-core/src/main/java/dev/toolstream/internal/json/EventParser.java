package dev.toolstream.internal.json;

import dev.toolstream.messages.StopReason;
import dev.toolstream.stream.Delta;
import dev.toolstream.stream.StreamEvent;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;

/**
 * Turns the JSON data of one server-sent event into a typed {@link StreamEvent}.
 *
 * <p>The common case, a {@code content_block_delta} with a string payload, is read with Jackson's
 * streaming parser and builds no tree; everything else, and any delta of an unexpected shape, goes
 * through a tree. Thread-safe.
 */
public final class EventParser {
  private EventParser() {}

  /**
   * Returns the event {@code data} describes.
   *
   * @param eventName the SSE {@code event} field, used only when the JSON carries no {@code type}
   * @throws tools.jackson.core.JacksonException if {@code data} is not one JSON object
   */
  public static StreamEvent parse(@Nullable String eventName, String data) {
    if (data.startsWith("{\"type\":\"content_block_delta\"")) {
      StreamEvent fast = parseStringDelta(data);
      if (fast != null) {
        return fast;
      }
    }
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
        return new StreamEvent.ContentBlockStart(
            json.path("index").asInt(), BlockCodec.read(json.path("content_block")));
      case "content_block_delta":
        return new StreamEvent.ContentBlockDelta(json.path("index").asInt(), delta(json.path("delta")));
      case "content_block_stop":
        return new StreamEvent.ContentBlockStop(json.path("index").asInt());
      case "message_delta":
        JsonNode delta = json.path("delta");
        String stopReason = BlockCodec.optionalString(delta, "stop_reason");
        JsonNode details = delta.get("stop_details");
        JsonNode usage = json.get("usage");
        return new StreamEvent.MessageDelta(
            stopReason == null ? null : StopReason.of(stopReason),
            BlockCodec.optionalString(delta, "stop_sequence"),
            details == null || details.isNull() ? null : details,
            usage == null || usage.isNull() ? null : usage);
      case "message_stop":
        return new StreamEvent.MessageStop();
      case "ping":
        return new StreamEvent.Ping();
      case "error":
        JsonNode error = json.path("error");
        return new StreamEvent.Error(
            BlockCodec.string(error, "type"), BlockCodec.string(error, "message"));
      default:
        return new StreamEvent.Unknown(type, json);
    }
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
      default:
        return new Delta.Unknown(type, delta);
    }
  }

  /**
   * Reads {@code {"type":"content_block_delta","index":N,"delta":{"type":T,F:"…"}}} without a
   * tree. Returns null when the event has any other shape, so the caller falls back to the tree.
   */
  private static @Nullable StreamEvent parseStringDelta(String data) {
    try (JsonParser parser = Json.MAPPER.createParser(data)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      int index = -1;
      Delta delta = null;
      String name;
      while ((name = parser.nextName()) != null) {
        JsonToken token = parser.nextToken();
        if (name.equals("type") && token == JsonToken.VALUE_STRING) {
          continue;
        } else if (name.equals("index") && token == JsonToken.VALUE_NUMBER_INT) {
          index = parser.getIntValue();
        } else if (name.equals("delta") && token == JsonToken.START_OBJECT) {
          delta = stringDelta(parser);
          if (delta == null) {
            return null;
          }
        } else {
          return null;
        }
      }
      if (index < 0 || delta == null || parser.nextToken() != null) {
        return null;
      }
      return new StreamEvent.ContentBlockDelta(index, delta);
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static @Nullable Delta stringDelta(JsonParser parser) {
    String type = null;
    String field = null;
    String value = null;
    String name;
    while ((name = parser.nextName()) != null) {
      if (parser.nextToken() != JsonToken.VALUE_STRING) {
        return null;
      }
      if (name.equals("type")) {
        type = parser.getString();
      } else if (field == null) {
        field = name;
        value = parser.getString();
      } else {
        return null;
      }
    }
    if (type == null || field == null) {
      return null;
    }
    switch (type) {
      case "text_delta":
        return field.equals("text") ? new Delta.Text(value) : null;
      case "input_json_delta":
        return field.equals("partial_json") ? new Delta.InputJson(value) : null;
      case "thinking_delta":
        return field.equals("thinking") ? new Delta.Thinking(value) : null;
      case "signature_delta":
        return field.equals("signature") ? new Delta.Signature(value) : null;
      default:
        return null;
    }
  }

  /** Returns at most the first 200 characters of {@code text}, for error messages. */
  public static String abbreviate(String text) {
    return text.length() <= 200 ? text : text.substring(0, 200) + "…";
  }
}
