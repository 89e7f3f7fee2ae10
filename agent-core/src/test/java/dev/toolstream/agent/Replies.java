package dev.toolstream.agent;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockResponse;
import okio.Buffer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds streamed replies in the exact wire shape of the recorded fixtures, one SSE event per
 * {@code event:}/{@code data:} pair, with tool input split into small fragments.
 */
final class Replies {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final String id;
  private final List<String> blocks = new ArrayList<>();
  private String stopReason = "end_turn";
  private long inputTokens = 100;
  private long outputTokens = 20;

  private Replies(String id) {
    this.id = id;
  }

  static Replies reply(String id) {
    return new Replies(id);
  }

  Replies text(String text) {
    int index = blocks.size();
    StringBuilder sse = new StringBuilder();
    sse.append(event("content_block_start", start(index, "{\"type\":\"text\",\"text\":\"\"}")));
    for (String piece : split(text, 7)) {
      sse.append(delta(index, obj("type", "text_delta").put("text", piece)));
    }
    blocks.add(sse.append(stop(index)).toString());
    return this;
  }

  Replies thinking(String thinking, String signature) {
    int index = blocks.size();
    StringBuilder sse = new StringBuilder();
    sse.append(
        event(
            "content_block_start",
            start(index, "{\"type\":\"thinking\",\"thinking\":\"\",\"signature\":\"\"}")));
    for (String piece : split(thinking, 9)) {
      sse.append(delta(index, obj("type", "thinking_delta").put("thinking", piece)));
    }
    sse.append(delta(index, obj("type", "signature_delta").put("signature", signature)));
    blocks.add(sse.append(stop(index)).toString());
    return this;
  }

  Replies redactedThinking(String data) {
    int index = blocks.size();
    String block = JSON.writeValueAsString(obj("type", "redacted_thinking").put("data", data));
    blocks.add(event("content_block_start", start(index, block)) + stop(index));
    return this;
  }

  /** A tool call whose input JSON (any text, valid or not) streams in 5-character fragments. */
  Replies toolUse(String toolUseId, String name, String inputJson) {
    int index = blocks.size();
    StringBuilder sse = new StringBuilder();
    ObjectNode block = obj("type", "tool_use").put("id", toolUseId).put("name", name);
    block.set("input", NODES.objectNode());
    sse.append(event("content_block_start", start(index, JSON.writeValueAsString(block))));
    sse.append(delta(index, obj("type", "input_json_delta").put("partial_json", "")));
    for (String piece : split(inputJson, 5)) {
      sse.append(delta(index, obj("type", "input_json_delta").put("partial_json", piece)));
    }
    blocks.add(sse.append(stop(index)).toString());
    return this;
  }

  Replies stopReason(String stopReason) {
    this.stopReason = stopReason;
    return this;
  }

  Replies usage(long inputTokens, long outputTokens) {
    this.inputTokens = inputTokens;
    this.outputTokens = outputTokens;
    return this;
  }

  /** Returns the whole stream as SSE text. */
  String sse() {
    return head() + String.join("", blocks) + tail();
  }

  /** Returns the stream up to and including block {@code lastBlock}; see {@link #rest}. */
  String upTo(int lastBlock) {
    return head() + String.join("", blocks.subList(0, lastBlock + 1));
  }

  /** Returns the stream after block {@code lastBlock}. */
  String after(int lastBlock) {
    return String.join("", blocks.subList(lastBlock + 1, blocks.size())) + tail();
  }

  MockResponse response() {
    return stream(sse());
  }

  static MockResponse stream(String sse) {
    return new MockResponse.Builder()
        .code(200)
        .setHeader("content-type", "text/event-stream; charset=utf-8")
        .setHeader("request-id", "req_test")
        .body(new Buffer().write(sse.getBytes(StandardCharsets.UTF_8)))
        .build();
  }

  private String head() {
    return event(
            "message_start",
            "{\"type\":\"message_start\",\"message\":{\"id\":\""
                + id
                + "\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4-6\","
                + "\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,\"usage\":"
                + "{\"input_tokens\":"
                + inputTokens
                + ",\"output_tokens\":1,\"cache_creation_input_tokens\":0,"
                + "\"cache_read_input_tokens\":0}}}")
        + event("ping", "{\"type\":\"ping\"}");
  }

  private String tail() {
    return event(
            "message_delta",
            "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\""
                + stopReason
                + "\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":"
                + outputTokens
                + "}}")
        + event("message_stop", "{\"type\":\"message_stop\"}");
  }

  private static String start(int index, String block) {
    return "{\"type\":\"content_block_start\",\"index\":" + index + ",\"content_block\":" + block + "}";
  }

  private static String delta(int index, ObjectNode delta) {
    ObjectNode event = obj("type", "content_block_delta").put("index", index);
    event.set("delta", delta);
    return event("content_block_delta", JSON.writeValueAsString(event));
  }

  private static String stop(int index) {
    return event(
        "content_block_stop", "{\"type\":\"content_block_stop\",\"index\":" + index + "}");
  }

  private static String event(String name, String data) {
    return "event: " + name + "\ndata: " + data + "\n\n";
  }

  private static ObjectNode obj(String key, String value) {
    return NODES.objectNode().put(key, value);
  }

  private static List<String> split(String text, int size) {
    List<String> pieces = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      int end = Math.min(text.length(), i + size);
      if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
        end++;
      }
      pieces.add(text.substring(i, end));
      i = end;
    }
    return pieces;
  }
}
