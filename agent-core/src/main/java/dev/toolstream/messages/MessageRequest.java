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
 * @param tools the client tools the model may call
 * @param toolChoice how the model may use tools, or null for the API's default
 * @param thinking extended thinking settings, or null
 * @param temperature sampling temperature, or null
 * @param topP nucleus sampling, or null
 * @param topK top-k sampling, or null
 * @param stopSequences custom sequences that stop generation
 * @param metadata request metadata, such as {@code user_id}
 * @param betas beta features, sent in the {@code anthropic-beta} header
 * @param extraFields further body fields, written as they are
 */
public record MessageRequest(
    String model,
    int maxTokens,
    List<MessageParam> messages,
    List<ContentBlock.Text> system,
    List<ToolDefinition> tools,
    @Nullable ToolChoice toolChoice,
    @Nullable ThinkingConfig thinking,
    @Nullable Double temperature,
    @Nullable Double topP,
    @Nullable Integer topK,
    List<String> stopSequences,
    Map<String, String> metadata,
    List<String> betas,
    Map<String, JsonNode> extraFields) {

  public MessageRequest {
    Objects.requireNonNull(model, "model == null");
    messages = List.copyOf(messages);
    system = List.copyOf(system);
    tools = List.copyOf(tools);
    stopSequences = List.copyOf(stopSequences);
    metadata = Map.copyOf(metadata);
    betas = List.copyOf(betas);
    extraFields = Map.copyOf(extraFields);
  }

  /** Returns a builder with no fields set. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder holding this request's fields. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Builds a {@link MessageRequest}. Not safe for use by several threads at once. */
  public static final class Builder {
    private @Nullable String model;
    private int maxTokens;
    private final List<MessageParam> messages = new ArrayList<>();
    private final List<ContentBlock.Text> system = new ArrayList<>();
    private final List<ToolDefinition> tools = new ArrayList<>();
    private @Nullable ToolChoice toolChoice;
    private @Nullable ThinkingConfig thinking;
    private @Nullable Double temperature;
    private @Nullable Double topP;
    private @Nullable Integer topK;
    private final List<String> stopSequences = new ArrayList<>();
    private final Map<String, String> metadata = new LinkedHashMap<>();
    private final List<String> betas = new ArrayList<>();
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
      extraFields.putAll(request.extraFields);
    }

    /** Sets the model, such as {@code claude-sonnet-4-6}. Required. */
    public Builder model(String model) {
      this.model = Objects.requireNonNull(model, "model == null");
      return this;
    }

    /** Sets the most tokens the model may write. Required, at least 1. */
    public Builder maxTokens(int maxTokens) {
      this.maxTokens = maxTokens;
      return this;
    }

    /** Replaces the conversation with {@code messages}. */
    public Builder messages(List<MessageParam> messages) {
      this.messages.clear();
      this.messages.addAll(messages);
      return this;
    }

    /** Appends one message to the conversation. */
    public Builder addMessage(MessageParam message) {
      messages.add(Objects.requireNonNull(message, "message == null"));
      return this;
    }

    /** Appends a user message holding {@code text}. */
    public Builder addUserMessage(String text) {
      return addMessage(MessageParam.user(text));
    }

    /** Sets the system prompt to one text; sent as a plain string. */
    public Builder system(String text) {
      system.clear();
      system.add(ContentBlock.text(text));
      return this;
    }

    /** Sets the system prompt to text blocks, which may carry cache breakpoints. */
    public Builder system(List<ContentBlock.Text> blocks) {
      system.clear();
      system.addAll(blocks);
      return this;
    }

    /** Replaces the tools with {@code tools}. */
    public Builder tools(List<ToolDefinition> tools) {
      this.tools.clear();
      this.tools.addAll(tools);
      return this;
    }

    /** Adds one tool. */
    public Builder addTool(ToolDefinition tool) {
      tools.add(Objects.requireNonNull(tool, "tool == null"));
      return this;
    }

    /** Sets how the model may use tools; null for the API's default ({@code auto}). */
    public Builder toolChoice(@Nullable ToolChoice toolChoice) {
      this.toolChoice = toolChoice;
      return this;
    }

    /** Sets extended thinking; null to leave it out of the request. */
    public Builder thinking(@Nullable ThinkingConfig thinking) {
      this.thinking = thinking;
      return this;
    }

    /** Sets the sampling temperature; null to leave it out. */
    public Builder temperature(@Nullable Double temperature) {
      this.temperature = temperature;
      return this;
    }

    /** Sets nucleus sampling; null to leave it out. */
    public Builder topP(@Nullable Double topP) {
      this.topP = topP;
      return this;
    }

    /** Sets top-k sampling; null to leave it out. */
    public Builder topK(@Nullable Integer topK) {
      this.topK = topK;
      return this;
    }

    /** Replaces the stop sequences. */
    public Builder stopSequences(List<String> stopSequences) {
      this.stopSequences.clear();
      this.stopSequences.addAll(stopSequences);
      return this;
    }

    /** Sets one metadata entry, such as {@code user_id}. */
    public Builder metadata(String key, String value) {
      metadata.put(key, value);
      return this;
    }

    /** Adds a beta feature, sent in the {@code anthropic-beta} header. */
    public Builder addBeta(String beta) {
      betas.add(Objects.requireNonNull(beta, "beta == null"));
      return this;
    }

    /**
     * Sets a body field this type does not model; it is written as it is and wins over a modelled
     * field of the same name.
     */
    public Builder extraField(String name, JsonNode value) {
      extraFields.put(Objects.requireNonNull(name, "name == null"), value);
      return this;
    }

    /**
     * Returns the request.
     *
     * @throws IllegalStateException if the model is missing or {@code maxTokens} is below 1
     */
    public MessageRequest build() {
      if (model == null) {
        throw new IllegalStateException("model is required: call model(\"claude-sonnet-4-6\")");
      }
      if (maxTokens < 1) {
        throw new IllegalStateException("maxTokens must be at least 1: call maxTokens(1024)");
      }
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
          extraFields);
    }
  }
}
