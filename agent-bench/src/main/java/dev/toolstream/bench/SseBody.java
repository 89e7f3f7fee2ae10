package dev.toolstream.bench;

import java.nio.charset.StandardCharsets;
import tools.jackson.core.io.JsonStringEncoder;

/**
 * Writes a Messages API event stream in the exact wire shape of the recorded fixtures: {@code
 * event:} and {@code data:} lines, a blank line after each event, compact JSON with non-ASCII text
 * left as UTF-8. Not thread-safe.
 */
final class SseBody {
  private final StringBuilder out = new StringBuilder(1 << 16);
  private int events;

  /** Writes {@code message_start} and the {@code ping} the API sends after it. */
  SseBody messageStart(String id, int inputTokens) {
    event(
        "message_start",
        "{\"type\":\"message_start\",\"message\":{\"id\":\""
            + id
            + "\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4-6\","
            + "\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":"
            + inputTokens
            + ",\"output_tokens\":1,\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":0}}}");
    return event("ping", "{\"type\":\"ping\"}");
  }

  /** Writes {@code content_block_start} for a text block. */
  SseBody textStart(int index) {
    return event(
        "content_block_start",
        "{\"type\":\"content_block_start\",\"index\":"
            + index
            + ",\"content_block\":{\"type\":\"text\",\"text\":\"\"}}");
  }

  /** Writes {@code content_block_start} for a tool call. */
  SseBody toolStart(int index, String id, String name) {
    return event(
        "content_block_start",
        "{\"type\":\"content_block_start\",\"index\":"
            + index
            + ",\"content_block\":{\"type\":\"tool_use\",\"id\":\""
            + id
            + "\",\"name\":\""
            + name
            + "\",\"input\":{}}}");
  }

  /** Writes a {@code text_delta}. */
  SseBody text(int index, String text) {
    return event(
        "content_block_delta",
        "{\"type\":\"content_block_delta\",\"index\":"
            + index
            + ",\"delta\":{\"type\":\"text_delta\",\"text\":\""
            + quote(text)
            + "\"}}");
  }

  /** Writes an {@code input_json_delta}. */
  SseBody inputJson(int index, String partialJson) {
    return event(
        "content_block_delta",
        "{\"type\":\"content_block_delta\",\"index\":"
            + index
            + ",\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\""
            + quote(partialJson)
            + "\"}}");
  }

  /** Writes {@code content_block_stop}. */
  SseBody stop(int index) {
    return event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":" + index + "}");
  }

  /** Writes {@code message_delta} with the stop reason, then {@code message_stop}. */
  SseBody messageEnd(String stopReason, int outputTokens) {
    event(
        "message_delta",
        "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\""
            + stopReason
            + "\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":"
            + outputTokens
            + "}}");
    return event("message_stop", "{\"type\":\"message_stop\"}");
  }

  /** Returns how many events were written. */
  int events() {
    return events;
  }

  /** Returns the stream as UTF-8 bytes. */
  byte[] bytes() {
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Returns one event's frame, for writers that send events one at a time. */
  static byte[] frame(String name, String data) {
    return ("event: " + name + "\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8);
  }

  private SseBody event(String name, String data) {
    out.append("event: ").append(name).append("\ndata: ").append(data).append("\n\n");
    events++;
    return this;
  }

  static String quote(String text) {
    return new String(JsonStringEncoder.getInstance().quoteAsCharArray(text));
  }
}
