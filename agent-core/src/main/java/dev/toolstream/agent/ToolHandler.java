package dev.toolstream.agent;

import tools.jackson.databind.JsonNode;

/**
 * The Java code behind a tool. The loop calls it with input that has already been parsed and
 * validated against the tool's schema.
 *
 * <p>An exception thrown here is not fatal: its message goes back to the model as an {@code
 * is_error} tool result and the run goes on. An {@link Error} is fatal: the run's other calls are
 * cancelled, the listeners are told, and the error is rethrown from {@link Agent#run(String)}
 * unwrapped (see {@link Agent}).
 *
 * <p>A handler runs on a tool executor's thread or the library's own, never on the run's thread.
 * When its call times out or the run is cancelled, the model gets its answer at once and the
 * handler's thread is interrupted; {@link ToolContext#isCancelled()} turns true. A handler that
 * goes on anyway keeps its thread until it returns, and its result is dropped.
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
  ToolOutput call(JsonNode input, ToolContext context) throws Exception;
}
