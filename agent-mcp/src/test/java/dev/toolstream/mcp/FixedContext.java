package dev.toolstream.mcp;

import dev.toolstream.agent.ToolContext;
import dev.toolstream.messages.MessageParam;
import java.util.List;

/** A tool context for calling a handler directly, as a test of the handler alone. */
final class FixedContext implements ToolContext {
  @Override
  public String toolUseId() {
    return "toolu_test";
  }

  @Override
  public String toolName() {
    return "test";
  }

  @Override
  public List<MessageParam> history() {
    return List.of();
  }

  @Override
  public boolean isCancelled() {
    return false;
  }
}
