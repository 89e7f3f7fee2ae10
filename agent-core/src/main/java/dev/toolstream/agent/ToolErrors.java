package dev.toolstream.agent;

import dev.toolstream.internal.json.Json;
import dev.toolstream.messages.ContentBlock;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * The answer to a call whose input did not parse; the other error texts are {@link
 * dev.toolstream.internal.tools.ToolErrorMessages}, shared with agent-mcp's server.
 */
final class ToolErrors {
  private ToolErrors() {}

  /**
   * The answer to a call whose input is not a JSON object: first the raw text as the API's docs
   * advise, wrapped as {@code {"INVALID_JSON": raw}}, then what was wrong and what to send.
   */
  static ToolOutput invalidJson(String tool, ContentBlock.InvalidInput input) {
    ObjectNode wrapped = Json.object().put("INVALID_JSON", input.rawJson());
    String message =
        "The input for tool "
            + tool
            + " is not valid JSON ("
            + input.error()
            + "), so the tool did not run. Call it again with the input as one valid JSON object.";
    return new ToolOutput(
        List.of(ContentBlock.text(Json.write(wrapped)), ContentBlock.text(message)), true);
  }
}
