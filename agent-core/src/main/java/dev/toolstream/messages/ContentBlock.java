package dev.toolstream.messages;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One block of a message's content. Blocks the library does not model arrive as {@link Unknown}
 * with their JSON kept, and are sent back unchanged.
 *
 * <p>Every modelled block also keeps the fields it arrived with that its components do not hold,
 * in {@code extraFields()}, and writes them back as they came: fields the library does not know
 * (such as {@code caller} on a {@code tool_use} made from code execution, or any field the API
 * adds later), and known fields in a spelling the component cannot hold (a {@code null} or empty
 * {@code citations}, a {@code null} {@code cache_control}). A component that holds a value is
 * written instead of an extra field of the same name.
 */
public sealed interface ContentBlock {

  /**
   * Names the block's kind as the API spells it.
   *
   * @return the wire {@code type}, such as {@code text} or {@code tool_use}; for {@link Unknown},
   *     its JSON's {@code type}, or an empty string if it has none
   */
  String type();

  /**
   * Returns the fields this block arrived with that its components do not hold, by wire name, to
   * be written back as they are; empty for a block built in code. {@link Unknown} keeps all of its
   * JSON in {@link Unknown#json()} instead and returns an empty map.
   *
   * @return an unmodifiable map from wire name to value, never null
   */
  Map<String, JsonNode> extraFields();

  /**
   * Makes a plain text block, the common case of a user's turn or a tool's output.
   *
   * @param text the text, not null; may be empty, though the API rejects empty text in a request
   * @return a block with no citations, no caching breakpoint and no other fields
   */
  static Text text(String text) {
    return new Text(text, List.of(), null);
  }

  /**
   * Text, in either direction.
   *
   * @param text the text
   * @param citations the citations the model attached, as the API sent them; empty if none
   * @param cacheControl a caching breakpoint after this block, or null for none
   * @param extraFields the other fields it arrived with (see {@link ContentBlock}); a {@code
   *     citations} entry here is dropped once {@code citations} holds any
   */
  record Text(
      String text,
      List<JsonNode> citations,
      @Nullable CacheControl cacheControl,
      Map<String, JsonNode> extraFields)
      implements ContentBlock {
    /**
     * Checks the text is present and copies the lists.
     *
     * @param text the text, not null; may be empty
     * @param citations the citations, copied; empty for none
     * @param cacheControl a caching breakpoint after this block, or null for none
     * @param extraFields the other fields it arrived with, copied in their order; empty for none;
     *     a {@code citations} entry is dropped when {@code citations} is not empty
     */
    public Text {
      Objects.requireNonNull(text, "text == null");
      citations = List.copyOf(citations);
      extraFields =
          citations.isEmpty()
              ? ExtraFields.copyOf(extraFields)
              : ExtraFields.without(extraFields, "citations");
    }

    /**
     * Makes a text block built in code, with no fields from the wire.
     *
     * @param text the text, not null; may be empty
     * @param citations the citations to send; empty for none, never null
     * @param cacheControl a caching breakpoint after this block, or null for none
     */
    public Text(String text, List<JsonNode> citations, @Nullable CacheControl cacheControl) {
      this(text, citations, cacheControl, Map.of());
    }

    /**
     * Marks the end of a cacheable prefix at this block.
     *
     * @param cacheControl the breakpoint, such as {@link CacheControl#ephemeral()}
     * @return a copy with the breakpoint, the text, citations and other fields unchanged
     */
    public Text withCacheControl(CacheControl cacheControl) {
      return new Text(text, citations, cacheControl, extraFields);
    }

    @Override
    public String type() {
      return "text";
    }
  }

