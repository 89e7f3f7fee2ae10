package dev.toolstream.mcp.internal;

import dev.toolstream.agent.ToolOutput;
import dev.toolstream.messages.ContentBlock;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Converts between the MCP Java SDK's values and ours: tool results to {@link ToolOutput}, schemas
 * and arguments between {@code Map}s and {@link JsonNode}s.
 */
public final class McpContent {
  /** The JSON of MCP values, which the SDK hands over as maps and lists. */
  public static final JsonMapper JSON = JsonMapper.builder().build();

  private static final Set<String> IMAGE_TYPES =
      Set.of("image/jpeg", "image/png", "image/gif", "image/webp");
  /** The content types the SDK reads: any other fails the whole result it is in. */
  private static final Set<String> CONTENT_TYPES =
      Set.of("text", "image", "audio", "resource", "resource_link");

  private McpContent() {}

  /**
   * Turns a tool's result into what the model reads: text as text, images the API takes as images,
   * PDFs as documents, embedded text resources as text headed by their URI, and for what the API
   * cannot show (audio, other binary data) a line that says what was left out. The {@code
   * structuredContent} is added as JSON text unless a text block already holds the same JSON, as
   * the MCP spec asks servers to do. {@code isError} becomes {@code is_error}.
   */
  public static ToolOutput toOutput(McpSchema.CallToolResult result) {
    List<ContentBlock> blocks = new ArrayList<>();
    List<McpSchema.Content> content = result.content() == null ? List.of() : result.content();
    for (McpSchema.Content item : content) {
      blocks.add(toBlock(item));
    }
    Object structured = result.structuredContent();
    if (structured != null) {
      JsonNode json = JSON.valueToTree(structured);
      if (blocks.stream().noneMatch(block -> holds(block, json))) {
        blocks.add(ContentBlock.text(JSON.writeValueAsString(json)));
      }
    }
    return new ToolOutput(blocks, Boolean.TRUE.equals(result.isError()));
  }

  /**
   * Replaces, in a {@code tools/call} result as the SDK holds it before reading it, each content
   * item of a type the SDK does not know (a later version of the protocol's, or a server's own) by
   * a text saying what was left out, as {@link #toOutput} does for what the API cannot show.
   *
   * @param result the result, as maps and lists
   * @return the result with only content types the SDK reads; {@code result} itself if it has no
   *     other
   */
  public static Object withKnownContent(Object result) {
    if (!(result instanceof Map<?, ?> map) || !(map.get("content") instanceof List<?> content)) {
      return result;
    }
    List<Object> known = new ArrayList<>(content.size());
    boolean replaced = false;
    for (Object item : content) {
      Object type = item instanceof Map<?, ?> fields ? fields.get("type") : null;
      if (type instanceof String name && CONTENT_TYPES.contains(name)) {
        known.add(item);
      } else {
        replaced = true;
        known.add(
            Map.of(
                "type",
                "text",
                "text",
                type == null
                    ? "[content without a type, which cannot be shown]"
                    : "[content of type " + type + ", which cannot be shown]"));
      }
    }
    if (!replaced) {
      return result;
    }
    Map<Object, Object> copy = new LinkedHashMap<>(map);
    copy.put("content", known);
    return copy;
  }

  private static ContentBlock toBlock(McpSchema.Content item) {
    if (item instanceof McpSchema.TextContent text) {
      return ContentBlock.text(text.text());
    }
    if (item instanceof McpSchema.ImageContent image) {
      return IMAGE_TYPES.contains(image.mimeType())
          ? ContentBlock.Image.base64(image.mimeType(), image.data())
          : ContentBlock.text("[an image of type " + image.mimeType() + ", which cannot be shown]");
    }
    if (item instanceof McpSchema.AudioContent audio) {
      return ContentBlock.text("[audio of type " + audio.mimeType() + ", which cannot be shown]");
    }
    if (item instanceof McpSchema.EmbeddedResource embedded) {
      return resource(embedded.resource());
    }
    if (item instanceof McpSchema.ResourceLink link) {
      return ContentBlock.text(
          "[resource link: "
              + link.uri()
              + (link.name() == null ? "" : " (" + link.name() + ")")
              + (link.mimeType() == null ? "" : ", " + link.mimeType())
              + "]");
    }
    return ContentBlock.text("[content of type " + item.type() + ", which cannot be shown]");
  }

  private static ContentBlock resource(McpSchema.ResourceContents resource) {
    if (resource instanceof McpSchema.TextResourceContents text) {
      return ContentBlock.text("[resource " + text.uri() + "]\n" + text.text());
    }
    McpSchema.BlobResourceContents blob = (McpSchema.BlobResourceContents) resource;
    String type = blob.mimeType() == null ? "application/octet-stream" : blob.mimeType();
    if (IMAGE_TYPES.contains(type)) {
      return ContentBlock.Image.base64(type, blob.blob());
    }
    if (type.equals("application/pdf")) {
      return ContentBlock.Document.pdf(blob.blob());
    }
    return ContentBlock.text(
        "[resource " + blob.uri() + ": binary data of type " + type + ", which cannot be shown]");
  }

  private static boolean holds(ContentBlock block, JsonNode json) {
    if (!(block instanceof ContentBlock.Text text)) {
      return false;
    }
    try {
      return JSON.readTree(text.text()).equals(json);
    } catch (JacksonException e) {
      return false;
    }
  }

  /** Reads a schema or arguments the SDK holds as a map. */
  public static JsonNode toJson(Map<String, Object> map) {
    return JSON.valueToTree(map);
  }

  /** Writes tool input as the map of arguments the SDK sends. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> toArguments(JsonNode input) {
    return JSON.treeToValue(input, Map.class);
  }
}
