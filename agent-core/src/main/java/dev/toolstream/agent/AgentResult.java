package dev.toolstream.agent;

import dev.toolstream.messages.Message;
import dev.toolstream.messages.MessageParam;
import dev.toolstream.messages.StopReason;
import dev.toolstream.messages.Usage;
import java.util.List;
import java.util.Objects;

/**
 * What a finished run produced.
 *
 * @param finalMessage the model's last reply
 * @param history every message of the run, the caller's first ones included, ending with {@code
 *     finalMessage}; pass it to {@link Agent#run(List)} with a new user message to go on
 * @param turnUsage the usage of each turn, in order; its size is the number of turns
 */
public record AgentResult(Message finalMessage, List<MessageParam> history, List<Usage> turnUsage) {
  public AgentResult {
    Objects.requireNonNull(finalMessage, "finalMessage == null");
    history = List.copyOf(history);
    turnUsage = List.copyOf(turnUsage);
  }

  /** Returns the text of the final message. */
  public String text() {
    return finalMessage.text();
  }

  /** Returns why the model stopped: {@code end_turn}, {@code stop_sequence}, {@code refusal}… */
  public StopReason stopReason() {
    return finalMessage.stopReason();
  }

  /** Returns whether the model declined to answer ({@code stop_reason: refusal}). */
  public boolean isRefusal() {
    return StopReason.REFUSAL.equals(finalMessage.stopReason());
  }

  /** Returns how many requests the run made. */
  public int turns() {
    return turnUsage.size();
  }

  /** Returns the usage of all turns added up. */
  public Usage usage() {
    return AgentException.sum(turnUsage);
  }
}