  /**
   * An image sent to the model.
   *
   * @param source the API's source object: {@code {"type":"base64","media_type":…,"data":…}} or
   *     {@code {"type":"url","url":…}}
   * @param cacheControl a caching breakpoint after this block, or null for none
   * @param extraFields the other fields it arrived with (see {@link ContentBlock})
   */
  record Image(
      JsonNode source, @Nullable CacheControl cacheControl, Map<String, JsonNode> extraFields)
      implements ContentBlock {
    /**
     * Checks the source is present and copies the other fields.
     *
     * @param source the API's source object, not null; its content is not checked here
     * @param cacheControl a caching breakpoint after this block, or null for none
     * @param extraFields the other fields it arrived with, copied in their order; empty for none
     */
    public Image {
      Objects.requireNonNull(source, "source == null");
      extraFields = ExtraFields.copyOf(extraFields);
    }

    /**
     * Makes an image block built in code, with no fields from the wire.
     *
     * @param source the API's source object (see {@link Image}), sent as it is
     * @param cacheControl a caching breakpoint after this block, or null for none
     */
    public Image(JsonNode source, @Nullable CacheControl cacheControl) {
      this(source, cacheControl, Map.of());
    }

    /**
     * Makes an image block that carries its bytes inline.
     *
     * @param mediaType the image's type, such as {@code image/png} or {@code image/jpeg}; sent as
     *     it is, the API checks it
     * @param data the image bytes in base64, without a {@code data:} prefix
     * @return an image block with no caching breakpoint
     */
    public static Image base64(String mediaType, String data) {
      ObjectNode source = JsonNodeFactory.instance.objectNode();
      source.put("type", "base64").put("media_type", mediaType).put("data", data);
      return new Image(source, null);
    }

    /**
     * Makes an image block that the API fetches itself, so the bytes never pass through this
     * client.
     *
     * @param url the image's address, which the API must be able to reach; not checked here
     * @return an image block with no caching breakpoint
     */
    public static Image url(String url) {
      ObjectNode source = JsonNodeFactory.instance.objectNode();
      source.put("type", "url").put("url", url);
      return new Image(source, null);
    }

    @Override
    public String type() {
      return "image";
    }
  }

  /**
   * A document (PDF or plain text) sent to the model.
   *
   * @param source the API's source object, such as {@code {"type":"base64","media_type":
   *     "application/pdf","data":…}} or {@code {"type":"text","media_type":"text/plain","data":…}}
   * @param title an optional title
   * @param cacheControl a caching breakpoint after this block, or null for none
   * @param extraFields the other fields it arrived with, such as {@code citations} or {@code
   *     context} (see {@link ContentBlock})
   */
  record Document(
      JsonNode source,
      @Nullable String title,
      @Nullable CacheControl cacheControl,
      Map<String, JsonNode> extraFields)
      implements ContentBlock {
    /**
     * Checks the source is present and copies the other fields.
     *
     * @param source the API's source object, not null; its content is not checked here
     * @param title a title, or null for none
     * @param cacheControl a caching breakpoint after this block, or null for none
     * @param extraFields the other fields it arrived with, copied in their order; empty for none
     */
    public Document {
      Objects.requireNonNull(source, "source == null");
      extraFields = ExtraFields.copyOf(extraFields);
    }

    /**
     * Makes a document block built in code, with no fields from the wire.
     *
     * @param source the API's source object (see {@link Document}), sent as it is
     * @param title a title shown to the model, or null for none
     * @param cacheControl a caching breakpoint after this block, or null for none
     */
    public Document(JsonNode source, @Nullable String title, @Nullable CacheControl cacheControl) {
      this(source, title, cacheControl, Map.of());
    }

    /**
     * Makes a document from text held in memory, sent with media type {@code text/plain}.
     *
     * @param text the document's whole text
     * @return a document block with no title and no caching breakpoint
     */
    public static Document plainText(String text) {
      ObjectNode source = JsonNodeFactory.instance.objectNode();
      source.put("type", "text").put("media_type", "text/plain").put("data", text);
      return new Document(source, null, null);
    }

    /**
     * Makes a PDF document that carries its bytes inline.
     *
     * @param base64Data the PDF's bytes in base64, without a {@code data:} prefix
     * @return a document block with no title and no caching breakpoint
     */
    public static Document pdf(String base64Data) {
      ObjectNode source = JsonNodeFactory.instance.objectNode();
      source.put("type", "base64").put("media_type", "application/pdf").put("data", base64Data);
      return new Document(source, null, null);
    }

    @Override
    public String type() {
      return "document";
    }
  }

