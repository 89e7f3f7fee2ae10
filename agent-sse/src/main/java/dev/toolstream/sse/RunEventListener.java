package dev.toolstream.sse;

import dev.toolstream.agent.AgentListener;
import dev.toolstream.agent.ToolExecution;
import dev.toolstream.messages.ContentBlock;
import dev.toolstream.messages.Message;
import dev.toolstream.stream.ToolInputDelta;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Hands each text delta, tool-input fragment, tool call, tool result (a server tool's, such as a
 * web search, too) and completed turn of a run to a sink as a {@link RunEvent}, from the callback's
 * thread. Thinking is not sent. The terminal {@code done} or {@code error} event is the caller's
 * ({@link RunEvents#done}, {@link RunEvents#failure}), once the run has ended.
 */
public final class RunEventListener implements AgentListener {
  private final Consumer<RunEvent> sink;

  /**
   * Sends events to {@code sink}.
   *
   * @param sink takes each event; called from the run's and the tools' threads, so it must be
   *     thread-safe
   */
  public RunEventListener(Consumer<RunEvent> sink) {
    this.sink = Objects.requireNonNull(sink, "sink == null");
  }

  @Override
  public void onText(String text) {
    sink.accept(RunEvents.text(text));
  }

  @Override
  public void onToolInputDelta(ToolInputDelta delta) {
    sink.accept(RunEvents.toolInput(delta));
  }

  @Override
  public void onToolCall(ContentBlock.ToolUse call) {
    sink.accept(RunEvents.toolCall(call));
  }

  @Override
  public void onToolResult(ToolExecution execution) {
    sink.accept(RunEvents.toolResult(execution));
  }

  @Override
  public void onServerToolCall(ContentBlock.ServerToolUse call) {
    sink.accept(RunEvents.serverToolCall(call));
  }

  @Override
  public void onServerToolResult(ContentBlock.ServerToolResult result) {
    sink.accept(RunEvents.serverToolResult(result));
  }

  @Override
  public void onTurnComplete(int turn, Message message) {
    sink.accept(RunEvents.turn(turn, message));
  }
}
