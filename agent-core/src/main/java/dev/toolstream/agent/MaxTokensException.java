package dev.toolstream.agent;

import dev.toolstream.messages.Message;
import dev.toolstream.messages.MessageParam;
import dev.toolstream.messages.Usage;
import java.util.List;

/**
 * The model reached {@code max_tokens} while writing a tool call, so the call is incomplete and
 * no tool ran. {@link #history()} ends before that reply, which is in {@link #truncatedMessage()};
 * raise {@link Agent.Builder#maxTokens(int)} and run the history again.
 */
public final class MaxTokensException extends AgentException {
  private static final long serialVersionUID = 1L;

  private final transient Message truncatedMessage;

  /** Returns the exception for {@code truncatedMessage}, which stopped at {@code max_tokens}. */
  public MaxTokensException(
      int maxTokens, Message truncatedMessage, List<MessageParam> history, List<Usage> turnUsage) {
    super(
        "the model reached max_tokens ("
            + maxTokens
            + ") in the middle of a tool call, so no tool ran; raise maxTokens",
        history,
        turnUsage,
        null);
    this.truncatedMessage = truncatedMessage;
  }

  /** Returns the reply that was cut short, its incomplete tool call included. */
  public Message truncatedMessage() {
    return truncatedMessage;
  }
}
