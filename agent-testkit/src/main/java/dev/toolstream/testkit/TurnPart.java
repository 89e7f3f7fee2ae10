package dev.toolstream.testkit;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** One item of a {@link Turn} in stream order: a content block, a ping, a raw event, a comment. */
sealed interface TurnPart {

  /** A text block sent as {@code text_delta}s. */
  record Text(List<String> deltas) implements TurnPart {}

  /** A thinking block: {@code thinking_delta}s, then one {@code signature_delta}. */
  record Thinking(List<String> deltas, String signature) implements TurnPart {}

  /** A {@code redacted_thinking} block: start and stop, no deltas. */
  record RedactedThinking(String data) implements TurnPart {}

  /**
   * A {@code tool_use} block whose input JSON text arrives as {@code input_json_delta} fragments.
   *
   * @param id the block id, or null for one made from the response and block numbers
   */
  record ToolUse(@Nullable String id, String name, String inputJson, List<String> fragments)
      implements TurnPart {}

  /**
   * A call the API runs itself, {@code server_tool_use} or {@code mcp_tool_use}, whose input JSON
   * text arrives as {@code input_json_delta} fragments like a client tool's.
   *
   * @param head the block's {@code content_block_start} fields but {@code input}, {@code type} first
   */
  record ServerCall(ObjectNode head, String inputJson, List<String> fragments)
      implements TurnPart {}

  /** A text block whose {@code citations_delta}s come first, then its {@code text_delta}s. */
  record CitedText(List<String> deltas, List<JsonNode> citations) implements TurnPart {}

  /**
   * A {@code compaction} block: a start with {@code "content": null}, then one {@code
   * compaction_delta} with the summary, as the API streams it.
   */
  record Compaction(@Nullable String content, @Nullable String encryptedContent)
      implements TurnPart {}

  /** Any content block, sent whole in its {@code content_block_start}, then a stop. */
  record RawBlock(ObjectNode block) implements TurnPart {}

  /** A {@code ping} event. */
  record Ping() implements TurnPart {}

  /** An event with any name and data, such as one a client does not know yet. */
  record Event(String name, String data) implements TurnPart {}

  /** An SSE comment line ({@code : text}). */
  record Comment(String text) implements TurnPart {}

  /** A point where the server waits until the gate opens; sends nothing itself. */
  record Gate(StreamGate gate) implements TurnPart {}

  /** Cuts {@code text} into pieces of {@code size} code points; never inside a surrogate pair. */
  static List<String> split(String text, int size) {
    List<String> pieces = new ArrayList<>(text.length() / size + 1);
    int start = 0;
    while (start < text.length()) {
      int end = start;
      for (int n = 0; n < size && end < text.length(); n++) {
        end = text.offsetByCodePoints(end, 1);
      }
      pieces.add(text.substring(start, end));
      start = end;
    }
    return pieces;
  }

  /**
   * Returns a tool input's fragments as the API sends them: {@code ""} first, then the JSON text in
   * pieces of {@code size} code points; an empty object sends the {@code ""} alone.
   */
  static List<String> fragments(String inputJson, int size) {
    List<String> fragments = new ArrayList<>();
    fragments.add("");
    if (!inputJson.strip().equals("{}")) {
      fragments.addAll(split(inputJson, size));
    }
    return fragments;
  }

  /** A content block, as opposed to an event between blocks. */
  static boolean isBlock(TurnPart part) {
    return !(part instanceof Ping
        || part instanceof Event
        || part instanceof Comment
        || part instanceof Gate);
  }
}
