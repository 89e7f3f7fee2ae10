package dev.toolstream.agent;

import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * The texts of the {@code is_error} results the model gets back. Each says what went wrong and
 * what to do, without Java internals such as stack traces.
 */
final class ToolErrors {
  private ToolErrors() {}

  static String invalidJson(String tool, String error) {
    return "The input for tool "
        + tool
        + " is not valid JSON ("
        + error
        + "), so the tool did not run. Call it again with the input as one valid JSON object.";
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
