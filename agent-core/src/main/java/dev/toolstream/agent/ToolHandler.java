package dev.toolstream.agent;

import tools.jackson.databind.JsonNode;

/**
 * The Java code behind a tool. The loop calls it with input that has already been parsed and
 * validated against the tool's schema.
 *
 * <p>An exception thrown here is not fatal: its message goes back to the model as an {@code
 * is_error} tool result and the run goes on. An {@link Error} is rethrown and ends the run.
 */
@FunctionalInterface
public interface ToolHandler {
  /**
   * Runs the tool.
   *
   * @param input the tool input, a JSON object valid against the tool's schema
   * @param context the call's id, the run's history and its cancellation
   * @return what to send back to the model
   * @throws Exception any failure; the model is told its message
   */
  ToolResult call(JsonNode input, ToolContext context) throws Exception;
}