  /**
   * The model's call of a client tool.
   *
   * <p>{@code input} is always a JSON object, as the API requires when the block is sent back. When
   * the streamed input was not valid JSON, {@code input} wraps the raw text and {@code invalidInput} keeps
   * the raw text and the parse error, so the loop can tell the model what went wrong.
   *
   * @param id the call's id, {@code toolu_…}
   * @param name the tool's name
   * @param input the parsed input object; when the input did not parse, {@code {"INVALID_JSON":
   *     raw}}, which the API accepts back in the history
   * @param invalidInput the raw text and parse error when the input did not parse; otherwise null
   * @param extraFields the other fields it arrived with, such as {@code caller} on a call made
   *     from code execution (see {@link ContentBlock})
   */
  record ToolUse(
      String id,
      String name,
      JsonNode input,
      @Nullable InvalidInput invalidInput,
      Map<String, JsonNode> extraFields)
      implements ContentBlock {
    /**
     * Checks the id, name and input are present and copies the other fields.
     *
     * @param id the call's id, not null
     * @param name the tool's name, not null
     * @param input the input object, not null; not checked to be an object here
     * @param invalidInput the raw text and parse error, or null if the input parsed
     * @param extraFields the other fields it arrived with, copied in their order; empty for none
     */
    public ToolUse {
      Objects.requireNonNull(id, "id == null");
      Objects.requireNonNull(name, "name == null");
      Objects.requireNonNull(input, "input == null");
      extraFields = ExtraFields.copyOf(extraFields);
    }

    /**
     * Makes a call built in code, such as a scripted one in a test, with no fields from the wire.
     *
     * @param id the call's id, {@code toolu_…}; a tool result answers it by this id
     * @param name the tool's name, as in its {@link ToolDefinition}
     * @param input the input object (see {@link ToolUse})
     * @param invalidInput the raw text and parse error if the input did not parse, or null
     */
    public ToolUse(String id, String name, JsonNode input, @Nullable InvalidInput invalidInput) {
      this(id, name, input, invalidInput, Map.of());
    }

    /**
     * Makes a call whose input parsed, with no fields from the wire.
     *
     * @param id the call's id, {@code toolu_…}; a tool result answers it by this id
     * @param name the tool's name, as in its {@link ToolDefinition}
     * @param input the parsed input object
     */
    public ToolUse(String id, String name, JsonNode input) {
      this(id, name, input, null, Map.of());
    }

    @Override
    public String type() {
      return "tool_use";
    }
  }

  /**
   * Streamed tool input that is not valid JSON.
   *
   * @param rawJson the text received, all fragments joined
   * @param error what the parser found wrong, with its position
   */
  record InvalidInput(String rawJson, String error) {
    /**
     * Checks both parts are present.
     *
     * @param rawJson the text received, not null; may be empty
     * @param error the parser's message, not null
     */
    public InvalidInput {
      Objects.requireNonNull(rawJson, "rawJson == null");
      Objects.requireNonNull(error, "error == null");
    }
  }

  /**
   * The result of a tool call, sent in a user message.
   *
   * @param toolUseId the id of the {@link ToolUse} this answers
   * @param content the result's blocks (text, image or document); a lone plain text block goes on
   *     the wire as a string
   * @param isError whether the call failed; the model reads the content as the error
   * @param cacheControl a caching breakpoint after this block, or null for none
   * @param extraFields the other fields it arrived with (see {@link ContentBlock})
   */
  record ToolResult(
      String toolUseId,
      List<ContentBlock> content,
      boolean isError,
      @Nullable CacheControl cacheControl,
      Map<String, JsonNode> extraFields)
      implements ContentBlock {
    /**
     * Checks the id is present and copies the lists.
     *
     * @param toolUseId the id of the call this answers, not null
     * @param content the result's blocks, copied; empty sends an empty result
     * @param isError whether the call failed; the model reads the content as the error
     * @param cacheControl a caching breakpoint after this block, or null for none
     * @param extraFields the other fields it arrived with, copied in their order; empty for none
     */
    public ToolResult {
      Objects.requireNonNull(toolUseId, "toolUseId == null");
      content = List.copyOf(content);
      extraFields = ExtraFields.copyOf(extraFields);
    }

    /**
     * Makes a result built in code, with no fields from the wire.
     *
     * @param toolUseId the id of the {@link ToolUse} this answers
     * @param content the result's blocks; empty sends an empty result
     * @param isError whether the call failed; the model reads the content as the error
     * @param cacheControl a caching breakpoint after this block, or null for none
     */
    public ToolResult(
        String toolUseId,
        List<ContentBlock> content,
        boolean isError,
        @Nullable CacheControl cacheControl) {
      this(toolUseId, content, isError, cacheControl, Map.of());
    }

    /**
     * Makes the common result: one text, such as a tool's output or its error message.
     *
     * @param toolUseId the id of the {@link ToolUse} this answers
     * @param text the output the model reads, or the error when {@code isError} is true
     * @param isError whether the call failed; the model reads the content as the error
     * @return a result with one text block and no caching breakpoint
     */
    public static ToolResult text(String toolUseId, String text, boolean isError) {
      return new ToolResult(toolUseId, List.of(ContentBlock.text(text)), isError, null);
    }

    @Override
    public String type() {
      return "tool_result";
    }
  }

