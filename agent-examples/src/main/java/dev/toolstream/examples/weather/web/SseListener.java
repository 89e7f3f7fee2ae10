package dev.toolstream.examples.weather.web;

import dev.toolstream.agent.AgentListener;
import dev.toolstream.agent.ToolExecution;
import dev.toolstream.messages.ContentBlock;
import dev.toolstream.messages.Message;
import dev.toolstream.stream.ToolInputDelta;

/**
 * Forwards a run to its client as it happens: each text delta, tool-input fragment, tool call,
 * tool result (a server tool's, such as a web search, too) and completed turn becomes an event,
 * written and flushed from the callback. Thinking is not sent.
 * The terminal {@code done} or {@code error} event is the stream handler's, written once the run
 * has ended.
 *
 * <p>Thread-safe: the writer serializes writes, so callbacks may come from any thread.
 */
final class SseListener implements AgentListener {
  private final SseWriter writer;

  SseListener(SseWriter writer) {
    this.writer = writer;
  }

  @Override
  public void onText(String text) {
    writer.event(AgentEvents.text(text));
  }

  @Override
  public void onToolInputDelta(ToolInputDelta delta) {
    writer.event(AgentEvents.toolInput(delta));
  }

  @Override
  public void onToolCall(ContentBlock.ToolUse call) {
    writer.event(AgentEvents.toolCall(call));
  }

  @Override
  public void onToolResult(ToolExecution execution) {
    writer.event(AgentEvents.toolResult(execution));
  }

  @Override
  public void onServerToolCall(ContentBlock.ServerToolUse call) {
    writer.event(AgentEvents.serverToolCall(call));
  }

  @Override
  public void onServerToolResult(ContentBlock.ServerToolResult result) {
    writer.event(AgentEvents.serverToolResult(result));
  }

  @Override
  public void onTurnComplete(int turn, Message message) {
    writer.event(AgentEvents.turn(turn, message));
  }
}
