package dev.toolstream.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The streams and messages in src/test/resources/conformance: real recordings of today's Messages
 * API features, and streams built from the documented shapes where no recording is published. Each
 * stream's first line says where it came from; the README there lists them all.
 *
 * <p>It also reads them the way the official SDKs do, on plain JSON and without Toolstream's own
 * code, so that tests can hold Toolstream to what the wire says: {@link #expectedMessage} applies
 * the deltas to the blocks of {@code content_block_start}, and {@link #requestShape} gives a block
 * as a request sends it back.
 */
public final class RecordedStreams {
  /**
   * Reads numbers exactly, as the API wrote them, so that {@code 2.50} compares equal to itself.
   */
  private static final JsonMapper JSON =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          .build();

  /** The citation types whose request shape has no {@code file_id} (the API reference's params). */
  private static final Set<String> CITATIONS_WITHOUT_FILE_ID =
      Set.of("char_location", "page_location", "content_block_location");

  /**
   * One recorded conversation: the bodies of the API's responses to consecutive requests.
   *
   * @param name what it shows
   * @param turns the resource names of its streams, in order
   */
  public record Recording(String name, List<String> turns) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** Every recorded or built conversation, one stream per turn. */
  public static final List<Recording> ALL =
      List.of(
          one("web_search_citations.sse"),
          one("web_search_then_refusal.sse"),
          one("web_fetch.sse"),
          one("web_fetch_dynamic_filtering.sse"),
          one("code_execution_bash_text_editor.sse"),
          one("container_upload_code_execution.sse"),
          turns("tool_search_bm25", 2),
          turns("tool_search_regex_deferred", 3),
          one("mcp_connector.sse"),
          one("compaction.sse"),
          one("compaction_encrypted.sse"),
          one("context_editing_thinking.sse"),
          one("context_management_applied_edits.sse"),
          turns("interleaved_thinking_tools", 2),
          turns("programmatic_tool_calling", 3),
          one("message_start_prepopulated_content.sse"),
          turns("pause_turn_web_search", 2),
          one("refusal_stop_details.sse"),
          one("refusal_no_content.sse"),
          one("model_context_window_exceeded.sse"),
          one("search_result_citations.sse"),
          one("usage_cache_ttl_and_server_tools.sse"),
          one("tool_use_direct_caller.sse"),
          one("fallback_block.sse"),
          one("advisor_tool_result.sse"),
          one("unknown_types.sse"));

  /** Every whole (non-streaming) response body. */
  public static final List<String> MESSAGES =
      List.of(
          "web_search.message.json",
          "web_fetch.message.json",
          "code_execution.message.json",
          "code_execution_file_upload.message.json",
          "tool_search_bm25.message.json",
          "mcp_connector.message.json",
          "compaction.message.json",
          "context_editing.message.json",
          "programmatic_tool_calling.message.json",
          "refusal.message.json");

  private RecordedStreams() {}

  private static Recording one(String file) {
    return new Recording(file.replace(".sse", ""), List.of(file));
  }

  private static Recording turns(String name, int count) {
    List<String> files = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      files.add(name + "." + i + ".sse");
    }
    return new Recording(name, files);
  }

  /** Returns every stream of every recording. */
  public static List<String> allStreams() {
    List<String> files = new ArrayList<>();
    ALL.forEach(recording -> files.addAll(recording.turns()));
    return files;
  }

  /** Returns the bytes of resource {@code name}. */
  public static byte[] bytes(String name) {
    try (InputStream in = RecordedStreams.class.getResourceAsStream("/conformance/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no recording " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns resource {@code name} as text. */
  public static String text(String name) {
    return new String(bytes(name), StandardCharsets.UTF_8);
  }

  /** Returns resource {@code name} parsed as JSON. */
  public static JsonNode json(String name) {
    return parse(text(name));
  }

  /** Parses {@code text} as JSON with every number exact, as the recordings are read. */
  public static JsonNode parse(String text) {
    return JSON.readTree(text);
  }

  /**
   * Returns the data of each event of stream {@code name}, in order. The recordings use LF line
   * ends, one {@code data} line per event and comment lines only, so this reads them plainly.
   */
  public static List<JsonNode> events(String name) {
    List<JsonNode> events = new ArrayList<>();
    for (String line : text(name).split("\n")) {
      if (line.startsWith("data: ")) {
        events.add(JSON.readTree(line.substring("data: ".length())));
      }
    }
    return events;
  }

  /**
   * Returns the message stream {@code name} describes, accumulated as the official SDKs do: blocks
   * in {@code message_start} first, each {@code content_block_start} block with its deltas applied
   * (text, thinking and signature appended, citations added, input fragments joined and parsed at
   * the stop when there are any, {@code compaction_delta} fields set), the model the last {@code
   * fallback} block names as the one that served the response, delta types no SDK knows passed
   * over, and {@code message_delta} values (its delta's, its usage's and the {@code
   * context_management} beside them) replacing the message's field by field, a null never replacing
   * a value; other fields beside the delta change nothing.
   */
  public static ObjectNode expectedMessage(String name) {
    ObjectNode message = null;
    ArrayNode content = null;
    Map<Integer, StringBuilder> inputs = new HashMap<>();
    for (JsonNode event : events(name)) {
      switch (event.get("type").asString()) {
        case "message_start" -> {
          message = (ObjectNode) event.get("message").deepCopy();
          content = (ArrayNode) message.get("content");
        }
        case "content_block_start" -> {
          if (event.get("index").asInt() != content.size()) {
            throw new IllegalStateException("recording " + name + " skips a block index");
          }
          JsonNode block = event.get("content_block");
          content.add(block.deepCopy());
          if (block.get("type").asString().equals("fallback")) {
            message.set("model", block.get("to").get("model"));
          }
        }
        case "content_block_delta" -> {
          int index = event.get("index").asInt();
          apply((ObjectNode) content.get(index), event.get("delta"), index, inputs);
        }
        case "content_block_stop" -> {
          StringBuilder input = inputs.remove(event.get("index").asInt());
          if (input != null && !input.toString().isBlank()) {
            ((ObjectNode) content.get(event.get("index").asInt()))
                .set("input", JSON.readTree(input.toString()));
          }
        }
        case "message_delta" -> {
          for (Map.Entry<String, JsonNode> field : event.get("delta").properties()) {
            replaceUnlessNull(message, field);
          }
          if (event.has("context_management")) {
            replaceUnlessNull(
                message, Map.entry("context_management", event.get("context_management")));
          }
          for (Map.Entry<String, JsonNode> field : event.path("usage").properties()) {
            replaceUnlessNull((ObjectNode) message.get("usage"), field);
          }
        }
        default -> {}
      }
    }
    return message;
  }

  private static void replaceUnlessNull(ObjectNode target, Map.Entry<String, JsonNode> field) {
    if (!field.getValue().isNull() || !target.has(field.getKey())) {
      target.set(field.getKey(), field.getValue());
    }
  }

  private static void apply(
      ObjectNode block, JsonNode delta, int index, Map<Integer, StringBuilder> inputs) {
    switch (delta.get("type").asString()) {
      case "text_delta" ->
          block.put("text", block.get("text").asString() + delta.get("text").asString());
      case "thinking_delta" ->
          block.put(
              "thinking", block.get("thinking").asString() + delta.get("thinking").asString());
      case "signature_delta" -> block.put("signature", delta.get("signature").asString());
      case "input_json_delta" ->
          inputs
              .computeIfAbsent(index, i -> new StringBuilder())
              .append(delta.get("partial_json").asString());
      case "citations_delta" -> {
        if (!block.path("citations").isArray()) {
          block.putArray("citations");
        }
        ((ArrayNode) block.get("citations")).add(delta.get("citation"));
      }
      case "compaction_delta" ->
          delta.properties().stream()
              .filter(field -> !field.getKey().equals("type"))
              .forEach(field -> block.set(field.getKey(), field.getValue()));
      default -> {}
    }
  }

  /**
   * Returns {@code block} as a request sends it back: every field as received, except the
   * response-only ones of the API reference (a {@code file_id} in a char, page or content-block
   * location citation) and a {@code caller} that is null (a request leaves it out instead).
   */
  public static JsonNode requestShape(JsonNode block) {
    ObjectNode copy = (ObjectNode) block.deepCopy();
    if (copy.has("caller") && copy.get("caller").isNull()) {
      copy.remove("caller");
    }
    if (copy.path("citations").isArray()) {
      for (JsonNode citation : copy.get("citations")) {
        if (CITATIONS_WITHOUT_FILE_ID.contains(citation.path("type").asString(""))) {
          ((ObjectNode) citation).remove("file_id");
        }
      }
    }
    return copy;
  }

  /** Returns the blocks of {@code content} as a request sends them back. */
  public static List<JsonNode> requestShape(ArrayNode content) {
    List<JsonNode> blocks = new ArrayList<>();
    content.forEach(block -> blocks.add(requestShape(block)));
    return blocks;
  }

  /**
   * Asserts that every field of {@code expected} is in {@code actual} with the same value, nested
   * objects field by field; a null expected value may also be absent. {@code actual} may hold more,
   * such as the usage counts a message always writes.
   */
  public static void assertHoldsEveryField(JsonNode actual, JsonNode expected) {
    assertHoldsEveryField(actual, expected, "");
  }

  private static void assertHoldsEveryField(JsonNode actual, JsonNode expected, String path) {
    for (Map.Entry<String, JsonNode> field : expected.properties()) {
      String where = path + "/" + field.getKey();
      JsonNode value = actual.get(field.getKey());
      if (field.getValue().isNull()) {
        assertThat(value == null || value.isNull()).as(where + " is null or absent").isTrue();
      } else if (field.getValue().isObject() && value != null && value.isObject()) {
        assertHoldsEveryField(value, field.getValue(), where);
      } else {
        assertThat(value).as(where).isEqualTo(field.getValue());
      }
    }
  }
}
