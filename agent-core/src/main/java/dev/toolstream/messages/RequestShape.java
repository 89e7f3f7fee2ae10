package dev.toolstream.messages;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns response blocks into the request blocks that send them back. A block goes back with every
 * field it came with, known or not, except the response-only fields of the API reference, which a
 * request must not carry. They are, as the API reference (and the official SDKs' {@code toParam()})
 * has them:
 *
 * <ul>
 *   <li>{@code file_id} in a {@code char_location}, {@code page_location} or {@code
 *       content_block_location} citation: the request shapes of those citations have no such field;
 *   <li>a {@code null} {@code caller} on any block ({@code tool_use}, {@code server_tool_use},
 *       {@code web_search_tool_result}, {@code web_fetch_tool_result}): the response says "no
 *       caller" with null, the request by leaving the field out; a caller object goes back as is.
 * </ul>
 */
final class RequestShape {
  /** The citation types whose request shape has no {@code file_id}. */
  private static final Set<String> CITATIONS_WITHOUT_FILE_ID =
      Set.of("char_location", "page_location", "content_block_location");

  private RequestShape() {}

  /** Returns {@code content} as a request carries it; blocks with nothing to leave out are kept. */
  static List<ContentBlock> of(List<ContentBlock> content) {
    List<ContentBlock> request = new ArrayList<>(content.size());
    for (ContentBlock block : content) {
      request.add(of(block));
    }
    return request;
  }

  private static ContentBlock of(ContentBlock block) {
    if (block instanceof ContentBlock.Unknown unknown) {
      JsonNode caller = unknown.json().get("caller");
      if (caller != null && caller.isNull() && unknown.json() instanceof ObjectNode json) {
        ObjectNode copy = json.deepCopy();
        copy.remove("caller");
        return new ContentBlock.Unknown(copy);
      }
      return block;
    }
    if (block instanceof ContentBlock.Text text) {
      List<JsonNode> citations = citations(text.citations());
      if (citations != text.citations()) {
        return new ContentBlock.Text(
            text.text(), citations, text.cacheControl(), text.extraFields());
      }
    }
    if (block instanceof ContentBlock.ServerToolUse call && hasNullCaller(call.extraFields())) {
      return new ContentBlock.ServerToolUse(
          call.id(), call.name(), call.input(), ExtraFields.without(call.extraFields(), "caller"));
    }
    if (block instanceof ContentBlock.ServerToolResult result
        && hasNullCaller(result.extraFields())) {
      return new ContentBlock.ServerToolResult(
          result.type(),
          result.toolUseId(),
          result.content(),
          ExtraFields.without(result.extraFields(), "caller"));
    }
    if (block instanceof ContentBlock.ToolUse call && hasNullCaller(call.extraFields())) {
      return new ContentBlock.ToolUse(
          call.id(),
          call.name(),
          call.input(),
          call.invalidInput(),
          ExtraFields.without(call.extraFields(), "caller"));
    }
    return block;
  }

  private static boolean hasNullCaller(Map<String, JsonNode> extraFields) {
    JsonNode caller = extraFields.get("caller");
    return caller != null && caller.isNull();
  }

  /** Returns {@code citations} without response-only fields; the same list if it has none. */
  private static List<JsonNode> citations(List<JsonNode> citations) {
    List<JsonNode> request = null;
    for (int i = 0; i < citations.size(); i++) {
      JsonNode citation = citations.get(i);
      if (citation instanceof ObjectNode object
          && object.has("file_id")
          && CITATIONS_WITHOUT_FILE_ID.contains(object.path("type").asString(""))) {
        if (request == null) {
          request = new ArrayList<>(citations);
        }
        ObjectNode copy = object.deepCopy();
        copy.remove("file_id");
        request.set(i, copy);
      }
    }
    return request == null ? citations : request;
  }
}
