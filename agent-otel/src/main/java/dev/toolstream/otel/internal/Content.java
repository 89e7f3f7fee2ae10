package dev.toolstream.otel.internal;

import dev.toolstream.messages.ContentBlock;
import dev.toolstream.messages.Message;
import dev.toolstream.messages.MessageParam;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Whether prompts, answers, tool arguments and results go on spans, and how they are written: as
 * the JSON the GenAI conventions' message schemas describe, cut at a number of characters.
 *
 * @param captured whether content is recorded at all; nothing below runs when it is not
 * @param maxLength the most characters of one attribute's value
 */
public record Content(boolean captured, int maxLength) {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Returns {@code text} cut to {@link #maxLength} characters, never inside a surrogate pair. */
  public String truncate(String text) {
    if (text.length() <= maxLength) {
      return text;
    }
    int end = maxLength;
    if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end);
  }

  /** Writes the system prompt as {@code gen_ai.system_instructions}. */
  String systemInstructions(List<ContentBlock.Text> system) {
    ArrayNode parts = NODES.arrayNode();
    for (ContentBlock.Text text : system) {
      parts.add(textPart(text.text()));
    }
    return truncate(JSON.writeValueAsString(parts));
  }

  /** Writes the request's history as {@code gen_ai.input.messages}. */
  String inputMessages(List<MessageParam> history) {
    ArrayNode messages = NODES.arrayNode();
    for (MessageParam message : history) {
      messages.add(message(message.role().wireName(), message.content()));
    }
    return truncate(JSON.writeValueAsString(messages));
  }

  /** Writes the reply as {@code gen_ai.output.messages}: one message, with its finish reason. */
  String outputMessages(Message reply) {
    ObjectNode message = message("assistant", reply.content());
    if (reply.stopReason() != null) {
      message.put("finish_reason", reply.stopReason().value());
    }
    return truncate(JSON.writeValueAsString(NODES.arrayNode().add(message)));
  }

  /** Writes a tool call's input as {@code gen_ai.tool.call.arguments}. */
  String arguments(ContentBlock.ToolUse call) {
    return truncate(JSON.writeValueAsString(call.input()));
  }

  private static ObjectNode message(String role, List<ContentBlock> blocks) {
    ObjectNode message = NODES.objectNode().put("role", role);
    ArrayNode parts = message.putArray("parts");
    for (ContentBlock block : blocks) {
      parts.add(part(block));
    }
    return message;
  }

  private static ObjectNode part(ContentBlock block) {
    if (block instanceof ContentBlock.Text text) {
      return textPart(text.text());
    }
    if (block instanceof ContentBlock.ToolUse call) {
      ObjectNode part = NODES.objectNode().put("type", "tool_call").put("id", call.id());
      part.put("name", call.name()).set("arguments", call.input());
      return part;
    }
    if (block instanceof ContentBlock.ToolResult result) {
      return NODES
          .objectNode()
          .put("type", "tool_call_response")
          .put("id", result.toolUseId())
          .put("response", text(result.content()));
    }
    if (block instanceof ContentBlock.Thinking thinking) {
      return NODES.objectNode().put("type", "reasoning").put("content", thinking.thinking());
    }
    // Images, documents, server tools' blocks: their kind only, never their bytes.
    return NODES
        .objectNode()
        .put("type", block.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT));
  }

  private static ObjectNode textPart(String text) {
    return NODES.objectNode().put("type", "text").put("content", text);
  }

  /** Returns the text blocks of a tool result, joined. */
  static String text(List<ContentBlock> blocks) {
    StringBuilder text = new StringBuilder();
    for (ContentBlock block : blocks) {
      if (block instanceof ContentBlock.Text t) {
        text.append(t.text());
      }
    }
    return text.toString();
  }
}
