package dev.toolstream.agent;

import dev.toolstream.messages.MessageParam;
import java.util.List;

/**
 * What a tool handler knows about the call it serves. Implementations are supplied by the loop; a
 * test may implement it directly.
 */
public interface ToolContext {
  /**
   * Identifies the call, such as to correlate a handler's logs with the listener's events.
   *
   * @return the id of the {@code tool_use} block being answered, {@code toolu_…}
   */
  String toolUseId();

  /**
   * Names the tool being called, for a handler shared by several tools.
   *
   * @return the tool's name, as registered
   */
  String toolName();

  /**
   * Returns the run's history up to and including the assistant message that made this call, as
   * far as that message had streamed when the call was made. Built on first use; immutable.
   *
   * @return an unmodifiable list whose last message is the assistant's, with this call in it
   */
  List<MessageParam> history();

  /**
   * Returns whether the run was cancelled or this call timed out. A long handler should check it
   * and stop early; the loop also interrupts the handler's thread.
   *
   * @return true once the run was cancelled or this call timed out or was cancelled; it then
   *     stays true
   */
  boolean isCancelled();
}
