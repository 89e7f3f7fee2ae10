package dev.toolstream.mcp.internal;

import dev.toolstream.agent.ToolOutput;
import dev.toolstream.internal.json.BlockCodec;
import dev.toolstream.internal.json.Json;
import dev.toolstream.messages.ContentBlock;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Turns what a served tool produced into the MCP {@code tools/call} result, and words the errors
 * the client's model reads. The server side's converter; the client side has its own in {@code
 * McpContent}.
 */
public final class ServedResults {
  private ServedResults() {}

  /** Maps a handler's output: text as text, base64 images as images, text documents as text. */
  static McpSchema.CallToolResult of(ToolOutput output) {
    List<McpSchema.Content> content = new ArrayList<>();
    for (ContentBlock block : output.content()) {
      content.add(content(block));
    }
    return McpSchema.CallToolResult.builder().content(content).isError(output.isError()).build();
  }

  static McpSchema.CallToolResult error(String message) {
    return McpSchema.CallToolResult.builder().addTextContent(message).isError(true).build();
  }

  /**
   * Maps one of our blocks to MCP content: text as text, base64 images as images, text documents as
   * text, anything else as its JSON in a text.
   *
   * @param block the block
   * @return the MCP content
   */
  public static McpSchema.Content content(ContentBlock block) {
    if (block instanceof ContentBlock.Text text) {
      return McpSchema.TextContent.builder(text.text()).build();
    }
    if (block instanceof ContentBlock.Image image && "base64".equals(type(image.source()))) {
      return McpSchema.ImageContent.builder(
              image.source().path("data").asString(), image.source().path("media_type").asString())
          .build();
    }
    if (block instanceof ContentBlock.Document document && "text".equals(type(document.source()))) {
      return McpSchema.TextContent.builder(document.source().path("data").asString()).build();
    }
    // No MCP content type carries it as it is (an image by URL, a PDF): the client gets the block's
    // JSON, which a model can still read.
    return McpSchema.TextContent.builder(Json.write(BlockCodec.write(block))).build();
  }

  private static String type(JsonNode source) {
    return source.path("type").asString("");
  }
}
