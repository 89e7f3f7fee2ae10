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

  /**
   * Makes the exception for a reply cut inside a tool call. Created by the loop; public for tests
   * of code that handles it.
   *
   * @param maxTokens the request's {@code max_tokens}, named in the message
   * @param truncatedMessage the reply that stopped at {@code max_tokens}
   * @param history the conversation before that reply, copied
   * @param turnUsage the usage of each turn, that reply's included, copied
   */
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

  /**
   * Gives the reply that was cut short, which {@link #history()} leaves out.
   *
   * @return the reply, its incomplete tool call included with its input in {@link
   *     dev.toolstream.messages.ContentBlock.ToolUse#invalidInput()} when it did not parse; null
   *     only after the exception was deserialized
   */
  public Message truncatedMessage() {
    return truncatedMessage;
  }
}