  /**
   * The model's extended thinking. It must go back to the API unchanged, signature included.
   *
   * @param thinking the thinking text
   * @param signature the signature that proves the text came from the model
   * @param extraFields the other fields it arrived with (see {@link ContentBlock})
   */
  record Thinking(String thinking, String signature, Map<String, JsonNode> extraFields)
      implements ContentBlock {
    /**
     * Checks the text and signature are present and copies the other fields.
     *
     * @param thinking the thinking text, not null; may be empty
     * @param signature the signature, not null; not verified here
     * @param extraFields the other fields it arrived with, copied in their order; empty for none
     */
    public Thinking {
      Objects.requireNonNull(thinking, "thinking == null");
      Objects.requireNonNull(signature, "signature == null");
      extraFields = ExtraFields.copyOf(extraFields);
    }

    /**
     * Makes a thinking block with no fields from the wire, such as a scripted one in a test.
     *
     * @param thinking the thinking text
     * @param signature the signature the API gave with it; the API rejects a block whose signature
     *     does not match its text
     */
    public Thinking(String thinking, String signature) {
      this(thinking, signature, Map.of());
    }

    @Override
    public String type() {
      return "thinking";
    }
  }

  /**
   * Thinking the API encrypted; it must go back unchanged.
   *
   * @param data the opaque encrypted data
   * @param extraFields the other fields it arrived with (see {@link ContentBlock})
   */
  record RedactedThinking(String data, Map<String, JsonNode> extraFields) implements ContentBlock {
    /**
     * Checks the data is present and copies the other fields.
     *
     * @param data the encrypted data, not null
     * @param extraFields the other fields it arrived with, copied in their order; empty for none
     */
    public RedactedThinking {
      Objects.requireNonNull(data, "data == null");
      extraFields = ExtraFields.copyOf(extraFields);
    }

    /**
     * Makes a redacted thinking block with no fields from the wire.
     *
     * @param data the opaque encrypted data, exactly as the API sent it
     */
    public RedactedThinking(String data) {
      this(data, Map.of());
    }

    @Override
    public String type() {
      return "redacted_thinking";
    }
  }

  /**
   * The model's call of a tool that runs on the API's side, such as web search or code execution.
   * Its input streams like a client tool's, but no client code runs it: its answer, a {@link
   * ServerToolResult}, follows in the same reply (or in the next, after a {@code pause_turn}).
   *
   * @param id the call's id, {@code srvtoolu_…}
   * @param name the tool's name, such as {@code web_search}, {@code code_execution} or {@code
   *     bash_code_execution}
   * @param input the input the model gave, usually an object such as {@code {"query":"…"}}
   * @param extraFields the other fields it arrived with, such as {@code caller} (see {@link
   *     ContentBlock})
   */
  record ServerToolUse(String id, String name, JsonNode input, Map<String, JsonNode> extraFields)
      implements ContentBlock {
    /**
     * Checks the id, name and input are present and copies the other fields.
     *
     * @param id the call's id, not null
     * @param name the tool's name, not null
     * @param input the input, not null
     * @param extraFields the other fields it arrived with, copied in their order; empty for none
     */
    public ServerToolUse {
      Objects.requireNonNull(id, "id == null");
      Objects.requireNonNull(name, "name == null");
      Objects.requireNonNull(input, "input == null");
      extraFields = ExtraFields.copyOf(extraFields);
    }

    @Override
    public String type() {
      return "server_tool_use";
    }
  }

