package dev.toolstream.agent;

import dev.toolstream.messages.Message;
import dev.toolstream.messages.MessageParam;
import dev.toolstream.messages.Usage;
import java.util.List;

/**
 * The conversation filled the model's context window ({@code model_context_window_exceeded}) while
 * the model was writing a tool call, so the call may be incomplete and no tool ran: the loop treats
 * it like {@link MaxTokensException}. {@link #history()} ends before that reply, which is in {@link
 * #truncatedMessage()}. Shorten the history, or let the API compact it ({@link
 * Agent.Builder#compactAt(int)}), and run it again.
 */
public final class ContextWindowExceededException extends AgentException {
  private static final long serialVersionUID = 1L;

  private final transient Message truncatedMessage;

  /**
   * Makes the exception for a reply cut by the context window inside a tool call. Created by the
   * loop; public for tests of code that handles it.
   *
   * @param truncatedMessage the reply that stopped with {@code model_context_window_exceeded}
   * @param history the conversation before that reply, copied
   * @param turnUsage the usage of each turn, that reply's included, copied
   */
  public ContextWindowExceededException(
      Message truncatedMessage, List<MessageParam> history, List<Usage> turnUsage) {
    super(
        "the conversation filled the model's context window in the middle of a tool call, so no"
            + " tool ran; shorten the history or let the API compact it"
            + " (Agent.Builder.compactAt)",
        history,
        turnUsage,
        null);
    this.truncatedMessage = truncatedMessage;
  }

  /**
   * Gives the reply that was cut short, which {@link #history()} leaves out.
   *
   * @return the reply, its incomplete tool call included; null only after the exception was
   *     deserialized
   */
  public Message truncatedMessage() {
    return truncatedMessage;
  }
}
