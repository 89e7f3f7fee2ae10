package dev.toolstream.agent;

import dev.toolstream.messages.MessageParam;
import java.util.List;

/**
 * What a tool handler knows about the call it serves. Implementations are supplied by the loop; a
 * test may implement it directly.
 */
public interface ToolContext {
  /** Returns the id of the {@code tool_use} block being answered. */
  String toolUseId();

  /** Returns the name of the tool being called. */
  String toolName();

  /**
   * Returns the run's history up to and including the assistant message that made this call, as
   * far as that message had streamed when the call was made. Built on first use; immutable.
   */
  List<MessageParam> history();

  /**
   * Returns whether the run was cancelled or this call timed out. A long handler should check it
   * and stop early; the loop also interrupts the handler's thread.
   */
  boolean isCancelled();
}
