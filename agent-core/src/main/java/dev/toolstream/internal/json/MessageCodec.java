package dev.toolstream.internal.json;

import dev.toolstream.messages.ContentBlock;
import dev.toolstream.messages.McpServer;
import dev.toolstream.messages.Message;
import dev.toolstream.messages.MessageParam;
import dev.toolstream.messages.MessageRequest;
import dev.toolstream.messages.ModelInfo;
import dev.toolstream.messages.OutputConfig;
import dev.toolstream.messages.RequestTool;
import dev.toolstream.messages.Role;
import dev.toolstream.messages.ServerTool;
import dev.toolstream.messages.StopDetails;
import dev.toolstream.messages.StopReason;
import dev.toolstream.messages.ThinkingConfig;
import dev.toolstream.messages.TokenCount;
import dev.toolstream.messages.ToolChoice;
import dev.toolstream.messages.ToolDefinition;
import dev.toolstream.messages.Usage;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Converts requests and messages to and from their wire JSON. */
public final class MessageCodec {
  private static final Set<String> MESSAGE_FIELDS =
      Set.of(
          "id", "type", "role", "model", "content", "stop_reason", "stop_sequence", "stop_details",
          "usage");

  private static final Set<String> USAGE_COUNTS =
      Set.of(
          "input_tokens",
          "output_tokens",
          "cache_creation_input_tokens",
          "cache_read_input_tokens");

  private static final String CACHE_CREATION = "cache_creation";

  private static final Set<String> CACHE_CREATION_COUNTS =
      Set.of("ephemeral_5m_input_tokens", "ephemeral_1h_input_tokens");

  /**
   * The body fields of a Messages request that {@code count_tokens} does not take: they shape the
   * answer, not the prompt, and the endpoint refuses fields it does not know.
   */
  private static final Set<String> GENERATION_ONLY =
      Set.of(
          "max_tokens",
          "stream",
          "metadata",
          "stop_sequences",
          "temperature",
          "top_p",
          "top_k",
          "container",
          "service_tier",
          "inference_geo");

  private MessageCodec() {}

