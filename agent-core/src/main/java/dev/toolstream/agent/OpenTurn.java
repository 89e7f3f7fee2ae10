package dev.toolstream.agent;

import dev.toolstream.messages.ContentBlock;
import dev.toolstream.messages.Message;
import dev.toolstream.messages.MessageParam;
import dev.toolstream.messages.StopReason;
import dev.toolstream.messages.Usage;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The turn a run was resumed with while its calls were not all answered: the reply, and what the
 * state recorded for its calls. Settling it keeps each recorded result as it is and hands every
 * other call to the turn's {@link ToolDispatch}, which answers it (denied, interrupted, unknown
 * tool, bad input), runs it or leaves it waiting for approval.
 */
final class OpenTurn {
  private final RunState state;
  private final MessageParam reply;

  private OpenTurn(RunState state) {
    this.state = state;
    this.reply = state.history().get(state.history().size() - 1);
  }

  /** Returns the open turn of {@code state}, or null when none is open. */
  static @Nullable OpenTurn of(RunState state) {
    return state.openCalls().isEmpty() ? null : new OpenTurn(state);
  }

  /** Returns the turn's number: it is the last turn the state counts. */
  int number() {
    return state.turnUsage().size();
  }

  /** Returns the reply as it went into the history, to send again with its results. */
  MessageParam reply() {
    return reply;
  }

  Map<String, RunState.Approval> approvals() {
    return state.approvals();
  }

  Set<String> started() {
    return state.started();
  }

  /** Returns the history the turn's calls see: the messages before the reply, and all of it. */
  TurnHistory history() {
    List<MessageParam> before = state.history().subList(0, state.history().size() - 1);
    TurnHistory history = new TurnHistory(List.copyOf(before));
    reply.content().forEach(history::add);
    return history;
  }

  /**
   * Hands each call to {@code calls} in call order: a recorded result as it is, any other call to
   * be dispatched, after {@code listeners} hear of it.
   */
  void settle(ToolDispatch calls, AgentListener listeners) {
    for (ContentBlock.ToolUse call : state.openCalls()) {
      ContentBlock.ToolResult known = state.results().get(call.id());
      if (known != null) {
        calls.recorded(call, known);
      } else {
        listeners.onToolCall(call);
        calls.dispatch(call);
      }
    }
  }

  /**
   * Returns the reply as a message, for a result that awaits approval again: the state keeps it
   * only as it went into the history, so its id is empty, its model {@code model}, its stop reason
   * {@code tool_use} and its usage zero.
   */
  Message message(String model) {
    return new Message(
        "", model, reply.content(), StopReason.TOOL_USE, null, null, Usage.ZERO, Map.of());
  }
}
