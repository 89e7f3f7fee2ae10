package dev.toolstream.internal.json;

import dev.toolstream.messages.CacheControl;
import dev.toolstream.messages.ContentBlock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Converts content blocks to and from their wire JSON.
 *
 * <p>Reading keeps every field: those a block's components hold, and the rest in its {@code
 * extraFields()}, which include known fields in a spelling a component cannot hold (a null or
 * empty {@code citations}, a {@code false} {@code is_error}, a {@code cache_control} with fields
 * beyond {@code type} and {@code ttl}), so writing gives back the JSON that was read.
 */
public final class BlockCodec {
  private static final Set<String> CACHE_CONTROL_FIELDS = Set.of("type", "ttl");

  private BlockCodec() {}

  /** Returns the block a JSON object describes; an unknown type becomes {@link ContentBlock.Unknown}. */
  public static ContentBlock read(JsonNode json) {
    switch (string(json, "type")) {
      case "text":
        List<JsonNode> citations = list(json.get("citations"));
        return new ContentBlock.Text(
            string(json, "text"),
            citations,
            cacheControl(json),
            extraFields(
                json, "text", citations.isEmpty() ? "" : "citations", cacheControlField(json)));
      case "image":
        return new ContentBlock.Image(
            json.get("source"),
            cacheControl(json),
            extraFields(json, "source", cacheControlField(json)));
      case "document":
        String title = optionalString(json, "title");
        return new ContentBlock.Document(
            json.get("source"),
            title,
            cacheControl(json),
            extraFields(json, "source", title == null ? "" : "title", cacheControlField(json)));
      case "tool_use":
        JsonNode input = json.get("input");
        return new ContentBlock.ToolUse(
            string(json, "id"),
            string(json, "name"),
            input == null ? Json.object() : input,
            null,
            extraFields(json, "id", "name", "input"));
      case "tool_result":
        JsonNode error = json.path("is_error");
        boolean isError = error.isBoolean() && error.booleanValue();
        return new ContentBlock.ToolResult(
            string(json, "tool_use_id"),
            toolResultContent(json.get("content")),
            isError,
            cacheControl(json),
            extraFields(
                json,
                "tool_use_id",
                "content",
                isError ? "is_error" : "",
                cacheControlField(json)));
      case "thinking":
        return new ContentBlock.Thinking(
            string(json, "thinking"),
            string(json, "signature"),
            extraFields(json, "thinking", "signature"));
      case "redacted_thinking":
        return new ContentBlock.RedactedThinking(string(json, "data"), extraFields(json, "data"));
      case "compaction":
        String content = textual(json, "content");
        String encrypted = textual(json, "encrypted_content");
        return new ContentBlock.Compaction(
            content,
            encrypted,
            cacheControl(json),
            extraFields(
                json,
                content == null ? "" : "content",
                encrypted == null ? "" : "encrypted_content",
                cacheControlField(json)));
      default:
        return serverBlock(json);
    }
  }

  /**
   * Returns the blocks of server tools and the MCP connector, or {@link ContentBlock.Unknown} for
   * any other type, or for one of these that lacks a field its record needs (so it still goes back
   * exactly as it came).
   */
  private static ContentBlock serverBlock(JsonNode json) {
    String type = string(json, "type");
    JsonNode input = json.get("input");
    JsonNode content = json.get("content");
    if (type.equals("server_tool_use") && has(json, "id", "name")) {
      return new ContentBlock.ServerToolUse(
          string(json, "id"),
          string(json, "name"),
          input == null ? Json.object() : input,
          extraFields(json, "id", "name", input == null ? "" : "input"));
    }
    if (type.equals("mcp_tool_use") && has(json, "id", "name", "server_name") && input != null) {
      return new ContentBlock.McpToolUse(
          string(json, "id"),
          string(json, "name"),
          string(json, "server_name"),
          input,
          extraFields(json, "id", "name", "server_name", "input"));
    }
    if (type.equals("mcp_tool_result") && has(json, "tool_use_id") && content != null) {
      boolean isError = json.path("is_error").asBoolean(false);
      return new ContentBlock.McpToolResult(
          string(json, "tool_use_id"),
          content,
          isError,
          extraFields(json, "tool_use_id", "content", isError ? "is_error" : ""));
    }
    if (type.equals("container_upload") && has(json, "file_id")) {
      return new ContentBlock.ContainerUpload(string(json, "file_id"), extraFields(json, "file_id"));
    }
    if (type.endsWith("_tool_result") && has(json, "tool_use_id") && content != null) {
      return new ContentBlock.ServerToolResult(
          type, string(json, "tool_use_id"), content, extraFields(json, "tool_use_id", "content"));
    }
    return new ContentBlock.Unknown(json);
  }

