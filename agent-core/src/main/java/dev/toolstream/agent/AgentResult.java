package dev.toolstream.agent;

import dev.toolstream.errors.OutputMismatchException;
import dev.toolstream.messages.ContentBlock;
import dev.toolstream.messages.Message;
import dev.toolstream.messages.MessageParam;
import dev.toolstream.messages.StopDetails;
import dev.toolstream.messages.StopReason;
import dev.toolstream.messages.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a run produced when it stopped: the model is done, or some tool calls wait for a person's
 * approval ({@link #isAwaitingApproval()}).
 *
 * @param finalMessage the model's last reply; for a run awaiting approval, the reply whose calls
 *     wait (rebuilt from the history when the run was resumed with that turn open: its id empty,
 *     the agent's model, stop reason {@code tool_use} and zero usage)
 * @param history every message of the run, the caller's first ones included, ending with {@code
 *     finalMessage}, except a refused one, which the API asks to be left out (it is often empty);
 *     pass it to {@link Agent#run(List)} with a new user message to go on
 * @param turnUsage the usage of each turn, in order; its size is the number of turns
 * @param paused the state to continue from when the run stopped for approval, holding the results
 *     known so far; record the decisions on it ({@link RunState#approve}, {@link RunState#deny})
 *     and pass it to {@link Agent#resume(RunState)}. Null when the model is done
 */
public record AgentResult(
    Message finalMessage,
    List<MessageParam> history,
    List<Usage> turnUsage,
    @Nullable RunState paused) {
  /**
   * Checks the final message is present and copies the lists.
   *
   * @param finalMessage the model's last reply, not null
   * @param history every message of the run, copied
   * @param turnUsage the usage of each turn, copied
   * @param paused the state to continue from, if the run waits for approval; null otherwise
   */
  public AgentResult {
    Objects.requireNonNull(finalMessage, "finalMessage == null");
    history = List.copyOf(history);
    turnUsage = List.copyOf(turnUsage);
  }

  /**
   * Makes the result of a run the model finished.
   *
   * @param finalMessage the model's last reply, not null
   * @param history every message of the run, copied
   * @param turnUsage the usage of each turn, copied
   */
  public AgentResult(Message finalMessage, List<MessageParam> history, List<Usage> turnUsage) {
    this(finalMessage, history, turnUsage, null);
  }

  /**
   * Tells whether the run stopped before tool calls that need a person's approval, rather than
   * because the model was done. {@link #text()} is then not an answer.
   *
   * @return true if {@link #paused()} holds a state to resume
   */
  public boolean isAwaitingApproval() {
    return paused != null;
  }

  /**
   * Lists the tool calls that wait for a person's decision.
   *
   * @return the calls of the open turn that have no result and no decision, in the order the
   *     model made them; empty when the run is not {@linkplain #isAwaitingApproval() awaiting
   *     approval}
   */
  public List<ContentBlock.ToolUse> awaitingApproval() {
    if (paused == null) {
      return List.of();
    }
    List<ContentBlock.ToolUse> waiting = new ArrayList<>();
    for (ContentBlock.ToolUse call : paused.unansweredCalls()) {
      if (!paused.approvals().containsKey(call.id())) {
        waiting.add(call);
      }
    }
    return List.copyOf(waiting);
  }

  /**
   * Gives the answer, the value most callers want from a run.
   *
   * @return the final message's text blocks joined; empty if it has none
   */
  public String text() {
    return finalMessage.text();
  }

  /**
   * Reads the answer into {@code type}, for an agent built with {@link
   * Agent.Builder#output(OutputType)}: the final message's text, parsed as JSON, checked against
   * the type's schema and bound to {@code T}. Each call reads it again.
   *
   * @param type the output type the agent asked for, such as {@code
   *     OutputSchemas.of(Forecast.class)}
   * @param <T> the Java type of the answer
   * @return the answer as a value
   * @throws OutputMismatchException if the model refused, stopped at {@code max_tokens}, or wrote
   *     an answer that is not JSON or does not fit; the message says which and where, and {@link
   *     OutputMismatchException#text()} keeps the answer
   */
  public <T> T output(OutputType<T> type) {
    return type.read(finalMessage);
  }

  /**
   * Tells why the model stopped at the end of the run.
   *
   * @return the final message's stop reason, such as {@code end_turn}, {@code stop_sequence} or
   *     {@code refusal}; {@code tool_use} only for a reply that stopped for tools but held no
   *     client tool call
   */
  public StopReason stopReason() {
    return finalMessage.stopReason();
  }

  /**
   * Tells whether the model declined to answer, so that {@link #text()} is not an answer.
   *
   * @return true if the stop reason is {@code refusal}
   */
  public boolean isRefusal() {
    return StopReason.REFUSAL.equals(finalMessage.stopReason());
  }

  /**
   * Gives the details beside the final stop reason, such as a refusal's category and explanation.
   *
   * @return the final message's stop details; null if the API sent none
   */
  public @Nullable StopDetails stopDetails() {
    return finalMessage.stopDetails();
  }

  /**
   * Tells whether the answer was cut short: the model reached {@code max_tokens}, or the
   * conversation filled its context window ({@code model_context_window_exceeded}). Either way no
   * tool call of that reply ran. (A cut inside a tool call ends the run with {@link
   * MaxTokensException} or {@link ContextWindowExceededException} instead.)
   *
   * @return true if {@link #text()} may stop mid-answer
   */
  public boolean isTruncated() {
    StopReason stop = finalMessage.stopReason();
    return StopReason.MAX_TOKENS.equals(stop)
        || StopReason.MODEL_CONTEXT_WINDOW_EXCEEDED.equals(stop);
  }

  /**
   * Counts the requests the run made.
   *
   * @return the number of turns, at least 1
   */
  public int turns() {
    return turnUsage.size();
  }

  /**
   * Tells what the whole run cost.
   *
   * @return the usage of all turns added up: input, output, cache reads and cache writes with their
   *     split by time to live; without the turns' extra fields
   */
  public Usage usage() {
    return AgentException.sum(turnUsage);
  }
}
