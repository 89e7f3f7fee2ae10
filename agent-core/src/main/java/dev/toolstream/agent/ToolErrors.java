package dev.toolstream.agent;

import dev.toolstream.internal.json.Json;
import dev.toolstream.messages.ContentBlock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * The texts of the {@code is_error} results the model gets back. Each says what went wrong and
 * what to do, without Java internals such as stack traces.
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

  static String schemaViolations(String tool, List<String> violations) {
    StringBuilder text =
        new StringBuilder("The input for tool ")
            .append(tool)
            .append(" does not match its input schema, so the tool did not run:");
    for (String violation : violations) {
      text.append("\n- ").append(violation);
    }
    return text.append("\nFix the input and call the tool again.").toString();
  }

  static String unknownTool(String tool, Collection<String> available) {
    return "There is no tool named \""
        + tool
        + "\". Available tools: "
        + (available.isEmpty() ? "none" : String.join(", ", available))
        + ".";
  }

  static String handlerFailed(String tool, Throwable e) {
    String message = e.getMessage();
    String what = message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    return "Tool " + tool + " failed: " + what;
  }

  static String noResult(String tool) {
    return "Tool " + tool + " returned no result.";
  }

  static String timedOut(String tool, Duration timeout) {
    return "Tool " + tool + " timed out after " + format(timeout) + " and was stopped.";
  }

  static String cancelled(String tool) {
    return "Tool " + tool + " was cancelled because the run was cancelled.";
  }

  private static String format(Duration duration) {
    long millis = duration.toMillis();
    if (millis % 1000 == 0) {
      return millis / 1000 + " s";
    }
    return millis + " ms";
  }
}