  /** Tells whether every one of {@code fields} is a string in {@code json}. */
  private static boolean has(JsonNode json, String... fields) {
    for (String field : fields) {
      if (!json.path(field).isString()) {
        return false;
      }
    }
    return true;
  }

  /** Returns the fields of {@code json} other than {@code type} and {@code modelled}, in order. */
  private static Map<String, JsonNode> extraFields(JsonNode json, String... modelled) {
    Map<String, JsonNode> extra = null;
    for (Map.Entry<String, JsonNode> field : json.properties()) {
      String name = field.getKey();
      if (!name.equals("type") && !contains(modelled, name)) {
        if (extra == null) {
          extra = new LinkedHashMap<>();
        }
        extra.put(name, field.getValue());
      }
    }
    return extra == null ? Map.of() : extra;
  }

  private static boolean contains(String[] names, String name) {
    for (String candidate : names) {
      if (candidate.equals(name)) {
        return true;
      }
    }
    return false;
  }

  /** Returns the blocks of a JSON array. */
  public static List<ContentBlock> readAll(@Nullable JsonNode array) {
    List<ContentBlock> blocks = new ArrayList<>();
    if (array != null) {
      for (JsonNode block : array) {
        blocks.add(read(block));
      }
    }
    return blocks;
  }

  /** Returns the wire JSON of {@code block}. */
  public static JsonNode write(ContentBlock block) {
    if (block instanceof ContentBlock.Unknown unknown) {
      return unknown.json();
    }
    ObjectNode json = Json.object().put("type", block.type());
    if (block instanceof ContentBlock.Text text) {
      json.put("text", text.text());
      if (!text.citations().isEmpty()) {
        json.set("citations", array(text.citations()));
      }
      putCacheControl(json, text.cacheControl());
    } else if (block instanceof ContentBlock.Image image) {
      json.set("source", image.source());
      putCacheControl(json, image.cacheControl());
    } else if (block instanceof ContentBlock.Document document) {
      json.set("source", document.source());
      if (document.title() != null) {
        json.put("title", document.title());
      }
      putCacheControl(json, document.cacheControl());
    } else if (block instanceof ContentBlock.ToolUse toolUse) {
      json.put("id", toolUse.id()).put("name", toolUse.name()).set("input", toolUse.input());
    } else if (block instanceof ContentBlock.ToolResult result) {
      json.put("tool_use_id", result.toolUseId());
      json.set("content", toolResultContent(result.content()));
      if (result.isError()) {
        json.put("is_error", true);
      }
      putCacheControl(json, result.cacheControl());
    } else if (block instanceof ContentBlock.Thinking thinking) {
      json.put("thinking", thinking.thinking()).put("signature", thinking.signature());
    } else if (block instanceof ContentBlock.RedactedThinking redacted) {
      json.put("data", redacted.data());
    } else if (block instanceof ContentBlock.Compaction compaction) {
      if (compaction.content() != null) {
        json.put("content", compaction.content());
      }
      if (compaction.encryptedContent() != null) {
        json.put("encrypted_content", compaction.encryptedContent());
      }
      putCacheControl(json, compaction.cacheControl());
    } else {
      writeServerBlock(json, block);
    }
    for (Map.Entry<String, JsonNode> field : block.extraFields().entrySet()) {
      if (!json.has(field.getKey())) {
        json.set(field.getKey(), field.getValue());
      }
    }
    return json;
  }

