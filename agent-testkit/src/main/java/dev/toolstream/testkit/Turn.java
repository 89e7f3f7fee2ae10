package dev.toolstream.testkit;

import dev.toolstream.testkit.internal.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One assistant message as the scripted Claude sends it: streamed as the Messages API's events when
 * the request says {@code "stream": true}, else as one JSON message with the same content.
 * Immutable; built with {@link #builder()}.
 *
 * <p>The stream is {@code message_start} (the full message skeleton with usage), then for each
 * block in order {@code content_block_start}, its deltas and {@code content_block_stop}, with any
 * pings, extra events and comments where they were added, then {@code message_delta} (stop reason,
 * stop sequence, output tokens) and {@code message_stop}. An interruption set on the builder cuts
 * the stream short.
 *
 * <p>Ids left out are made up deterministically: {@code msg_scripted_N} and {@code
 * toolu_scripted_N_I}, where N is the number of the request the turn answers (1 for {@link
 * #toSse()}) and I the block's index. The model left out is the request's model.
 */
public final class Turn implements Reply {
  /** Where and how a stream is cut short; null for a stream that ends cleanly. */
  record Interruption(Kind kind, long count, String errorType, String errorMessage) {
    enum Kind {
      ERROR_EVENT,
      DISCONNECT,
      DISCONNECT_BYTES,
      STALL
    }
  }

  private final @Nullable String id;
  private final @Nullable String model;
  private final List<TurnPart> parts;
  private final String stopReason;
  private final @Nullable String stopSequence;
  private final int inputTokens;
  private final int outputTokens;
  private final int cacheCreationInputTokens;
  private final int cacheReadInputTokens;
  private final int @Nullable [] cacheCreation;
  private final @Nullable Interruption interruption;
  private final @Nullable ObjectNode container;
  private final @Nullable ObjectNode stopDetails;
  private final @Nullable ObjectNode contextManagement;

  private Turn(Builder builder, List<TurnPart> parts) {
    this.id = builder.id;
    this.model = builder.model;
    this.parts = List.copyOf(parts);
    this.stopReason =
        builder.stopReason != null
            ? builder.stopReason
            : parts.stream().anyMatch(p -> p instanceof TurnPart.ToolUse) ? "tool_use" : "end_turn";
    this.stopSequence = builder.stopSequence;
    this.inputTokens = builder.inputTokens;
    this.outputTokens = builder.outputTokens;
    this.cacheCreationInputTokens = builder.cacheCreationInputTokens;
    this.cacheReadInputTokens = builder.cacheReadInputTokens;
    this.cacheCreation = builder.cacheCreation;
    this.interruption = builder.interruption;
    this.container = builder.container;
    this.stopDetails = builder.stopDetails;
    this.contextManagement = builder.contextManagement;
  }

  /**
   * Begins a turn with no blocks yet.
   *
   * @return a new builder; blocks and events keep the order they are added in
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Makes the simplest reply: one text block that ends with {@code end_turn}.
   *
   * @param text the block's text, streamed in deltas of 16 code points
   * @return the turn, with the default ids, model and usage
   */
  public static Turn text(String text) {
    return builder().text(text).build();
  }

  /**
   * Writes the stream with LF line ends, ready for a MockWebServer body, as {@link
   * #toSse(LineEnding)} does.
   *
   * @return the whole SSE body as text
   */
  public String toSse() {
    return toSse(LineEnding.LF);
  }

  /**
   * Returns the stream's bytes as text with {@code lineEnding}, as the server would send for the
   * first request of model {@code claude-sonnet-4-6}. An error-event interruption is included; a
   * disconnect or stall just ends the text where the connection would go quiet.
   *
   * @param lineEnding the terminator of every line
   * @return the SSE body as text, up to any interruption
   */
  public String toSse(LineEnding lineEnding) {
    return TurnEncoder.sse(this, 1, TurnEncoder.DEFAULT_MODEL, lineEnding);
  }

  /**
   * Writes the non-streaming reply: one JSON message with the same content, ids and usage, as for
   * the first request of model {@code claude-sonnet-4-6}. Interruptions do not apply to it.
   *
   * @return the message as compact JSON
   */
  public String toJson() {
    return Json.MAPPER.writeValueAsString(TurnEncoder.message(this, 1, TurnEncoder.DEFAULT_MODEL));
  }

  /**
   * Returns the stop reason sent in {@code message_delta} and in the non-streaming message.
   *
   * @return the reason set on the builder, else {@code tool_use} if the turn calls a tool, else
   *     {@code end_turn}
   */
  public String stopReason() {
    return stopReason;
  }

  @Nullable String id() {
    return id;
  }

  @Nullable String model() {
    return model;
  }

  List<TurnPart> parts() {
    return parts;
  }

  @Nullable String stopSequence() {
    return stopSequence;
  }

  int inputTokens() {
    return inputTokens;
  }

  int outputTokens() {
    return outputTokens;
  }

  int cacheCreationInputTokens() {
    return cacheCreationInputTokens;
  }

  int cacheReadInputTokens() {
    return cacheReadInputTokens;
  }

  /** The 5-minute and 1-hour cache writes, or null to send no {@code cache_creation}. */
  int @Nullable [] cacheCreation() {
    return cacheCreation;
  }

  @Nullable Interruption interruption() {
    return interruption;
  }

  @Nullable ObjectNode container() {
    return container;
  }

  @Nullable ObjectNode stopDetails() {
    return stopDetails;
  }

  @Nullable ObjectNode contextManagement() {
    return contextManagement;
  }

  @Override
  public String toString() {
    return "Turn{" + parts.size() + " parts, stop " + stopReason + "}";
  }

  /**
   * Builds a {@link Turn}. Blocks, pings and events go into the stream in the order they are added;
   * everything else may be set in any order. Not thread-safe.
   */
  public static final class Builder {
    private final List<Supplier<TurnPart>> parts = new ArrayList<>();
    private @Nullable String id;
    private @Nullable String model;
    private @Nullable String stopReason;
    private @Nullable String stopSequence;
    private int inputTokens = 10;
    private int outputTokens = 10;
    private int cacheCreationInputTokens;
    private int cacheReadInputTokens;
    private int @Nullable [] cacheCreation;
    private int deltaSize = 16;
    private @Nullable Interruption interruption;
    private @Nullable ObjectNode container;
    private @Nullable ObjectNode stopDetails;
    private @Nullable ObjectNode contextManagement;

    private Builder() {}

    /**
     * Fixes the message id, which is otherwise made up per request.
     *
     * @param id the id to send; by default {@code msg_scripted_N}, N the request's number
     * @return this builder
     */
    public Builder id(String id) {
      this.id = Objects.requireNonNull(id, "id == null");
      return this;
    }

    /**
     * Fixes the model the reply names, which otherwise echoes the request.
     *
     * @param model the model to send; by default the request's {@code model}
     * @return this builder
     */
    public Builder model(String model) {
      this.model = Objects.requireNonNull(model, "model == null");
      return this;
    }

    /**
     * Adds a text block whose text is cut into deltas of {@link #deltaSize} code points.
     *
     * @param text the block's whole text; may be empty, which sends no delta
     * @return this builder
     */
    public Builder text(String text) {
      Objects.requireNonNull(text, "text == null");
      parts.add(() -> new TurnPart.Text(TurnPart.split(text, deltaSize)));
      return this;
    }

    /**
     * Adds a text block cut exactly where the test says, for boundary cases such as a delta that
     * ends inside a word.
     *
     * @param deltas the {@code text_delta} texts in order; none may be null
     * @return this builder
     */
    public Builder textDeltas(String... deltas) {
      List<String> copy = List.of(deltas);
      parts.add(() -> new TurnPart.Text(copy));
      return this;
    }

    /**
     * Adds a thinking block: {@code thinking} cut into deltas of {@link #deltaSize} code points,
     * then one {@code signature_delta}.
     *
     * @param thinking the block's whole thinking text
     * @param signature the text of the {@code signature_delta} that closes the block
     * @return this builder
     */
    public Builder thinking(String thinking, String signature) {
      Objects.requireNonNull(thinking, "thinking == null");
      Objects.requireNonNull(signature, "signature == null");
      parts.add(() -> new TurnPart.Thinking(TurnPart.split(thinking, deltaSize), signature));
      return this;
    }

    /**
     * Adds a thinking block cut exactly where the test says, then its signature.
     *
     * @param deltas the {@code thinking_delta} texts in order; copied
     * @param signature the text of the {@code signature_delta} that closes the block
     * @return this builder
     */
    public Builder thinkingDeltas(List<String> deltas, String signature) {
      List<String> copy = List.copyOf(deltas);
      Objects.requireNonNull(signature, "signature == null");
      parts.add(() -> new TurnPart.Thinking(copy, signature));
      return this;
    }

    /**
     * Adds a {@code redacted_thinking} block, which is sent whole in its start event, with no
     * deltas.
     *
     * @param data the block's encrypted {@code data}, sent as it is
     * @return this builder
     */
    public Builder redactedThinking(String data) {
      Objects.requireNonNull(data, "data == null");
      parts.add(() -> new TurnPart.RedactedThinking(data));
      return this;
    }

    /**
     * Adds a {@code tool_use} block whose input is the JSON text {@code inputJson}, sent as a first
     * {@code ""} fragment and then pieces of {@link #deltaSize} code points cut anywhere, inside
     * strings and escapes too. An input of {@code {}} is sent as the {@code ""} fragment alone, as
     * the API does. The text is sent as given: invalid JSON makes an invalid-input case.
     *
     * @param id the block id, or null for {@code toolu_scripted_N_I}
     * @param name the tool the model calls
     * @param inputJson the input as JSON text, valid or not
     * @return this builder
     */
    public Builder toolUse(@Nullable String id, String name, String inputJson) {
      Objects.requireNonNull(name, "name == null");
      Objects.requireNonNull(inputJson, "inputJson == null");
      parts.add(
          () ->
              new TurnPart.ToolUse(id, name, inputJson, TurnPart.fragments(inputJson, deltaSize)));
      return this;
    }

    /**
     * Adds a {@code tool_use} block whose input is a JSON tree, as {@link #toolUse(String, String,
     * String)} does with its compact text.
     *
     * @param id the block id, or null for {@code toolu_scripted_N_I}
     * @param name the tool the model calls
     * @param input the input, usually an object
     * @return this builder
     */
    public Builder toolUse(@Nullable String id, String name, JsonNode input) {
      return toolUse(id, name, Json.MAPPER.writeValueAsString(input));
    }

    /**
     * Adds a {@code tool_use} block with a made-up id, as {@link #toolUse(String, String, String)}
     * does.
     *
     * @param name the tool the model calls
     * @param inputJson the input as JSON text, valid or not
     * @return this builder
     */
    public Builder toolUse(String name, String inputJson) {
      return toolUse(null, name, inputJson);
    }

    /**
     * Adds a {@code tool_use} block whose input is cut exactly where the test says. No {@code ""}
     * fragment is added: pass one if the case needs it.
     *
     * @param id the block id, or null for {@code toolu_scripted_N_I}
     * @param name the tool the model calls
     * @param fragments the {@code input_json_delta} texts in order; joined, they are the input
     * @return this builder
     */
    public Builder toolUseFragments(@Nullable String id, String name, String... fragments) {
      Objects.requireNonNull(name, "name == null");
      List<String> copy = List.of(fragments);
      parts.add(() -> new TurnPart.ToolUse(id, name, String.join("", copy), copy));
      return this;
    }

    /**
     * Adds a {@code compaction} block as server-side compaction streams it: a {@code
     * content_block_start} of {@code {"type":"compaction","content":null}}, then one {@code
     * compaction_delta} carrying the whole summary, then the stop. The non-streaming message holds
     * the block whole.
     *
     * @param summary the summary, or null for a compaction that failed
     * @return this builder
     */
    public Builder compaction(@Nullable String summary) {
      return compaction(summary, null);
    }

    /**
     * Adds a {@code compaction} block with opaque data beside its summary, as {@link
     * #compaction(String)} does; the delta and the whole block carry {@code encrypted_content}.
     *
     * @param summary the summary, or null for a compaction that failed
     * @param encryptedContent the opaque data, or null to leave the field out
     * @return this builder
     */
    public Builder compaction(@Nullable String summary, @Nullable String encryptedContent) {
      parts.add(() -> new TurnPart.Compaction(summary, encryptedContent));
      return this;
    }

    /**
     * Adds any content block (such as {@code web_search_tool_result}), sent whole in its {@code
     * content_block_start} and then stopped, and kept as is in the non-streaming message.
     *
     * @param contentBlock the block with its {@code type}; copied, so later changes do not show
     * @return this builder
     */
    public Builder block(ObjectNode contentBlock) {
      ObjectNode copy = contentBlock.deepCopy();
      parts.add(() -> new TurnPart.RawBlock(copy));
      return this;
    }

    /**
     * Adds a text block that cites its sources: one {@code citations_delta} per citation, then
     * the text cut into deltas of {@link #deltaSize} code points, as the API streams an answer
     * drawn from web search results or documents.
     *
     * @param text the block's whole text
     * @param citations the citation objects, such as {@code {"type":"web_search_result_location",
     *     "url":…,"title":…,"encrypted_index":…,"cited_text":…}}, sent as they are
     * @return this builder
     */
    public Builder textWithCitations(String text, JsonNode... citations) {
      Objects.requireNonNull(text, "text == null");
      List<JsonNode> copy = new ArrayList<>();
      for (JsonNode citation : citations) {
        copy.add(citation.deepCopy());
      }
      parts.add(() -> new TurnPart.CitedText(TurnPart.split(text, deltaSize), copy));
      return this;
    }

    /**
     * Adds a {@code server_tool_use} block, the model's call of a tool the API runs (web search,
     * code execution…); its input streams as {@code input_json_delta} fragments like {@link
     * #toolUse(String, String, String)}'s. It does not make the turn stop at {@code tool_use}.
     *
     * @param id the call's id, such as {@code srvtoolu_1}; its result names it
     * @param name the server tool, such as {@code web_search}
     * @param inputJson the input as JSON text, such as {@code {"query":"…"}}
     * @return this builder
     */
    public Builder serverToolUse(String id, String name, String inputJson) {
      Objects.requireNonNull(inputJson, "inputJson == null");
      ObjectNode head = callHead("server_tool_use", id, name);
      parts.add(
          () -> new TurnPart.ServerCall(head, inputJson, TurnPart.fragments(inputJson, deltaSize)));
      return this;
    }

    /**
     * Adds a {@code server_tool_use} block whose input is cut exactly where the test says.
     *
     * @param id the call's id, such as {@code srvtoolu_1}
     * @param name the server tool, such as {@code web_search}
     * @param fragments the {@code input_json_delta} texts in order; joined, they are the input
     * @return this builder
     */
    public Builder serverToolUseFragments(String id, String name, String... fragments) {
      ObjectNode head = callHead("server_tool_use", id, name);
      List<String> copy = List.of(fragments);
      parts.add(() -> new TurnPart.ServerCall(head, String.join("", copy), copy));
      return this;
    }

    /**
     * Adds the API's result of a server tool call, of any {@code *_tool_result} type, sent whole
     * in its {@code content_block_start} as the API does.
     *
     * @param type the block type, such as {@code web_search_tool_result} or {@code
     *     bash_code_execution_tool_result}
     * @param toolUseId the id of the {@code server_tool_use} it answers
     * @param content the result's {@code content}: a list of results, a result object, or an
     *     error object such as {@code {"type":"web_search_tool_result_error","error_code":…}}
     * @return this builder
     */
    public Builder serverToolResult(String type, String toolUseId, JsonNode content) {
      ObjectNode block = Json.MAPPER.createObjectNode().put("type", type);
      block.put("tool_use_id", Objects.requireNonNull(toolUseId, "toolUseId == null"));
      block.set("content", content.deepCopy());
      return block(block);
    }

    /**
     * Adds a {@code web_search_tool_result}, as {@link #serverToolResult} does.
     *
     * @param toolUseId the id of the search call it answers
     * @param content the results, each {@code {"type":"web_search_result","url":…,"title":…,
     *     "encrypted_content":…,"page_age":…}}, or an error object
     * @return this builder
     */
    public Builder webSearchResult(String toolUseId, JsonNode content) {
      return serverToolResult("web_search_tool_result", toolUseId, content);
    }

    /**
     * Adds a {@code web_fetch_tool_result}, as {@link #serverToolResult} does.
     *
     * @param toolUseId the id of the fetch call it answers
     * @param content the {@code web_fetch_result} object with its document, or an error object
     * @return this builder
     */
    public Builder webFetchResult(String toolUseId, JsonNode content) {
      return serverToolResult("web_fetch_tool_result", toolUseId, content);
    }

    /**
     * Adds a {@code code_execution_tool_result}, as {@link #serverToolResult} does.
     *
     * @param toolUseId the id of the {@code code_execution} call it answers
     * @param content the {@code code_execution_result} object (stdout, stderr, return code), or
     *     an error object
     * @return this builder
     */
    public Builder codeExecutionResult(String toolUseId, JsonNode content) {
      return serverToolResult("code_execution_tool_result", toolUseId, content);
    }

    /**
     * Adds a {@code bash_code_execution_tool_result}, as {@link #serverToolResult} does.
     *
     * @param toolUseId the id of the {@code bash_code_execution} call it answers
     * @param content the {@code bash_code_execution_result} object, or an error object
     * @return this builder
     */
    public Builder bashCodeExecutionResult(String toolUseId, JsonNode content) {
      return serverToolResult("bash_code_execution_tool_result", toolUseId, content);
    }

    /**
     * Adds a {@code text_editor_code_execution_tool_result}, as {@link #serverToolResult} does.
     *
     * @param toolUseId the id of the {@code text_editor_code_execution} call it answers
     * @param content the view, create or edit result object, or an error object
     * @return this builder
     */
    public Builder textEditorCodeExecutionResult(String toolUseId, JsonNode content) {
      return serverToolResult("text_editor_code_execution_tool_result", toolUseId, content);
    }

    /**
     * Adds a {@code tool_search_tool_result}, as {@link #serverToolResult} does.
     *
     * @param toolUseId the id of the tool search call it answers
     * @param content the {@code tool_search_tool_search_result} object with its {@code
     *     tool_references}, or an error object
     * @return this builder
     */
    public Builder toolSearchResult(String toolUseId, JsonNode content) {
      return serverToolResult("tool_search_tool_result", toolUseId, content);
    }

    /**
     * Adds an {@code mcp_tool_use} block, a call the API makes to an MCP server; its input streams
     * as {@code input_json_delta} fragments. It does not make the turn stop at {@code tool_use}.
     *
     * @param id the call's id, such as {@code mcptoolu_1}
     * @param serverName the MCP server's name, as in the request's {@code mcp_servers}
     * @param name the MCP tool's name
     * @param inputJson the input as JSON text
     * @return this builder
     */
    public Builder mcpToolUse(String id, String serverName, String name, String inputJson) {
      Objects.requireNonNull(inputJson, "inputJson == null");
      ObjectNode head = callHead("mcp_tool_use", id, name);
      head.put("server_name", Objects.requireNonNull(serverName, "serverName == null"));
      parts.add(
          () -> new TurnPart.ServerCall(head, inputJson, TurnPart.fragments(inputJson, deltaSize)));
      return this;
    }

    /**
     * Adds an {@code mcp_tool_result} block, the MCP server's answer, sent whole.
     *
     * @param toolUseId the id of the {@code mcp_tool_use} it answers
     * @param text the result's text, sent as one text block
     * @param isError whether the server reported a failure
     * @return this builder
     */
    public Builder mcpToolResult(String toolUseId, String text, boolean isError) {
      ObjectNode block = Json.MAPPER.createObjectNode().put("type", "mcp_tool_result");
      block.put("tool_use_id", Objects.requireNonNull(toolUseId, "toolUseId == null"));
      block.put("is_error", isError);
      block.putArray("content").addObject().put("type", "text").put("text", text);
      return block(block);
    }

    /**
     * Adds a {@code container_upload} block, a file handed to the code execution tool.
     *
     * @param fileId the file's id, such as {@code file_011CNha8iCJcU1wXNR6q4V8w}
     * @return this builder
     */
    public Builder containerUpload(String fileId) {
      ObjectNode block = Json.MAPPER.createObjectNode().put("type", "container_upload");
      return block(block.put("file_id", Objects.requireNonNull(fileId, "fileId == null")));
    }

    /**
     * Names the code execution container the turn ran in, sent as {@code container} in the
     * {@code message_delta}'s delta (and on the whole message), for a client to reuse.
     *
     * @param id the container's id, such as {@code container_011CNha8}
     * @param expiresAt when it expires, an ISO 8601 time such as {@code 2026-12-02T10:00:00Z}
     * @return this builder
     */
    public Builder container(String id, String expiresAt) {
      container = Json.MAPPER.createObjectNode();
      container.put("id", Objects.requireNonNull(id, "id == null"));
      container.put("expires_at", Objects.requireNonNull(expiresAt, "expiresAt == null"));
      return this;
    }

    private static ObjectNode callHead(String type, String id, String name) {
      return Json.MAPPER
          .createObjectNode()
          .put("type", type)
          .put("id", Objects.requireNonNull(id, "id == null"))
          .put("name", Objects.requireNonNull(name, "name == null"));
    }

    /**
     * Adds a {@code ping} event here: right after {@code message_start} if no block came yet.
     *
     * @return this builder
     */
    public Builder ping() {
      parts.add(TurnPart.Ping::new);
      return this;
    }

    /**
     * Adds an event of any name here, such as one a client does not know yet. It counts as an
     * event for the interruptions.
     *
     * @param name the {@code event:} field
     * @param data the event's data; each line of it is sent as one {@code data:} field
     * @return this builder
     */
    public Builder event(String name, String data) {
      Objects.requireNonNull(name, "name == null");
      Objects.requireNonNull(data, "data == null");
      parts.add(() -> new TurnPart.Event(name, data));
      return this;
    }

    /**
     * Adds an SSE comment line here, which readers must skip. It is not an event, so it does not
     * count for the interruptions.
     *
     * @param text what follows {@code : } on the line
     * @return this builder
     */
    public Builder comment(String text) {
      Objects.requireNonNull(text, "text == null");
      parts.add(() -> new TurnPart.Comment(text));
      return this;
    }

    /**
     * Adds a point where the server flushes what came before and then waits until {@code gate}
     * opens (or the client closes); see {@link StreamGate}. Not an event: it sends nothing and
     * does not count for {@link #errorEventAfter}, {@link #disconnectAfter} or {@link #stallAfter}.
     *
     * @param gate the gate to wait at; one gate may hold several streams
     * @return this builder
     */
    public Builder hold(StreamGate gate) {
      Objects.requireNonNull(gate, "gate == null");
      parts.add(() -> new TurnPart.Gate(gate));
      return this;
    }

    /**
     * Overrides the stop reason, for cases such as {@code max_tokens}, {@code refusal} or a reason
     * a client does not know yet.
     *
     * @param stopReason the reason to send; by default {@code tool_use} if there is a tool call,
     *     else {@code end_turn}
     * @return this builder
     */
    public Builder stopReason(String stopReason) {
      this.stopReason = Objects.requireNonNull(stopReason, "stopReason == null");
      return this;
    }

    /**
     * Ends the turn as a refusal: stop reason {@code refusal} and {@code stop_details} of type
     * {@code refusal} with the category and explanation, as the API sends them.
     *
     * @param category the policy category, such as {@code cyber}; null sends {@code null}
     * @param explanation the explanation; null sends {@code null}
     * @return this builder
     */
    public Builder refusal(@Nullable String category, @Nullable String explanation) {
      ObjectNode details = Json.MAPPER.createObjectNode().put("type", "refusal");
      details.put("category", category).put("explanation", explanation);
      this.stopReason = "refusal";
      this.stopDetails = details;
      return this;
    }

    /**
     * Sets the {@code stop_details} sent in {@code message_delta}'s delta and in the non-streaming
     * message, as given. The stop reason is not changed.
     *
     * @param stopDetails the details object; copied, so later changes do not show
     * @return this builder
     */
    public Builder stopDetails(ObjectNode stopDetails) {
      this.stopDetails = Objects.requireNonNull(stopDetails, "stopDetails == null").deepCopy();
      return this;
    }

    /**
     * Sets the response's {@code context_management}, which reports the edits the API applied:
     * sent on {@code message_delta} beside its {@code delta}, as the API does, and in the
     * non-streaming message.
     *
     * @param contextManagement such as {@code {"applied_edits":[{"type":
     *     "clear_tool_uses_20250919","cleared_tool_uses":3,"cleared_input_tokens":4200}]}}; copied
     * @return this builder
     */
    public Builder contextManagement(ObjectNode contextManagement) {
      this.contextManagement =
          Objects.requireNonNull(contextManagement, "contextManagement == null").deepCopy();
      return this;
    }

    /**
     * Sets the stop sequence that ended the turn. The stop reason is not changed: set it to {@code
     * stop_sequence} too.
     *
     * @param stopSequence the sequence sent in {@code message_delta}; by default null
     * @return this builder
     */
    public Builder stopSequence(String stopSequence) {
      this.stopSequence = Objects.requireNonNull(stopSequence, "stopSequence == null");
      return this;
    }

    /**
     * Sets the input and output token counts; by default 10 and 10. As the API does, {@code
     * message_start} carries the input tokens and 1 output token, {@code message_delta} the output
     * tokens.
     *
     * @param inputTokens the prompt's tokens, 0 or more
     * @param outputTokens the reply's tokens, 0 or more
     * @return this builder
     * @throws IllegalArgumentException if a count is negative
     */
    public Builder usage(int inputTokens, int outputTokens) {
      this.inputTokens = requireCount(inputTokens, "inputTokens");
      this.outputTokens = requireCount(outputTokens, "outputTokens");
      return this;
    }

    /**
     * Sets the prompt-cache token counts, sent in {@code message_start}.
     *
     * @param creationInputTokens {@code cache_creation_input_tokens}, 0 or more; 0 by default
     * @param readInputTokens {@code cache_read_input_tokens}, 0 or more; 0 by default
     * @return this builder
     * @throws IllegalArgumentException if a count is negative
     */
    public Builder cacheUsage(int creationInputTokens, int readInputTokens) {
      this.cacheCreationInputTokens = requireCount(creationInputTokens, "creationInputTokens");
      this.cacheReadInputTokens = requireCount(readInputTokens, "readInputTokens");
      return this;
    }

    /**
     * Splits the cache writes by time to live, as the API's {@code usage.cache_creation} does, and
     * sets {@code cache_creation_input_tokens} to their sum; sent in {@code message_start}. Without
     * it no {@code cache_creation} is sent.
     *
     * @param ephemeral5mInputTokens {@code ephemeral_5m_input_tokens}, 0 or more
     * @param ephemeral1hInputTokens {@code ephemeral_1h_input_tokens}, 0 or more
     * @return this builder
     * @throws IllegalArgumentException if a count is negative
     */
    public Builder cacheCreation(int ephemeral5mInputTokens, int ephemeral1hInputTokens) {
      int fiveMinutes = requireCount(ephemeral5mInputTokens, "ephemeral5mInputTokens");
      int oneHour = requireCount(ephemeral1hInputTokens, "ephemeral1hInputTokens");
      this.cacheCreation = new int[] {fiveMinutes, oneHour};
      this.cacheCreationInputTokens = Math.addExact(fiveMinutes, oneHour);
      return this;
    }

    /**
     * Sets how many code points each generated delta or tool input fragment holds; 16 by default.
     * Applies to every block added without explicit deltas, before or after this call.
     *
     * @param codePoints the size of each piece, at least 1; the last piece of a block may be
     *     shorter
     * @return this builder
     * @throws IllegalArgumentException if {@code codePoints} is less than 1
     */
    public Builder deltaSize(int codePoints) {
      if (codePoints < 1) {
        throw new IllegalArgumentException("deltaSize must be at least 1, was " + codePoints);
      }
      this.deltaSize = codePoints;
      return this;
    }

    /**
     * Ends the stream after its first {@code events} events with an {@code error} event of {@code
     * type} and {@code message} (such as {@code overloaded_error}, {@code Overloaded}); the body
     * then ends cleanly, with no {@code message_stop}.
     *
     * @param events how many events to send first, {@code message_start} included; 0 sends the
     *     error event alone
     * @param type the error event's {@code error.type}
     * @param message the error event's {@code error.message}
     * @return this builder
     * @throws IllegalArgumentException if {@code events} is negative; {@link #build()} rejects a
     *     count past the turn's end
     */
    public Builder errorEventAfter(int events, String type, String message) {
      Objects.requireNonNull(type, "type == null");
      Objects.requireNonNull(message, "message == null");
      return interrupt(Interruption.Kind.ERROR_EVENT, events, type, message);
    }

    /**
     * Closes the connection after some events, with no chunked terminator: a dropped stream.
     *
     * @param events how many events to send first, {@code message_start} included
     * @return this builder
     * @throws IllegalArgumentException if {@code events} is negative; {@link #build()} rejects a
     *     count past the turn's end
     */
    public Builder disconnectAfter(int events) {
      return interrupt(Interruption.Kind.DISCONNECT, events, "", "");
    }

    /**
     * Closes the connection partway through the body, wherever the byte count falls: inside a
     * line, a character or a CRLF pair.
     *
     * @param bytes how many bytes of the body to send first; a count past the end sends it all,
     *     still without the chunked terminator
     * @return this builder
     * @throws IllegalArgumentException if {@code bytes} is negative
     */
    public Builder disconnectAfterBytes(long bytes) {
      return interrupt(Interruption.Kind.DISCONNECT_BYTES, bytes, "", "");
    }

    /**
     * Sends the first {@code events} events, then keeps the connection open and silent until the
     * client closes it (a stall for timeout and cancellation tests).
     *
     * @param events how many events to send first, {@code message_start} included
     * @return this builder
     * @throws IllegalArgumentException if {@code events} is negative; {@link #build()} rejects a
     *     count past the turn's end
     */
    public Builder stallAfter(int events) {
      return interrupt(Interruption.Kind.STALL, events, "", "");
    }

    /**
     * Builds the turn, cutting text into deltas at the current {@link #deltaSize}. The builder may
     * be used again afterwards.
     *
     * @return an immutable turn, which may answer any number of requests
     * @throws IllegalArgumentException if an interruption counts more events than the turn has
     */
    public Turn build() {
      List<TurnPart> built = new ArrayList<>(parts.size());
      for (Supplier<TurnPart> part : parts) {
        built.add(part.get());
      }
      Turn turn = new Turn(this, built);
      Interruption cut = turn.interruption;
      if (cut == null || cut.kind() == Interruption.Kind.DISCONNECT_BYTES) {
        return turn;
      }
      int events = TurnEncoder.eventCount(turn);
      if (cut.count() > events) {
        throw new IllegalArgumentException(
            "The turn has "
                + events
                + " events; interrupt after 0 to "
                + events
                + ", not "
                + cut.count());
      }
      return turn;
    }

    private Builder interrupt(Interruption.Kind kind, long count, String type, String message) {
      if (count < 0) {
        throw new IllegalArgumentException("Interrupt after 0 or more, not " + count);
      }
      this.interruption = new Interruption(kind, count, type, message);
      return this;
    }

    private static int requireCount(int count, String name) {
      if (count < 0) {
        throw new IllegalArgumentException(name + " must be 0 or more, was " + count);
      }
      return count;
    }
  }
}
