package dev.toolstream.spring.boot.internal;

import dev.toolstream.agent.AgentListener;
import dev.toolstream.agent.ToolExecution;
import dev.toolstream.messages.ContentBlock;
import java.util.function.Consumer;

/**
 * Hands each text delta, tool call and tool result of a run (a server tool's too) to a sink as a
 * {@link RunEvent}, from the callback's thread. Thinking and tool-input deltas are not sent; the
 * terminal event is the caller's, once the run has ended.
 */
public final class RunEventListener implements AgentListener {
  private final Consumer<RunEvent> sink;

  /**
   * Sends events to {@code sink}.
   *
   * @param sink takes each event; called from the run's and the tools' threads
   */
  public RunEventListener(Consumer<RunEvent> sink) {
    this.sink = sink;
  }

  @Override
  public void onText(String text) {
    sink.accept(RunEvents.text(text));
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
}
