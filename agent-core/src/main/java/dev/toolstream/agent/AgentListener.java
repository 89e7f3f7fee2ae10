package dev.toolstream.agent;

import dev.toolstream.messages.ContentBlock;
import dev.toolstream.messages.Message;
import dev.toolstream.stream.ToolInputDelta;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Watches a run as it happens. Every method has an empty default; override the ones you need.
 *
 * <p><b>Order.</b> Within a turn: text, thinking and tool-input deltas as they stream, {@link
 * #onToolCall} as each tool call is assembled (still streaming the rest of the reply), the calls
 * and results of server tools and MCP tools as each of their blocks completes, {@link
 * #onCompaction} as a compaction block does, {@link #onToolResult} for each result in call order
 * once the reply is complete, then {@link #onTurnComplete}. After the last turn comes exactly one
 * terminal callback: {@link #onComplete}
 * when the run returns a result, or {@link #onError} when it fails for any reason (an API or stream
 * failure, the turn limit, {@code max_tokens} inside a tool call, cancellation, a fatal {@link
 * Error}). Nothing is called after it. The terminal callback comes before {@code run} returns or
 * throws and before a {@code runAsync} future completes.
 *
 * <p><b>Thread.</b> All calls come from the thread running the loop, one at a time, so a listener
 * needs no locking of its own: the caller's thread for {@code run}, the executor's thread for
 * {@code runAsync}. {@link #onToolResult} too comes from that thread, never from a tool handler's.
 * Two cases have no run thread, and {@link #onError} comes from the thread that ended the run:
 * a {@code runAsync} future cancelled before its run started (the cancelling thread), and a run the
 * executor rejected (the thread that called {@code runAsync}).
 *
 * <p><b>Failures.</b> A {@link RuntimeException} thrown by a listener is logged at WARN under
 * {@code dev.toolstream.agent} and otherwise ignored: the other listeners are still called and
 * the run goes on as if the listener had returned. An {@link Error} thrown by a listener is fatal,
 * like one thrown by a tool handler: it stops the run, {@link #onError} is called (unless the
 * {@code Error} came from {@link #onComplete} or {@link #onError} itself, after the terminal
 * callback) and the {@code Error} is rethrown.
 */
public interface AgentListener {
  /** A listener that does nothing. */
  AgentListener NONE = new AgentListener() {};

  /**
   * Makes a listener for the common case of printing or relaying the answer as it arrives.
   *
   * @param consumer called with each new piece of assistant text, on the run's thread
   * @return a listener that ignores everything but text
   */
  static AgentListener onText(Consumer<String> consumer) {
    Objects.requireNonNull(consumer, "consumer == null");
    return new AgentListener() {
      @Override
      public void onText(String text) {
        consumer.accept(text);
      }
    };
  }

  /**
   * Called with each piece of assistant text as it arrives, in every turn.
   *
   * @param text the new piece only, not the text so far
   */
  default void onText(String text) {}

  /**
   * Called with each piece of thinking text as it arrives.
   *
   * @param thinking the new piece only, not the thinking so far
   */
  default void onThinking(String thinking) {}

  /**
   * Called with each fragment of a tool call's input, to show a call taking shape.
   *
   * @param delta the fragment and the input so far, safe to keep
   */
  default void onToolInputDelta(ToolInputDelta delta) {}

  /**
   * Called with each piece of the answer of an agent built with {@link Agent.Builder#output}, as
   * it streams (after {@link #onText} for the same piece), to show the structured answer taking
   * shape: {@link OutputDelta#partialOutput()} is the answer's JSON parsed so far. Read the whole
   * answer with {@link AgentResult#output}.
   *
   * @param delta the piece and the answer so far in this turn, safe to keep
   */
  default void onOutputDelta(OutputDelta delta) {}

  /**
   * Called when a tool call is fully streamed, before it is validated or run. When the model sent invalid JSON,
   * {@link ContentBlock.ToolUse#invalidInput()} holds it and the parse error.
   *
   * @param call the call as the model made it, whether or not the agent knows the tool
   */
  default void onToolCall(ContentBlock.ToolUse call) {}

  /**
   * Called with each tool result, in the order of the calls, once the reply is complete.
   *
   * @param execution the call, the result sent back to the model (an error result for bad input,
   *     a failed handler or a timeout) and how long it took
   */
  default void onToolResult(ToolExecution execution) {}

  /**
   * Called when the model's call of a server tool (web search, code execution and the like) has
   * streamed. The API runs it; no handler does. Its input grew through {@link #onToolInputDelta}.
   *
   * @param call the call as the model made it
   */
  default void onServerToolCall(ContentBlock.ServerToolUse call) {}

  /**
   * Called when the API's result of a server tool call has arrived, in the reply's order.
   *
   * @param result the result, such as a {@code web_search_tool_result}; {@link
   *     ContentBlock.ServerToolResult#isError()} tells a failure
   */
  default void onServerToolResult(ContentBlock.ServerToolResult result) {}

  /**
   * Called when the model's call of a tool on an MCP server (the MCP connector) has streamed. The
   * API makes the call; no handler does.
   *
   * @param call the call, with the server's name
   */
  default void onMcpToolCall(ContentBlock.McpToolUse call) {}

  /**
   * Called when an MCP server's answer to a call has arrived, in the reply's order.
   *
   * @param result the result as the API relayed it
   */
  default void onMcpToolResult(ContentBlock.McpToolResult result) {}

  /**
   * Called when the API has compacted the conversation: a {@code compaction} block, holding the
   * summary the model goes on from, has streamed. It stays in the history and goes back with it;
   * the requests that follow start from it.
   *
   * @param compaction the block, whose {@link ContentBlock.Compaction#content()} is the summary
   *     (null if the compaction failed)
   */
  default void onCompaction(ContentBlock.Compaction compaction) {}

  /**
   * Called when a turn is over: the model's reply has streamed and, if it asked for tools, their
   * results are in the history.
   *
   * @param turn the turn's number, from 1
   * @param message the model's reply, with this turn's usage
   */
  default void onTurnComplete(int turn, Message message) {}

  /**
   * Called once when the run returns, with its result, as its terminal callback. Not called when
   * the run fails.
   *
   * @param result what the run produced
   */
  default void onComplete(AgentResult result) {}

  /**
   * Called once when the run fails, with the exception about to be thrown, as its terminal
   * callback; not called when the run completes. When a handler or a listener threw an {@link
   * Error}, the run's calls are cancelled first, {@code error} is a plain {@link AgentException}
   * whose cause is that {@code Error}, and the {@code Error} itself is thrown from {@code run}
   * afterwards.
   *
   * @param error why the run ended; its history holds the turns completed before
   */
  default void onError(AgentException error) {}
}
