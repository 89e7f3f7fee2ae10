package dev.toolstream.agent;

import dev.toolstream.messages.ContentBlock;
import dev.toolstream.messages.Message;
import dev.toolstream.stream.ToolInputDelta;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listeners of one run, called in order as one. A listener's {@link RuntimeException} is
 * logged and the next listener is called, so that a failing listener can neither end nor corrupt
 * the run; an {@link Error} is not caught and stops the run as a handler's would.
 */
final class RunListeners implements AgentListener {
  private static final Logger log = LoggerFactory.getLogger("dev.toolstream.agent");

  private final List<AgentListener> listeners;

  RunListeners(List<AgentListener> listeners) {
    this.listeners = List.copyOf(listeners);
  }

  @Override
  public void onText(String text) {
    each("onText", listener -> listener.onText(text));
  }

  @Override
  public void onThinking(String thinking) {
    each("onThinking", listener -> listener.onThinking(thinking));
  }

  @Override
  public void onToolInputDelta(ToolInputDelta delta) {
    each("onToolInputDelta", listener -> listener.onToolInputDelta(delta));
  }

  @Override
  public void onOutputDelta(OutputDelta delta) {
    each("onOutputDelta", listener -> listener.onOutputDelta(delta));
  }

  @Override
  public void onToolCall(ContentBlock.ToolUse call) {
    each("onToolCall", listener -> listener.onToolCall(call));
  }

  @Override
  public void onToolResult(ToolExecution execution) {
    each("onToolResult", listener -> listener.onToolResult(execution));
  }

  @Override
  public void onServerToolCall(ContentBlock.ServerToolUse call) {
    each("onServerToolCall", listener -> listener.onServerToolCall(call));
  }

  @Override
  public void onServerToolResult(ContentBlock.ServerToolResult result) {
    each("onServerToolResult", listener -> listener.onServerToolResult(result));
  }

  @Override
  public void onMcpToolCall(ContentBlock.McpToolUse call) {
    each("onMcpToolCall", listener -> listener.onMcpToolCall(call));
  }

  @Override
  public void onMcpToolResult(ContentBlock.McpToolResult result) {
    each("onMcpToolResult", listener -> listener.onMcpToolResult(result));
  }

  @Override
  public void onCompaction(ContentBlock.Compaction compaction) {
    each("onCompaction", listener -> listener.onCompaction(compaction));
  }

  @Override
  public void onTurnComplete(int turn, Message message) {
    each("onTurnComplete", listener -> listener.onTurnComplete(turn, message));
  }

  @Override
  public void onComplete(AgentResult result) {
    each("onComplete", listener -> listener.onComplete(result));
  }

  @Override
  public void onError(AgentException error) {
    each("onError", listener -> listener.onError(error));
  }

  private void each(String callback, Consumer<AgentListener> call) {
    for (AgentListener listener : listeners) {
      try {
        call.accept(listener);
      } catch (RuntimeException e) {
        log.warn(
            "an agent listener threw in {}; its exception is ignored and the run goes on",
            callback,
            e);
      }
    }
  }
}
