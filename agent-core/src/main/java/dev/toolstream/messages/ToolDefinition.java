package dev.toolstream.messages;

import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A client tool as the model sees it in a request: name, description and input schema.
 *
 * @param name the tool's name, matching {@code ^[a-zA-Z0-9_-]{1,64}$}
 * @param description what the tool does and when to use it
 * @param inputSchema the JSON Schema of the input object
 * @param cacheControl a caching breakpoint, or null
 * @param extraFields further fields sent as they are, such as {@code eager_input_streaming}
 */
public record ToolDefinition(
    String name,
    String description,
    JsonNode inputSchema,
    @Nullable CacheControl cacheControl,
    Map<String, JsonNode> extraFields) {

  public ToolDefinition {
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(description, "description == null");
    Objects.requireNonNull(inputSchema, "inputSchema == null");
    extraFields = Map.copyOf(extraFields);
  }

  /** Returns a definition with no cache breakpoint and no extra fields. */
  public ToolDefinition(String name, String description, JsonNode inputSchema) {
    this(name, description, inputSchema, null, Map.of());
  }

  /** Returns this definition with a caching breakpoint. */
  public ToolDefinition withCacheControl(CacheControl cacheControl) {
    return new ToolDefinition(name, description, inputSchema, cacheControl, extraFields);
  }
}
