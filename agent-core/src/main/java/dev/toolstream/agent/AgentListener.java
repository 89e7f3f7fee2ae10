package dev.toolstream.agent;

import dev.toolstream.messages.ContentBlock;
import dev.toolstream.messages.Message;
import dev.toolstream.stream.ToolInputDelta;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Watches a run as it happens. Every method has an empty default; override the ones you need.
 *
 * <p>Methods are called in this order within a turn: text and thinking deltas and tool-input
 * deltas as they stream, {@link #onToolCall} as each tool call is assembled, {@link
 * #onToolResult} for each result in call order, then {@link #onTurnComplete}. A failed run ends
 * with one {@link #onError}. All calls come from the thread running the loop, one at a time, so a
 * listener needs no locking of its own. A listener that throws ends the run with an {@link
 * AgentException} caused by what it threw.
 */
public interface AgentListener {
  /** Returns a listener that passes each piece of assistant text to {@code consumer}. */
  static AgentListener onText(Consumer<String> consumer) {
    Objects.requireNonNull(consumer, "consumer == null");
    return new AgentListener() {
      @Override
      public void onText(String text) {
        consumer.accept(text);
      }
    };
  }

  /** Called with each piece of assistant text as it arrives. */
  default void onText(String text) {}

  /** Called with each piece of thinking text as it arrives. */
  default void onThinking(String thinking) {}

  /** Called with each fragment of a tool call's input and the input parsed so far. */
  default void onToolInputDelta(ToolInputDelta delta) {}

  /**
   * Called when a tool call is fully streamed, before it is validated or run. When the model sent invalid JSON,
   * {@link ContentBlock.ToolUse#invalidInput()} holds it and the parse error.
   */
  default void onToolCall(ContentBlock.ToolUse call) {}

  /** Called with each tool result, in the order of the calls, once the result is known. */
  default void onToolResult(ToolExecution execution) {}

  /**
   * Called when a turn is over: the model's reply has streamed and, if it asked for tools, their
   * results are in the history.
   *
   * @param turn the turn's number, from 1
   * @param message the model's reply, with this turn's usage
   */
  default void onTurnComplete(int turn, Message message) {}

  /**
   * Called once when the run fails, with the exception about to be thrown. When a handler or a
   * listener threw an {@link Error}, the run's calls are cancelled first, {@code error} is a plain
   * {@link AgentException} whose cause is that {@code Error}, and the {@code Error} itself is
   * thrown from {@code run} afterwards.
   */
  default void onError(AgentException error) {}
}
