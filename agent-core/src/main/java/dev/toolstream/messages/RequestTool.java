package dev.toolstream.messages;

import org.jspecify.annotations.Nullable;

/**
 * A tool offered to the model in a request: a {@link ToolDefinition} that the caller runs, or a
 * {@link ServerTool} whose definition the API owns (web search, code execution, the MCP connector's
 * toolsets and the like).
 */
public sealed interface RequestTool permits ToolDefinition, ServerTool {

  /**
   * Returns the caching breakpoint set on this tool.
   *
   * @return the breakpoint, or null if the tool has none
   */
  @Nullable CacheControl cacheControl();
}
