package dev.toolstream.internal.tools;

import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * The texts of the {@code is_error} results a tool call's caller gets back, the same whether the
 * agent loop ran the tool or an MCP client called it: each says what went wrong and what to do,
 * without Java internals such as stack traces.
 */
public final class ToolErrorMessages {
  private ToolErrorMessages() {}

  public static String schemaViolations(String tool, List<String> violations) {
    StringBuilder text =
        new StringBuilder("The input for tool ")
            .append(tool)
            .append(" does not match its input schema, so the tool did not run:");
    for (String violation : violations) {
      text.append("\n- ").append(violation);
    }
    return text.append("\nFix the input and call the tool again.").toString();
  }

  public static String unknownTool(String tool, Collection<String> available) {
    return "There is no tool named \""
        + tool
        + "\". Available tools: "
        + (available.isEmpty() ? "none" : String.join(", ", available))
        + ".";
  }

  public static String handlerFailed(String tool, Throwable e) {
    String message = e.getMessage();
    String what = message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    return "Tool " + tool + " failed: " + what;
  }

  public static String noResult(String tool) {
    return "Tool " + tool + " returned no result.";
  }

  public static String timedOut(String tool, Duration timeout) {
    return "Tool " + tool + " timed out after " + format(timeout) + " and was stopped.";
  }

  public static String cancelled(String tool) {
    return "Tool " + tool + " was cancelled because the run was cancelled.";
  }

  public static String denied(String reason) {
    return "A person did not approve this call: " + reason;
  }

  public static String interrupted() {
    return "This call was interrupted before its result was recorded (the process running it"
        + " stopped). It may or may not have taken effect; check before calling it again.";
  }

  private static String format(Duration duration) {
    long millis = duration.toMillis();
    if (millis % 1000 == 0) {
      return millis / 1000 + " s";
    }
    return millis + " ms";
  }
}
