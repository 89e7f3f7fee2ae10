package dev.toolstream.agent;

import dev.toolstream.errors.ToolstreamException;
import dev.toolstream.messages.MessageParam;
import dev.toolstream.messages.Usage;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A run ended without an answer. Nothing is lost: {@link #history()} holds the conversation as
 * far as it got, and {@link #turnUsage()} what it cost.
 *
 * <p>This class itself means the API failed: {@link #getCause()} is the {@link
 * dev.toolstream.errors.ApiException} (after retries), {@link
 * dev.toolstream.errors.StreamException} (an error event or a broken stream, with the partial
 * reply) or {@link dev.toolstream.errors.ApiConnectionException}. Subclasses mark the run's own
 * limits: {@link TurnLimitException}, {@link MaxTokensException} and {@link
 * AgentCancelledException}.
 */
public class AgentException extends ToolstreamException {
  private static final long serialVersionUID = 1L;

  private final transient List<MessageParam> history;
  private final transient List<Usage> turnUsage;

  /**
   * Returns an exception for a run that failed. Created by the loop; public for tests of code
   * that handles it.
   */
  public AgentException(
      String message, List<MessageParam> history, List<Usage> turnUsage, @Nullable Throwable cause) {
    super(message, cause);
    this.history = List.copyOf(history);
    this.turnUsage = List.copyOf(turnUsage);
  }

  /**
   * Returns the conversation as far as it got: complete turns only, so it can be sent again with
   * {@link Agent#run(List)}. A reply cut short is in the cause or the subclass.
   */
  public List<MessageParam> history() {
    return history;
  }

  /** Returns the usage of each completed turn, in order. */
  public List<Usage> turnUsage() {
    return turnUsage;
  }

  /** Returns the usage of the completed turns added up. */
  public Usage usage() {
    return sum(turnUsage);
  }

  static Usage sum(List<Usage> usages) {
    Usage total = Usage.ZERO;
    for (Usage usage : usages) {
      total = total.plus(usage);
    }
    return total;
  }
}
