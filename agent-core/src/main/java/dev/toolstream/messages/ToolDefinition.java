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
 * @param strict whether the API holds the model's input to the schema ({@code "strict": true}),
 *     which then must stay in the subset strict mode supports; false leaves the field out
 * @param eagerInputStreaming whether the input streams as the model writes it, unbuffered and
 *     unchecked ({@code eager_input_streaming}), so it may end as invalid JSON; null leaves the
 *     field out, so the API's default applies
 * @param extraFields further fields sent as they are, such as {@code defer_loading}
 */
public record ToolDefinition(
    String name,
    String description,
    JsonNode inputSchema,
    @Nullable CacheControl cacheControl,
    boolean strict,
    @Nullable Boolean eagerInputStreaming,
    Map<String, JsonNode> extraFields)
    implements RequestTool {

  /**
   * Checks the name, description and schema are present and copies the extra fields; the name's
   * pattern and the schema are left to the API.
   *
   * @param name the tool's name, not null
   * @param description what the tool does, not null
   * @param inputSchema the JSON Schema of the input object, not null
   * @param cacheControl a caching breakpoint, or null
   * @param strict whether the API holds the input to the schema
   * @param eagerInputStreaming whether the input streams unbuffered, or null for the default
   * @param extraFields further fields, copied; their order is not kept
   */
  public ToolDefinition {
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(description, "description == null");
    Objects.requireNonNull(inputSchema, "inputSchema == null");
    extraFields = Map.copyOf(extraFields);
  }

  /**
   * Defines a tool that is neither strict nor eager, as tools were before those fields existed.
   *
   * @param name the tool's name, not null
   * @param description what the tool does, not null
   * @param inputSchema the JSON Schema of the input object, not null
   * @param cacheControl a caching breakpoint, or null
   * @param extraFields further fields, copied
   */
  public ToolDefinition(
      String name,
      String description,
      JsonNode inputSchema,
      @Nullable CacheControl cacheControl,
      Map<String, JsonNode> extraFields) {
    this(name, description, inputSchema, cacheControl, false, null, extraFields);
  }

  /**
   * Defines a tool with no cache breakpoint and no extra fields, the common case.
   *
   * @param name the tool's name, matching {@code ^[a-zA-Z0-9_-]{1,64}$}
   * @param description what the tool does and when to use it; the model reads it to choose
   * @param inputSchema the JSON Schema of the input object, {@code "type": "object"} at the top
   */
  public ToolDefinition(String name, String description, JsonNode inputSchema) {
    this(name, description, inputSchema, null, Map.of());
  }

  /**
   * Marks the end of a cacheable prefix at this tool, usually the last one, so the tool list is
   * cached.
   *
   * @param cacheControl the breakpoint, such as {@link CacheControl#ephemeral()}
   * @return a copy with the breakpoint, everything else unchanged
   */
  public ToolDefinition withCacheControl(CacheControl cacheControl) {
    return new ToolDefinition(
        name, description, inputSchema, cacheControl, strict, eagerInputStreaming, extraFields);
  }

  /**
   * Asks the API to hold the model's input to the schema, or stops asking.
   *
   * @param strict true to send {@code "strict": true}
   * @return a copy with that setting, everything else unchanged
   */
  public ToolDefinition withStrict(boolean strict) {
    return new ToolDefinition(
        name, description, inputSchema, cacheControl, strict, eagerInputStreaming, extraFields);
  }

  /**
   * Asks for the input to stream as the model writes it, or not, or leaves it to the API.
   *
   * @param eagerInputStreaming true or false to send {@code eager_input_streaming}, null to leave
   *     it out
   * @return a copy with that setting, everything else unchanged
   */
  public ToolDefinition withEagerInputStreaming(@Nullable Boolean eagerInputStreaming) {
    return new ToolDefinition(
        name, description, inputSchema, cacheControl, strict, eagerInputStreaming, extraFields);
  }
}
