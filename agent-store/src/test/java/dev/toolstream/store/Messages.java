package dev.toolstream.store;

import dev.toolstream.internal.json.Json;
import dev.toolstream.internal.json.MessageCodec;
import dev.toolstream.messages.ContentBlock;
import dev.toolstream.messages.Message;

/** Replies as the API sends them, for tests that store them without running a model. */
final class Messages {
  private Messages() {}

  /** A reply that calls the tools named, with ids toolu_<name>. */
  static Message callingTools(String... tools) {
    StringBuilder content = new StringBuilder("[{\"type\":\"text\",\"text\":\"Let me check.\"}");
    for (String tool : tools) {
      content
          .append(",{\"type\":\"tool_use\",\"id\":\"toolu_")
          .append(tool)
          .append("\",\"name\":\"")
          .append(tool)
          .append("\",\"input\":{\"city\":\"Paris\"}}");
    }
    content.append(']');
    return reply(content.toString(), "tool_use");
  }

  /** A reply that ends the run. */
  static Message answer(String text) {
    return reply("[{\"type\":\"text\",\"text\":" + Json.write(Json.MAPPER.getNodeFactory().stringNode(text)) + "}]", "end_turn");
  }

  static Message reply(String contentJson, String stopReason) {
    return MessageCodec.readMessage(
        Json.parse(
            "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\","
                + "\"model\":\"claude-sonnet-4-6\",\"content\":" + contentJson
                + ",\"stop_reason\":\"" + stopReason + "\",\"stop_sequence\":null,"
                + "\"usage\":{\"input_tokens\":100,\"output_tokens\":20,"
                + "\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":50}}"));
  }

  static ContentBlock.ToolResult result(String tool, String text) {
    return ContentBlock.ToolResult.text("toolu_" + tool, text, false);
  }
}
