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
   * Makes the exception for a run that failed. Created by the loop; public for tests of code that
   * handles it.
   *
   * @param message what ended the run and, where the caller can, what to do
   * @param history the conversation up to the last completed turn, copied
   * @param turnUsage the usage of each completed turn, copied; empty if none completed
   * @param cause the API, stream or connection failure that ended the run, or the {@link Error} a
   *     handler or listener threw; null for the run's own limits
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
   *
   * @return an unmodifiable list, the run's first messages included; null only after the
   *     exception was deserialized, since the history is not serialized
   */
  public List<MessageParam> history() {
    return history;
  }

  /**
   * Tells what each completed turn cost.
   *
   * @return an unmodifiable list of one usage per completed turn, in order; empty if the first
   *     turn failed; null only after the exception was deserialized
   */
  public List<Usage> turnUsage() {
    return turnUsage;
  }

  /**
   * Tells what the run cost before it failed, for billing or logging.
   *
   * @return the usage of the completed turns added up; {@link Usage#ZERO} if none completed
   */
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
