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
 * @param contextManagement edits the API applies to the conversation (clearing, compaction), or
 *     null
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
    @Nullable ContextManagement contextManagement,
    Map<String, JsonNode> extraFields) {

  /**
   * Checks the model is present and copies the lists and maps; unlike {@link Builder#build()} it
   * does not check {@code maxTokens}.
   *
   * @param model the model's id, such as {@code claude-sonnet-4-6}, not null
   * @param maxTokens the most tokens the model may write; not checked here
   * @param messages the conversation, copied
   * @param system the system prompt's blocks, copied; empty for none
   * @param tools the client tools, copied
   * @param toolChoice how the model may use tools, or null to leave the field out
   * @param thinking extended thinking settings, or null to leave the field out
   * @param temperature sampling temperature, or null to leave the field out
   * @param topP nucleus sampling, or null to leave the field out
   * @param topK top-k sampling, or null to leave the field out
   * @param stopSequences the stop sequences, copied
   * @param metadata request metadata, copied; its order is not kept
   * @param betas beta features, copied
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
    extraFields = Map.copyOf(extraFields);
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
    private final List<ToolDefinition> tools = new ArrayList<>();
    private @Nullable ToolChoice toolChoice;
    private @Nullable ThinkingConfig thinking;
    private @Nullable Double temperature;
    private @Nullable Double topP;
    private @Nullable Integer topK;
    private final List<String> stopSequences = new ArrayList<>();
    private final Map<String, String> metadata = new LinkedHashMap<>();
    private final List<String> betas = new ArrayList<>();
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
     * Replaces the client tools the model may call.
     *
     * @param tools the tools, copied; empty offers none
     * @return this builder
     */
    public Builder tools(List<ToolDefinition> tools) {
      this.tools.clear();
      this.tools.addAll(tools);
      return this;
    }

    /**
     * Offers the model one more client tool, after those already added.
     *
     * @param tool the tool, not null; the API rejects two tools of one name
     * @return this builder
     */
    public Builder addTool(ToolDefinition tool) {
      tools.add(Objects.requireNonNull(tool, "tool == null"));
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
          contextManagement,
          extraFields);
    }
  }
}
