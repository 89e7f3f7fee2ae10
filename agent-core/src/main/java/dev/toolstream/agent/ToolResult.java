package dev.toolstream.agent;

import dev.toolstream.internal.json.Json;
import dev.toolstream.messages.ContentBlock;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * What a tool handler returns: content for the model and whether the call failed.
 *
 * @param content text, image or document blocks
 * @param isError whether the call failed; the model reads the content as the error
 */
public record ToolResult(List<ContentBlock> content, boolean isError) {
  public ToolResult {
    content = List.copyOf(content);
  }

  /** Returns a successful result made of one text. */
  public static ToolResult text(String text) {
    return new ToolResult(List.of(ContentBlock.text(text)), false);
  }

  /** Returns a successful result holding {@code json}, written as compact JSON text. */
  public static ToolResult json(JsonNode json) {
    Objects.requireNonNull(json, "json == null");
    return text(Json.write(json));
  }

  /** Returns a successful result made of {@code blocks}, such as text and images. */
  public static ToolResult blocks(List<? extends ContentBlock> blocks) {
    return new ToolResult(List.copyOf(blocks), false);
  }

  /** Returns a failed result whose text tells the model what went wrong. */
  public static ToolResult error(String message) {
    return new ToolResult(List.of(ContentBlock.text(message)), true);
  }

  /** Returns this result as the {@code tool_result} block that answers {@code toolUseId}. */
  public ContentBlock.ToolResult toBlock(String toolUseId) {
    return new ContentBlock.ToolResult(toolUseId, content, isError, null);
  }
}