  /**
   * The API's answer to a {@link ServerToolUse}: every block type {@code *_tool_result} that
   * answers one, such as {@code web_search_tool_result}, {@code web_fetch_tool_result}, {@code
   * code_execution_tool_result}, {@code bash_code_execution_tool_result}, {@code
   * text_editor_code_execution_tool_result} and {@code tool_search_tool_result}, and any the API
   * adds by the same rule. Its content is kept as the API sent it.
   *
   * @param type the block's wire type, such as {@code web_search_tool_result}
   * @param toolUseId the id of the {@link ServerToolUse} this answers
   * @param content the result as sent: a list of results, or one result or error object
   * @param extraFields the other fields it arrived with, such as {@code caller} (see {@link
   *     ContentBlock})
   */
  record ServerToolResult(
      String type, String toolUseId, JsonNode content, Map<String, JsonNode> extraFields)
      implements ContentBlock {
    /**
     * Checks the parts are present and copies the other fields.
     *
     * @param type the wire type, not null; it should end with {@code _tool_result}
     * @param toolUseId the id of the call this answers, not null
     * @param content the result, not null
     * @param extraFields the other fields it arrived with, copied in their order; empty for none
     */
    public ServerToolResult {
      Objects.requireNonNull(type, "type == null");
      Objects.requireNonNull(toolUseId, "toolUseId == null");
      Objects.requireNonNull(content, "content == null");
      extraFields = ExtraFields.copyOf(extraFields);
    }

    /**
     * Tells whether the tool failed, as the API says with an error object for content (such as
     * {@code {"type":"web_search_tool_result_error","error_code":"max_uses_exceeded"}}).
     *
     * @return true if the content is an object whose {@code type} ends with {@code _error}
     */
    public boolean isError() {
      return content.path("type").asString("").endsWith("_error");
    }
  }

  /**
   * The model's call of a tool on an {@link McpServer}, which the API makes itself (the MCP
   * connector); no client code runs it, and a {@link McpToolResult} answers it in the same reply.
   *
   * @param id the call's id, {@code mcptoolu_…}
   * @param name the MCP tool's name
   * @param serverName the name of the server it belongs to
   * @param input the input the model gave
   * @param extraFields the other fields it arrived with (see {@link ContentBlock})
   */
  record McpToolUse(
      String id, String name, String serverName, JsonNode input, Map<String, JsonNode> extraFields)
      implements ContentBlock {
    /**
     * Checks the parts are present and copies the other fields.
     *
     * @param id the call's id, not null
     * @param name the tool's name, not null
     * @param serverName the server's name, not null
     * @param input the input, not null
     * @param extraFields the other fields it arrived with, copied in their order; empty for none
     */
    public McpToolUse {
      Objects.requireNonNull(id, "id == null");
      Objects.requireNonNull(name, "name == null");
      Objects.requireNonNull(serverName, "serverName == null");
      Objects.requireNonNull(input, "input == null");
      extraFields = ExtraFields.copyOf(extraFields);
    }

    @Override
    public String type() {
      return "mcp_tool_use";
    }
  }

  /**
   * What an MCP server answered to a {@link McpToolUse}, as the API relayed it.
   *
   * @param toolUseId the id of the call this answers
   * @param content the result as sent: a string, or a list of text blocks
   * @param isError whether the server reported a failure
   * @param extraFields the other fields it arrived with, including an {@code is_error} of {@code
   *     false} (see {@link ContentBlock})
   */
  record McpToolResult(
      String toolUseId, JsonNode content, boolean isError, Map<String, JsonNode> extraFields)
      implements ContentBlock {
    /**
     * Checks the parts are present and copies the other fields.
     *
     * @param toolUseId the id of the call this answers, not null
     * @param content the result, not null
     * @param isError whether the server reported a failure
     * @param extraFields the other fields it arrived with, copied in their order; empty for none
     */
    public McpToolResult {
      Objects.requireNonNull(toolUseId, "toolUseId == null");
      Objects.requireNonNull(content, "content == null");
      extraFields = ExtraFields.copyOf(extraFields);
    }

    /**
     * Returns the result's text: the string, or the texts of its blocks joined.
     *
     * @return the text, empty if there is none
     */
    public String text() {
      if (content.isString()) {
        return content.asString();
      }
      StringBuilder text = new StringBuilder();
      for (JsonNode block : content) {
        text.append(block.path("text").asString(""));
      }
      return text.toString();
    }

    @Override
    public String type() {
      return "mcp_tool_result";
    }
  }

