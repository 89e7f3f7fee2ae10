package dev.toolstream.agent;

import dev.toolstream.messages.MessageParam;
import dev.toolstream.messages.Usage;
import java.util.List;

/**
 * The run was cancelled: its future was cancelled, or its thread interrupted (at any point:
 * connecting, streaming, waiting to retry or for tools; the interrupt status stays set). The
 * stream was closed, pending tool calls were answered as cancelled and their handlers interrupted;
 * {@link #history()} holds the turns completed before. A tool timeout never causes it.
 */
public final class AgentCancelledException extends AgentException {
  private static final long serialVersionUID = 1L;

  /**
   * Makes the exception for a cancelled run. Created by the loop; public for tests of code that
   * handles it.
   *
   * @param history the conversation up to the last completed turn, copied
   * @param turnUsage the usage of each completed turn, copied; empty if none completed
   */
  public AgentCancelledException(List<MessageParam> history, List<Usage> turnUsage) {
    super("the run was cancelled", history, turnUsage, null);
  }
}
