package dev.toolstream.agent;

import dev.toolstream.internal.json.Json;
import dev.toolstream.messages.ContentBlock;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * What a tool handler returns: content for the model and whether the call failed. The agent sends
 * it to the model as the {@link ContentBlock.ToolResult} block that answers the call ({@link
 * #toBlock(String)}).
 *
 * @param content text, image or document blocks
 * @param isError whether the call failed; the model reads the content as the error
 */
public record ToolOutput(List<ContentBlock> content, boolean isError) {
  public ToolOutput {
    content = List.copyOf(content);
  }

  /** Returns a successful result made of one text. */
  public static ToolOutput text(String text) {
    return new ToolOutput(List.of(ContentBlock.text(text)), false);
  }

  /** Returns a successful result holding {@code json}, written as compact JSON text. */
  public static ToolOutput json(JsonNode json) {
    Objects.requireNonNull(json, "json == null");
    return text(Json.write(json));
  }

  /** Returns a successful result made of {@code blocks}, such as text and images. */
  public static ToolOutput blocks(List<? extends ContentBlock> blocks) {
    return new ToolOutput(List.copyOf(blocks), false);
  }

  /** Returns a failed result whose text tells the model what went wrong. */
  public static ToolOutput error(String message) {
    return new ToolOutput(List.of(ContentBlock.text(message)), true);
  }

  /** Returns this result as the {@code tool_result} block that answers {@code toolUseId}. */
  public ContentBlock.ToolResult toBlock(String toolUseId) {
    return new ContentBlock.ToolResult(toolUseId, content, isError, null);
  }
}