  private static void writeServerBlock(ObjectNode json, ContentBlock block) {
    if (block instanceof ContentBlock.ServerToolUse call) {
      json.put("id", call.id()).put("name", call.name()).set("input", call.input());
    } else if (block instanceof ContentBlock.ServerToolResult result) {
      json.put("tool_use_id", result.toolUseId()).set("content", result.content());
    } else if (block instanceof ContentBlock.McpToolUse call) {
      json.put("id", call.id()).put("name", call.name()).put("server_name", call.serverName());
      json.set("input", call.input());
    } else if (block instanceof ContentBlock.McpToolResult result) {
      json.put("tool_use_id", result.toolUseId()).set("content", result.content());
      if (result.isError()) {
        json.put("is_error", true);
      }
    } else if (block instanceof ContentBlock.ContainerUpload upload) {
      json.put("file_id", upload.fileId());
    }
  }

  /** Returns the wire JSON array of {@code blocks}. */
  public static ArrayNode writeAll(List<? extends ContentBlock> blocks) {
    ArrayNode array = Json.MAPPER.createArrayNode();
    for (ContentBlock block : blocks) {
      array.add(write(block));
    }
    return array;
  }

  /** Writes a lone plain text as a string, as the API's own examples do; anything else as blocks. */
  private static JsonNode toolResultContent(List<ContentBlock> content) {
    if (content.size() == 1
        && content.get(0) instanceof ContentBlock.Text text
        && text.citations().isEmpty()
        && text.cacheControl() == null) {
      return Json.MAPPER.getNodeFactory().stringNode(text.text());
    }
    return writeAll(content);
  }

  private static List<ContentBlock> toolResultContent(@Nullable JsonNode content) {
    if (content == null || content.isNull()) {
      return List.of();
    }
    if (content.isString()) {
      return List.of(ContentBlock.text(content.asString()));
    }
    return readAll(content);
  }

  /**
   * Returns the block's caching breakpoint if {@link CacheControl} can hold it whole: an object of
   * string {@code type} and {@code ttl} only. Anything else stays raw in the extra fields.
   */
  private static @Nullable CacheControl cacheControl(JsonNode json) {
    JsonNode cache = json.get("cache_control");
    if (cache == null || !cache.isObject() || !cache.path("type").isString()) {
      return null;
    }
    for (Map.Entry<String, JsonNode> field : cache.properties()) {
      if (!CACHE_CONTROL_FIELDS.contains(field.getKey()) || !field.getValue().isString()) {
        return null;
      }
    }
    return new CacheControl(string(cache, "type"), optionalString(cache, "ttl"));
  }

  /** Returns {@code "cache_control"} if {@link #cacheControl} holds it, else an empty name. */
  private static String cacheControlField(JsonNode json) {
    return cacheControl(json) == null ? "" : "cache_control";
  }

  private static void putCacheControl(ObjectNode json, @Nullable CacheControl cacheControl) {
    if (cacheControl != null) {
      json.set("cache_control", writeCacheControl(cacheControl));
    }
  }

  /** Returns the wire JSON of a cache breakpoint. */
  public static ObjectNode writeCacheControl(CacheControl cacheControl) {
    ObjectNode json = Json.object().put("type", cacheControl.type());
    if (cacheControl.ttl() != null) {
      json.put("ttl", cacheControl.ttl());
    }
    return json;
  }

  private static List<JsonNode> list(@Nullable JsonNode array) {
    List<JsonNode> list = new ArrayList<>();
    if (array != null && array.isArray()) {
      array.forEach(list::add);
    }
    return list;
  }

  private static ArrayNode array(List<JsonNode> nodes) {
    ArrayNode array = Json.MAPPER.createArrayNode();
    nodes.forEach(array::add);
    return array;
  }

  public static String string(JsonNode json, String field) {
    JsonNode value = json.get(field);
    return value == null || value.isNull() ? "" : value.asString();
  }

  /** Returns the field if it is a JSON string; anything else stays in the extra fields. */
  public static @Nullable String textual(JsonNode json, String field) {
    JsonNode value = json.get(field);
    return value != null && value.isString() ? value.asString() : null;
  }

  public static @Nullable String optionalString(JsonNode json, String field) {
    JsonNode value = json.get(field);
    return value == null || value.isNull() ? null : value.asString();
  }
}