  /**
   * A summary of the conversation before it, written by server-side compaction ({@link
   * ContextManagement#compact()}). It must go back in its place: the API then ignores every block
   * before it and goes on from the summary. A block whose {@code content} is null records a
   * compaction that failed; the API treats it as no summary at all.
   *
   * @param content the summary, or null if the compaction failed
   * @param encryptedContent opaque data of the compaction, sent back as it came; null if none
   * @param cacheControl a caching breakpoint after this block, or null for none
   * @param extraFields the other fields it arrived with, such as a {@code content} of {@code null}
   *     (see {@link ContentBlock})
   */
  record Compaction(
      @Nullable String content,
      @Nullable String encryptedContent,
      @Nullable CacheControl cacheControl,
      Map<String, JsonNode> extraFields)
      implements ContentBlock {
    /**
     * Copies the other fields, dropping an entry that a component holds.
     *
     * @param content the summary, or null
     * @param encryptedContent the opaque data, or null
     * @param cacheControl a caching breakpoint after this block, or null for none
     * @param extraFields the other fields, copied in their order; a {@code content} or {@code
     *     encrypted_content} entry is dropped when that component holds a value
     */
    public Compaction {
      Map<String, JsonNode> extra = ExtraFields.copyOf(extraFields);
      if (content != null && extra.containsKey("content")) {
        extra = ExtraFields.without(extra, "content");
      }
      if (encryptedContent != null && extra.containsKey("encrypted_content")) {
        extra = ExtraFields.without(extra, "encrypted_content");
      }
      extraFields = extra;
    }

    /**
     * Makes a compaction block with no fields from the wire, such as a scripted one in a test.
     *
     * @param content the summary, or null for a failed compaction
     * @param encryptedContent the opaque data the API gave with it, or null
     */
    public Compaction(@Nullable String content, @Nullable String encryptedContent) {
      this(content, encryptedContent, null, Map.of());
    }

    /**
     * Tells whether this block replaces the conversation before it, which a failed compaction
     * does not.
     *
     * @return true if the block holds a summary
     */
    public boolean hasSummary() {
      return content != null;
    }

    /**
     * Caches the conversation up to and including the summary.
     *
     * @param cacheControl the breakpoint, such as {@link CacheControl#ephemeral()}
     * @return a copy with the breakpoint and the same summary and other fields
     */
    public Compaction withCacheControl(CacheControl cacheControl) {
      return new Compaction(content, encryptedContent, cacheControl, extraFields);
    }

    @Override
    public String type() {
      return "compaction";
    }
  }

  /**
   * A file the code execution tool was given, by its Files API id.
   *
   * @param fileId the file's id, {@code file_…}
   * @param extraFields the other fields it arrived with (see {@link ContentBlock})
   */
  record ContainerUpload(String fileId, Map<String, JsonNode> extraFields) implements ContentBlock {
    /**
     * Checks the id is present and copies the other fields.
     *
     * @param fileId the file's id, not null
     * @param extraFields the other fields it arrived with, copied in their order; empty for none
     */
    public ContainerUpload {
      Objects.requireNonNull(fileId, "fileId == null");
      extraFields = ExtraFields.copyOf(extraFields);
    }

    /**
     * Makes a block that hands a file to the code execution tool, for a user message.
     *
     * @param fileId the file's id from the Files API
     */
    public ContainerUpload(String fileId) {
      this(fileId, Map.of());
    }

    @Override
    public String type() {
      return "container_upload";
    }
  }

  /**
   * A block this library does not model, such as one the API added after this library, kept
   * exactly as received and sent back the same way.
   *
   * @param json the block's JSON object, {@code type} included
   */
  record Unknown(JsonNode json) implements ContentBlock {
    /**
     * Checks the JSON is present; it is kept as it is, not copied.
     *
     * @param json the block's JSON, not null; a block without {@code type} has an empty {@link
     *     #type()}
     */
    public Unknown {
      Objects.requireNonNull(json, "json == null");
    }

    @Override
    public String type() {
      JsonNode type = json.get("type");
      return type == null ? "" : type.asString();
    }

    /** Returns an empty map: every field is in {@link #json()}. */
    @Override
    public Map<String, JsonNode> extraFields() {
      return Map.of();
    }
  }
}