  /** Returns the message a response body (or a {@code message_start} message) describes. */
  public static Message readMessage(JsonNode json) {
    Map<String, JsonNode> extra = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> field : json.properties()) {
      if (!MESSAGE_FIELDS.contains(field.getKey())) {
        extra.put(field.getKey(), field.getValue());
      }
    }
    String stopReason = BlockCodec.optionalString(json, "stop_reason");
    JsonNode rawDetails = json.get("stop_details");
    if (rawDetails != null && !rawDetails.isNull() && !rawDetails.isObject()) {
      extra.put("stop_details", rawDetails); // Not an object: kept as it came.
    }
    JsonNode usage = json.get("usage");
    return new Message(
        BlockCodec.string(json, "id"),
        BlockCodec.string(json, "model"),
        BlockCodec.readAll(json.get("content")),
        stopReason == null ? null : StopReason.of(stopReason),
        BlockCodec.optionalString(json, "stop_sequence"),
        readStopDetails(rawDetails),
        usage == null ? Usage.ZERO : updateUsage(Usage.ZERO, usage),
        extra);
  }

  /**
   * Returns {@code usage} with each field that {@code usageJson} holds replaced by that value.
   *
   * <p>This is how {@code message_delta} usage applies: its values are cumulative for the message
   * and replace earlier ones field by field, extra fields included (an object such as {@code
   * server_tool_use} is replaced whole, while {@code cache_creation} is updated field by field as
   * the usage itself is); a field that is missing or null leaves the value as it was, and a null
   * for a field not yet there is kept as null. Counts are never added.
   */
  public static Usage updateUsage(Usage usage, JsonNode usageJson) {
    Map<String, JsonNode> extra = usage.extraFields();
    Usage.@Nullable CacheCreation cacheCreation = usage.cacheCreation();
    for (Map.Entry<String, JsonNode> field : usageJson.properties()) {
      String name = field.getKey();
      JsonNode value = field.getValue();
      if (name.equals(CACHE_CREATION) && value.isObject()) {
        cacheCreation = updateCacheCreation(cacheCreation, value);
        continue;
      }
      boolean known =
          extra.containsKey(name) || (name.equals(CACHE_CREATION) && cacheCreation != null);
      if (USAGE_COUNTS.contains(name) || (value.isNull() && known)) {
        continue;
      }
      if (extra == usage.extraFields()) {
        extra = new LinkedHashMap<>(usage.extraFields());
      }
      extra.put(name, value);
    }
    return new Usage(
        count(usageJson, "input_tokens", usage.inputTokens()),
        count(usageJson, "output_tokens", usage.outputTokens()),
        count(usageJson, "cache_creation_input_tokens", usage.cacheCreationInputTokens()),
        count(usageJson, "cache_read_input_tokens", usage.cacheReadInputTokens()),
        cacheCreation,
        extra);
  }

  /** Returns {@code split} updated by a {@code cache_creation} object, by the same rule. */
  private static Usage.CacheCreation updateCacheCreation(
      Usage.@Nullable CacheCreation split, JsonNode json) {
    Usage.CacheCreation previous = split != null ? split : new Usage.CacheCreation(0, 0);
    Map<String, JsonNode> extra = new LinkedHashMap<>(previous.extraFields());
    for (Map.Entry<String, JsonNode> field : json.properties()) {
      String name = field.getKey();
      if (!CACHE_CREATION_COUNTS.contains(name)
          && !(field.getValue().isNull() && extra.containsKey(name))) {
        extra.put(name, field.getValue());
      }
    }
    return new Usage.CacheCreation(
        count(json, "ephemeral_5m_input_tokens", previous.ephemeral5mInputTokens()),
        count(json, "ephemeral_1h_input_tokens", previous.ephemeral1hInputTokens()),
        extra);
  }

  private static long count(JsonNode json, String field, long previous) {
    JsonNode value = json.get(field);
    return value != null && value.isNumber() ? value.asLong() : previous;
  }

  /**
   * Returns the wire JSON of a message, as a non-streaming response carries it: every field it was
   * read with, known or not. The envelope is written in one spelling: {@code type}, {@code role},
   * {@code stop_reason} and {@code stop_sequence} always (null when unset), {@code stop_details}
   * only when set, and the four usage counts always (zero when the API left one out).
   */
  public static ObjectNode writeMessage(Message message) {
    ObjectNode json = Json.object();
    json.put("id", message.id()).put("type", "message").put("role", "assistant");
    json.put("model", message.model());
    json.set("content", BlockCodec.writeAll(message.content()));
    json.put("stop_reason", message.stopReason() == null ? null : message.stopReason().value());
    json.put("stop_sequence", message.stopSequence());
    if (message.stopDetails() != null) {
      json.set("stop_details", writeStopDetails(message.stopDetails()));
    }
    json.set("usage", writeUsage(message.usage()));
    message.extraFields().forEach(json::set);
    return json;
  }

  /**
   * Returns the stop details a JSON object describes, or null for null, a missing field or a value
   * that is not an object (which the caller keeps raw).
   */
  public static @Nullable StopDetails readStopDetails(@Nullable JsonNode json) {
    if (json == null || !json.isObject()) {
      return null;
    }
    String category = BlockCodec.textual(json, "category");
    String explanation = BlockCodec.textual(json, "explanation");
    Map<String, JsonNode> extra = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> field : json.properties()) {
      String name = field.getKey();
      boolean modelled =
          (name.equals("type") && field.getValue().isString())
              || (name.equals("category") && category != null)
              || (name.equals("explanation") && explanation != null);
      if (!modelled) {
        extra.put(name, field.getValue());
      }
    }
    String type = BlockCodec.textual(json, "type");
    return new StopDetails(type == null ? "" : type, category, explanation, extra);
  }

  /** Returns the wire JSON of stop details: the fields it was read with, known or not. */
  public static ObjectNode writeStopDetails(StopDetails details) {
    ObjectNode json = Json.object();
    if (!details.type().isEmpty()) {
      json.put("type", details.type());
    }
    if (details.category() != null) {
      json.put("category", details.category());
    }
    if (details.explanation() != null) {
      json.put("explanation", details.explanation());
    }
    details
        .extraFields()
        .forEach(
            (name, value) -> {
              if (!json.has(name)) {
                json.set(name, value);
              }
            });
    return json;
  }

  /**
   * Returns the wire JSON of usage: the four counts, then {@code cache_creation} if the usage has a
   * split, then its other fields as received.
   */
  public static ObjectNode writeUsage(Usage usage) {
    ObjectNode json =
        Json.object()
            .put("input_tokens", usage.inputTokens())
            .put("output_tokens", usage.outputTokens())
            .put("cache_creation_input_tokens", usage.cacheCreationInputTokens())
            .put("cache_read_input_tokens", usage.cacheReadInputTokens());
    Usage.CacheCreation split = usage.cacheCreation();
    if (split != null) {
      ObjectNode cacheCreation = json.putObject(CACHE_CREATION);
      cacheCreation
          .put("ephemeral_5m_input_tokens", split.ephemeral5mInputTokens())
          .put("ephemeral_1h_input_tokens", split.ephemeral1hInputTokens());
      split.extraFields().forEach(cacheCreation::set);
    }
    usage.extraFields().forEach(json::set);
    return json;
  }

  /** Returns the wire JSON of one conversation message. */
  public static ObjectNode writeParam(MessageParam message) {
    ObjectNode json = Json.object().put("role", message.role().wireName());
    json.set("content", BlockCodec.writeAll(message.content()));
    return json;
  }

  /** Returns the conversation message a JSON object describes; string content becomes one text. */
  public static MessageParam readParam(JsonNode json) {
    JsonNode content = json.get("content");
    Role role = Role.of(BlockCodec.string(json, "role"));
    if (content != null && content.isString()) {
      return new MessageParam(role, java.util.List.of(ContentBlock.text(content.asString())));
    }
    return new MessageParam(role, BlockCodec.readAll(content));
  }

  /** Returns the request body; {@code stream} adds {@code "stream": true}. */
  public static ObjectNode writeRequest(MessageRequest request, boolean stream) {
    ObjectNode json = Json.object();
    json.put("model", request.model()).put("max_tokens", request.maxTokens());
    ArrayNode messages = json.putArray("messages");
    request.messages().forEach(m -> messages.add(writeParam(m)));
    writeSystem(json, request);
    if (!request.tools().isEmpty()) {
      ArrayNode tools = json.putArray("tools");
      request.tools().forEach(t -> tools.add(writeTool(t)));
    }
    writeMcpServers(json, request);
    if (request.toolChoice() != null) {
      json.set("tool_choice", writeToolChoice(request.toolChoice()));
    }
    if (request.thinking() != null) {
      json.set("thinking", writeThinking(request.thinking()));
    }
    if (request.temperature() != null) {
      json.put("temperature", request.temperature());
    }
    if (request.topP() != null) {
      json.put("top_p", request.topP());
    }
    if (request.topK() != null) {
      json.put("top_k", request.topK());
    }
    if (!request.stopSequences().isEmpty()) {
      ArrayNode stops = json.putArray("stop_sequences");
      request.stopSequences().forEach(stops::add);
    }
    if (!request.metadata().isEmpty()) {
      ObjectNode metadata = json.putObject("metadata");
      request.metadata().forEach(metadata::put);
    }
    if (request.outputConfig() != null) {
      json.set("output_config", writeOutputConfig(request.outputConfig()));
    }
    if (request.container() != null) {
      json.put("container", request.container());
    }
    if (request.cacheControl() != null) {
      json.set("cache_control", BlockCodec.writeCacheControl(request.cacheControl()));
    }
    if (request.contextManagement() != null) {
      json.set("context_management", ContextManagementCodec.write(request.contextManagement()));
    }
    if (stream) {
      json.put("stream", true);
    }
    request.extraFields().forEach(json::set);
    return json;
  }

  /**
   * Returns the body of a {@code count_tokens} request: the request's body as {@link #writeRequest}
   * writes it, extra fields included, without the fields that only shape the answer ({@code
   * max_tokens}, sampling, stop sequences, metadata, container, service tier).
   */
  public static ObjectNode writeCountTokensRequest(MessageRequest request) {
    ObjectNode json = writeRequest(request, false);
    GENERATION_ONLY.forEach(json::remove);
    return json;
  }

  /** Returns the token count a {@code count_tokens} answer holds; every other field is kept. */
  public static TokenCount readTokenCount(JsonNode json) {
    JsonNode inputTokens = json.get("input_tokens");
    if (inputTokens == null || !inputTokens.isIntegralNumber()) {
      throw new IllegalArgumentException(
          "a count_tokens answer needs a whole number input_tokens, was " + inputTokens);
    }
    Map<String, JsonNode> extra = new LinkedHashMap<>();
    json.properties().forEach(field -> extra.put(field.getKey(), field.getValue()));
    extra.remove("input_tokens");
    return new TokenCount(inputTokens.asLong(), extra);
  }

  /**
   * Reads the answer of {@code GET /v1/models/{model_id}}.
   *
   * @throws IllegalArgumentException if it has no string {@code id}
   */
  public static ModelInfo readModelInfo(JsonNode json) {
    JsonNode id = json.get("id");
    if (id == null || !id.isString()) {
      throw new IllegalArgumentException("a model's answer needs a string id, was " + id);
    }
    Map<String, JsonNode> extra = new LinkedHashMap<>();
    json.properties().forEach(field -> extra.put(field.getKey(), field.getValue()));
    extra.remove("id");
    extra.remove("display_name");
    extra.remove("created_at");
    return new ModelInfo(
        id.stringValue(),
        json.path("display_name").asString(""),
        json.path("created_at").asString(""),
        extra);
  }

  private static void writeSystem(ObjectNode json, MessageRequest request) {
    if (request.system().isEmpty()) {
      return;
    }
    ContentBlock.Text first = request.system().get(0);
    if (request.system().size() == 1 && first.cacheControl() == null && first.citations().isEmpty()) {
      json.put("system", first.text());
    } else {
      json.set("system", BlockCodec.writeAll(request.system()));
    }
  }

  /** Returns the wire JSON of a tool: a client tool's definition, or a server tool's own JSON. */
  public static ObjectNode writeTool(RequestTool tool) {
    if (tool instanceof ServerTool server) {
      return server.json();
    }
    return writeTool((ToolDefinition) tool);
  }

  /**
   * Writes {@code mcp_servers}; a server's token goes here, into the body, and nowhere else.
   */
  private static void writeMcpServers(ObjectNode json, MessageRequest request) {
    if (request.mcpServers().isEmpty()) {
      return;
    }
    ArrayNode servers = json.putArray("mcp_servers");
    for (McpServer server : request.mcpServers()) {
      ObjectNode entry = servers.addObject().put("type", "url");
      entry.put("url", server.url()).put("name", server.name());
      if (server.authorizationToken() != null) {
        entry.put("authorization_token", server.authorizationToken());
      }
      if (server.allowedTools() != null) {
        ArrayNode allowed = entry.putObject("tool_configuration").putArray("allowed_tools");
        server.allowedTools().forEach(allowed::add);
      }
    }
  }

  /** Returns the wire JSON of a client tool's definition. */
  public static ObjectNode writeTool(ToolDefinition tool) {
    ObjectNode json = Json.object().put("name", tool.name()).put("description", tool.description());
    json.set("input_schema", tool.inputSchema());
    if (tool.cacheControl() != null) {
      json.set("cache_control", BlockCodec.writeCacheControl(tool.cacheControl()));
    }
    if (tool.strict()) {
      json.put("strict", true);
    }
    if (tool.eagerInputStreaming() != null) {
      json.put("eager_input_streaming", tool.eagerInputStreaming());
    }
    tool.extraFields().forEach(json::set);
    return json;
  }

  private static ObjectNode writeToolChoice(ToolChoice choice) {
    ObjectNode json = Json.object().put("type", choice.type());
    if (choice.name() != null) {
      json.put("name", choice.name());
    }
    if (choice.disableParallelToolUse()) {
      json.put("disable_parallel_tool_use", true);
    }
    return json;
  }

  private static ObjectNode writeOutputConfig(OutputConfig config) {
    ObjectNode json = Json.object();
    if (config.effort() != null) {
      json.put("effort", config.effort().value());
    }
    if (config.schema() != null) {
      json.putObject("format").put("type", "json_schema").set("schema", config.schema());
    }
    return json;
  }

  private static ObjectNode writeThinking(ThinkingConfig thinking) {
    ObjectNode json = Json.object().put("type", thinking.type());
    if (thinking.budgetTokens() != null) {
      json.put("budget_tokens", thinking.budgetTokens());
    }
    if (thinking.display() != null) {
      json.put("display", thinking.display());
    }
    return json;
  }
}
