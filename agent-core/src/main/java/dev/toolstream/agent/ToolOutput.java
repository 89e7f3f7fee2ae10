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
  /**
   * Copies the content.
   *
   * @param content the blocks, copied; empty sends an empty result
   * @param isError whether the call failed; the model reads the content as the error
   */
  public ToolOutput {
    content = List.copyOf(content);
  }

  /**
   * Makes the common result: one text for the model to read.
   *
   * @param text the tool's output, such as an answer or a summary; may be empty
   * @return a successful result with one text block
   */
  public static ToolOutput text(String text) {
    return new ToolOutput(List.of(ContentBlock.text(text)), false);
  }

  /**
   * Makes a result of structured data, which the model reads as JSON text.
   *
   * @param json the data, not null; any JSON value, not only an object
   * @return a successful result with one text block holding {@code json} as compact JSON
   */
  public static ToolOutput json(JsonNode json) {
    Objects.requireNonNull(json, "json == null");
    return text(Json.write(json));
  }

  /**
   * Makes a result of several blocks, such as a chart's image and its caption.
   *
   * @param blocks text, image or document blocks in order, copied
   * @return a successful result
   */
  public static ToolOutput blocks(List<? extends ContentBlock> blocks) {
    return new ToolOutput(List.copyOf(blocks), false);
  }

  /**
   * Makes a failed result, for a failure the model can act on, such as a city that was not found.
   *
   * @param message what went wrong, written for the model to read and correct its call
   * @return a result with {@code isError} true and one text block
   */
  public static ToolOutput error(String message) {
    return new ToolOutput(List.of(ContentBlock.text(message)), true);
  }

  /**
   * Turns this output into the block the model receives.
   *
   * @param toolUseId the id of the {@code tool_use} block this answers
   * @return a {@code tool_result} block with this content and error flag, and no caching
   *     breakpoint
   */
  public ContentBlock.ToolResult toBlock(String toolUseId) {
    return new ContentBlock.ToolResult(toolUseId, content, isError, null);
  }
}
