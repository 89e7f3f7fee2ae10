package dev.toolstream.messages;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A request to the Messages API. Build one with {@link #builder()}; derive a variant with {@link
 * #toBuilder()}.
 *
 * <p>Fields the API takes that this type does not model yet can be sent through {@link
 * Builder#extraField(String, JsonNode)}; they are written to the JSON body as they are.
 *
 * @param model the model, such as {@code claude-sonnet-4-6}
 * @param maxTokens the most tokens the model may write
 * @param messages the conversation so far
 * @param system the system prompt as text blocks; empty for none
 * @param tools the tools the model may call: client tools ({@link ToolDefinition}) and tools the
 *     API defines ({@link ServerTool})
 * @param toolChoice how the model may use tools, or null for the API's default
 * @param thinking extended thinking settings, or null
 * @param temperature sampling temperature, or null
 * @param topP nucleus sampling, or null
 * @param topK top-k sampling, or null
 * @param stopSequences custom sequences that stop generation
 * @param metadata request metadata, such as {@code user_id}
 * @param betas beta features, sent in the {@code anthropic-beta} header
 * @param outputConfig the answer's format and the model's effort, or null
 * @param mcpServers the MCP servers the API connects to for this request (the MCP connector)
 * @param container the code execution container to reuse, by id, or null for a new one
 * @param cacheControl automatic prompt caching: the top-level {@code cache_control}, which has the
 *     API place a breakpoint on the last cacheable block; null for none
 * @param contextManagement edits the API applies to the conversation (clearing, compaction), or
 *     null
 * @param extraFields further body fields, written as they are
 */
public record MessageRequest(
    String model,
    int maxTokens,
    List<MessageParam> messages,
    List<ContentBlock.Text> system,
    List<RequestTool> tools,
    @Nullable ToolChoice toolChoice,
    @Nullable ThinkingConfig thinking,
    @Nullable Double temperature,
    @Nullable Double topP,
    @Nullable Integer topK,
    List<String> stopSequences,
    Map<String, String> metadata,
    List<String> betas,
    @Nullable OutputConfig outputConfig,
    List<McpServer> mcpServers,
    @Nullable String container,
    @Nullable CacheControl cacheControl,
    @Nullable ContextManagement contextManagement,
    Map<String, JsonNode> extraFields) {

  /**
   * The most cache breakpoints a request may have, as the API counts them: block breakpoints and
   * automatic caching's together.
   */
  public static final int MAX_CACHE_BREAKPOINTS = 4;

  /**
   * Checks the model is present and copies the lists and maps; unlike {@link Builder#build()} it
   * does not check {@code maxTokens}.
   *
   * @param model the model's id, such as {@code claude-sonnet-4-6}, not null
   * @param maxTokens the most tokens the model may write; not checked here
   * @param messages the conversation, copied
   * @param system the system prompt's blocks, copied; empty for none
   * @param tools the tools, copied
   * @param toolChoice how the model may use tools, or null to leave the field out
   * @param thinking extended thinking settings, or null to leave the field out
   * @param temperature sampling temperature, or null to leave the field out
   * @param topP nucleus sampling, or null to leave the field out
   * @param topK top-k sampling, or null to leave the field out
   * @param stopSequences the stop sequences, copied
   * @param metadata request metadata, copied; its order is not kept
   * @param betas beta features, copied
   * @param outputConfig the answer's format and the model's effort, or null to leave it out
   * @param mcpServers the MCP servers, copied
   * @param container the container's id, or null to leave the field out
   * @param cacheControl automatic prompt caching, or null to leave the field out
   * @param contextManagement context-management edits, or null to leave the field out
   * @param extraFields further body fields, copied; its order is not kept
   */
  public MessageRequest {
    Objects.requireNonNull(model, "model == null");
    messages = List.copyOf(messages);
    system = List.copyOf(system);
    tools = List.copyOf(tools);
    stopSequences = List.copyOf(stopSequences);
    metadata = Map.copyOf(metadata);
    betas = List.copyOf(betas);
    mcpServers = List.copyOf(mcpServers);
    extraFields = Map.copyOf(extraFields);
  }

  /**
   * Counts the request's block cache breakpoints: {@code cache_control} on system blocks, tools and
   * message content, tool results' content included. Automatic caching ({@link #cacheControl()}) is
   * not among them, though it takes one of the API's four slots too.
   *
   * @return 0 or more; {@link Builder#build()} refuses a request whose breakpoints and automatic
   *     caching together are more than four
   */
  public int cacheBreakpoints() {
    return CacheBreakpoints.of(system, tools, messages).size();
  }

  /**
   * Returns the {@code anthropic-beta} values this request is sent with: those its features need
   * (so a caller never has to name them), then those added with {@link Builder#addBeta(String)}. A
   * value added for the same feature as an implied one, the same name with another date, takes its
   * place.
   *
   * @param clientBetas the betas the client sends with every request, as named by the caller
   * @return the values in the order they are sent, each once
   */
  public List<String> headerBetas(List<String> clientBetas) {
    List<String> named = new ArrayList<>(clientBetas);
    named.addAll(betas);
    return Betas.merge(Betas.implied(this), named);
  }

  /**
   * Starts a request from nothing.
   *
   * @return a builder with no fields set; {@code model} and {@code maxTokens} must be set before
   *     {@link Builder#build()}
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts a variant of this request, such as the next turn of a conversation.
   *
   * @return a new builder holding this request's fields; changing it leaves this request as it is
   */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Builds a {@link MessageRequest}. Not safe for use by several threads at once. */
  public static final class Builder {
    private @Nullable String model;
    private int maxTokens;
    private final List<MessageParam> messages = new ArrayList<>();
    private final List<ContentBlock.Text> system = new ArrayList<>();
    private final List<RequestTool> tools = new ArrayList<>();
    private @Nullable ToolChoice toolChoice;
    private @Nullable ThinkingConfig thinking;
    private @Nullable Double temperature;
    private @Nullable Double topP;
    private @Nullable Integer topK;
    private final List<String> stopSequences = new ArrayList<>();
    private final Map<String, String> metadata = new LinkedHashMap<>();
    private final List<String> betas = new ArrayList<>();
    private @Nullable OutputConfig outputConfig;
    private final List<McpServer> mcpServers = new ArrayList<>();
    private @Nullable String container;
    private @Nullable CacheControl cacheControl;
    private @Nullable ContextManagement contextManagement;
    private final Map<String, JsonNode> extraFields = new LinkedHashMap<>();

    Builder() {}

    Builder(MessageRequest request) {
      model = request.model;
      maxTokens = request.maxTokens;
      messages.addAll(request.messages);
      system.addAll(request.system);
      tools.addAll(request.tools);
      toolChoice = request.toolChoice;
      thinking = request.thinking;
      temperature = request.temperature;
      topP = request.topP;
      topK = request.topK;
      stopSequences.addAll(request.stopSequences);
      metadata.putAll(request.metadata);
      betas.addAll(request.betas);
      outputConfig = request.outputConfig;
      mcpServers.addAll(request.mcpServers);
      container = request.container;
      cacheControl = request.cacheControl;
      contextManagement = request.contextManagement;
      extraFields.putAll(request.extraFields);
    }

    /**
     * Chooses the model that answers. Required.
     *
     * @param model the model's id, such as {@code claude-sonnet-4-6}; sent as it is, the API
     *     rejects an unknown one
     * @return this builder
     */
    public Builder model(String model) {
      this.model = Objects.requireNonNull(model, "model == null");
      return this;
    }

    /**
     * Caps the length of the answer. Required.
     *
     * @param maxTokens the most tokens the model may write, at least 1 (checked by {@link
     *     #build()}); the model's own limit applies on top
     * @return this builder
     */
    public Builder maxTokens(int maxTokens) {
      this.maxTokens = maxTokens;
      return this;
    }

    /**
     * Replaces the whole conversation, such as a history kept elsewhere.
     *
     * @param messages the messages in order, copied; empty clears the conversation
     * @return this builder
     */
    public Builder messages(List<MessageParam> messages) {
      this.messages.clear();
      this.messages.addAll(messages);
      return this;
    }

    /**
     * Appends one message to the end of the conversation.
     *
     * @param message the message, not null
     * @return this builder
     */
    public Builder addMessage(MessageParam message) {
      messages.add(Objects.requireNonNull(message, "message == null"));
      return this;
    }

    /**
     * Appends a user turn of one text, the shortest way to ask a question.
     *
     * @param text what the user says
     * @return this builder
     */
    public Builder addUserMessage(String text) {
      return addMessage(MessageParam.user(text));
    }

    /**
     * Gives the model its instructions as one text, sent as a plain string.
     *
     * @param text the system prompt; replaces any set before
     * @return this builder
     */
    public Builder system(String text) {
      system.clear();
      system.add(ContentBlock.text(text));
      return this;
    }

    /**
     * Gives the model its instructions as text blocks, which may carry cache breakpoints.
     *
     * @param blocks the system prompt's blocks in order, copied; replaces any set before, and
     *     empty sends no system prompt
     * @return this builder
     */
    public Builder system(List<ContentBlock.Text> blocks) {
      system.clear();
      system.addAll(blocks);
      return this;
    }

    /**
     * Replaces the tools the model may call.
     *
     * @param tools the tools, client tools and {@link ServerTool}s in any mix, copied; empty
     *     offers none
     * @return this builder
     */
    public Builder tools(List<? extends RequestTool> tools) {
      this.tools.clear();
      this.tools.addAll(tools);
      return this;
    }

    /**
     * Offers the model one more tool, after those already added: a client tool ({@link
     * ToolDefinition}) or one the API defines ({@link ServerTool}).
     *
     * @param tool the tool, not null; the API rejects two tools of one name
     * @return this builder
     */
    public Builder addTool(RequestTool tool) {
      tools.add(Objects.requireNonNull(tool, "tool == null"));
      return this;
    }

    /**
     * Connects the API to one more MCP server for this request; offer its tools with {@link
     * ServerTool#mcpToolset(String)}. The request then carries the {@value McpServer#BETA} beta.
     *
     * @param server the server, not null; the API rejects two servers of one name
     * @return this builder
     */
    public Builder addMcpServer(McpServer server) {
      mcpServers.add(Objects.requireNonNull(server, "server == null"));
      return this;
    }

    /**
     * Replaces the MCP servers the API connects to.
     *
     * @param servers the servers, copied; empty connects to none
     * @return this builder
     */
    public Builder mcpServers(List<McpServer> servers) {
      mcpServers.clear();
      mcpServers.addAll(servers);
      return this;
    }

    /**
     * Reuses a code execution container, so that its files and state carry over from an earlier
     * request.
     *
     * @param container the container's id, as {@link Message#container()} gave it; null leaves
     *     the field out, so the API starts a new one
     * @return this builder
     */
    public Builder container(@Nullable String container) {
      this.container = container;
      return this;
    }

    /**
     * Constrains how the model may use tools.
     *
     * @param toolChoice such as {@link ToolChoice#any()}; null leaves the field out, so the API's
     *     default ({@code auto}) applies
     * @return this builder
     */
    public Builder toolChoice(@Nullable ToolChoice toolChoice) {
      this.toolChoice = toolChoice;
      return this;
    }

    /**
     * Turns extended thinking on or off.
     *
     * @param thinking such as {@link ThinkingConfig#enabled(int)}; null leaves the field out of the
     *     request
     * @return this builder
     */
    public Builder thinking(@Nullable ThinkingConfig thinking) {
      this.thinking = thinking;
      return this;
    }

    /**
     * Controls the randomness of sampling.
     *
     * @param temperature from 0.0 to 1.0 (the API checks it); null leaves the field out, so the
     *     API's default applies
     * @return this builder
     */
    public Builder temperature(@Nullable Double temperature) {
      this.temperature = temperature;
      return this;
    }

    /**
     * Limits sampling to the most likely tokens whose probabilities add up to a share.
     *
     * @param topP the share, from 0.0 to 1.0 (the API checks it); null leaves the field out
     * @return this builder
     */
    public Builder topP(@Nullable Double topP) {
      this.topP = topP;
      return this;
    }

    /**
     * Limits sampling to a number of the most likely tokens.
     *
     * @param topK how many tokens to sample from, positive (the API checks it); null leaves the
     *     field out
     * @return this builder
     */
    public Builder topK(@Nullable Integer topK) {
      this.topK = topK;
      return this;
    }

    /**
     * Sets custom texts that end the answer when the model writes one of them.
     *
     * @param stopSequences the sequences, copied; replaces any set before, and empty sends none
     * @return this builder
     */
    public Builder stopSequences(List<String> stopSequences) {
      this.stopSequences.clear();
      this.stopSequences.addAll(stopSequences);
      return this;
    }

    /**
     * Sets one entry of the request's {@code metadata} object.
     *
     * @param key the entry's name, such as {@code user_id}
     * @param value the entry's value; setting a key again replaces it
     * @return this builder
     */
    public Builder metadata(String key, String value) {
      metadata.put(key, value);
      return this;
    }

    /**
     * Turns on a beta feature of the API.
     *
     * @param beta the feature's name, sent in the {@code anthropic-beta} header, not null
     * @return this builder
     */
    public Builder addBeta(String beta) {
      betas.add(Objects.requireNonNull(beta, "beta == null"));
      return this;
    }

    /**
     * Sets the request's {@code output_config}: the answer's format and the model's effort.
     *
     * @param outputConfig such as {@link OutputConfig#jsonSchema(JsonNode)}; null leaves the field
     *     out; replaces the schema and the effort set before
     * @return this builder
     */
    public Builder outputConfig(@Nullable OutputConfig outputConfig) {
      this.outputConfig = outputConfig;
      return this;
    }

    /**
     * Asks the API to edit the conversation before the model reads it: clear old tool results or
     * thinking, or compact it into a summary. The betas the edits need are sent with the request.
     *
     * @param contextManagement such as {@code ContextManagement.of(ContextManagement.compact())};
     *     null leaves the field out
     * @return this builder
     */
    public Builder contextManagement(@Nullable ContextManagement contextManagement) {
      this.contextManagement = contextManagement;
      return this;
    }

    /**
     * Turns automatic prompt caching on or off: the API places a cache breakpoint on the last
     * cacheable block of the request (the last message's, as a conversation grows) and reads the
     * longest prefix an earlier request wrote. It takes one of the four breakpoint slots; block
     * breakpoints ({@code cache_control} on system blocks, tools or message content) may be used
     * beside it for the other three.
     *
     * @param cacheControl such as {@link CacheControl#ephemeral()}, or {@code
     *     CacheControl.ephemeral(Duration.ofHours(1))} to keep the cache for an hour; null leaves
     *     the field out (no automatic caching)
     * @return this builder
     */
    public Builder cacheControl(@Nullable CacheControl cacheControl) {
      this.cacheControl = cacheControl;
      return this;
    }

    /**
     * Asks for an answer that is JSON matching {@code schema} (structured output), keeping the
     * effort set before.
     *
     * @param schema a JSON Schema in the subset structured outputs support; null asks for free
     *     text again
     * @return this builder
     */
    public Builder outputSchema(@Nullable JsonNode schema) {
      OutputConfig current = outputConfig == null ? new OutputConfig(null, null) : outputConfig;
      return outputConfig(normalized(current.withSchema(schema)));
    }

    /**
     * Says how much effort the model spends on the answer, keeping the output schema set before.
     *
     * @param effort such as {@link OutputConfig.Effort#LOW}; null for the API's default
     * @return this builder
     */
    public Builder effort(OutputConfig.@Nullable Effort effort) {
      OutputConfig current = outputConfig == null ? new OutputConfig(null, null) : outputConfig;
      return outputConfig(normalized(current.withEffort(effort)));
    }

    private static @Nullable OutputConfig normalized(OutputConfig config) {
      return config.schema() == null && config.effort() == null ? null : config;
    }

    /**
     * Sets a body field this type does not model; it is written as it is and wins over a modelled
     * field of the same name.
     *
     * @param name the field's wire name; setting it again replaces the value
     * @param value the field's JSON value, not null (a JSON {@code null} is a {@code NullNode})
     * @return this builder
     */
    public Builder extraField(String name, JsonNode value) {
      extraFields.put(Objects.requireNonNull(name, "name == null"), value);
      return this;
    }

    /**
     * Checks the required fields and makes the request.
     *
     * @return an immutable request; later changes to this builder do not reach it
     * @throws IllegalStateException if the model is missing, {@code maxTokens} is below 1, or the
     *     request asks for more cache breakpoints than the API's four (those on system blocks,
     *     tools and message content, tool results' content included, and automatic caching's); the
     *     message says how many there are, where, and what to do
     */
    public MessageRequest build() {
      if (model == null) {
        throw new IllegalStateException("model is required: call model(\"claude-sonnet-4-6\")");
      }
      if (maxTokens < 1) {
        throw new IllegalStateException("maxTokens must be at least 1: call maxTokens(1024)");
      }
      boolean automatic =
          cacheControl != null || CacheBreakpoints.isSet(extraFields.get("cache_control"));
      CacheBreakpoints.check(system, tools, messages, automatic);
      return new MessageRequest(
          model,
          maxTokens,
          messages,
          system,
          tools,
          toolChoice,
          thinking,
          temperature,
          topP,
          topK,
          stopSequences,
          metadata,
          betas,
          outputConfig,
          mcpServers,
          container,
          cacheControl,
          contextManagement,
          extraFields);
    }
  }
}
