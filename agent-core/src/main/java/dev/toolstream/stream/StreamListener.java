package dev.toolstream.stream;

import dev.toolstream.errors.ToolstreamException;
import dev.toolstream.messages.ContentBlock;
import dev.toolstream.messages.Message;
import java.util.function.Consumer;

/**
 * Receives a stream's progress as it arrives. Every method has an empty default; override the
 * ones you need.
 *
 * <p>Methods are called in stream order on the thread that reads the stream (the caller's thread,
 * or the executor's for {@link MessageStream#finalMessageAsync(java.util.concurrent.Executor)}).
 * Exactly one terminal method is called: {@link #onMessage(Message)} when the message completes,
 * or {@link #onError(ToolstreamException)} when the stream fails. A listener that throws ends the
 * stream with that exception.
 */
public interface StreamListener {
  /** A listener that does nothing. */
  StreamListener NONE = new StreamListener() {};

  /**
   * Called for every event, before the more specific methods below.
   *
   * @param event the event as parsed, unknown types included
   */
  default void onEvent(StreamEvent event) {}

  /**
   * Called with each piece of the answer's text as it arrives.
   *
   * @param text the new piece only, not the text so far; may be empty
   */
  default void onText(String text) {}

  /**
   * Called with each piece of thinking text as it arrives.
   *
   * @param thinking the new piece only, not the thinking so far
   */
  default void onThinking(String thinking) {}

  /**
   * Called with each fragment of a tool call's input, to show a call taking shape: a client
   * tool's, and also a server tool's or an MCP tool's, which the API runs itself.
   *
   * @param delta the fragment and the input so far, safe to keep
   */
  default void onToolInputDelta(ToolInputDelta delta) {}

  /**
   * Called when a content block is complete, with the block as it will stay: at its {@code
   * content_block_stop}, or at {@code message_start} for a block that arrives whole in it (as a
   * turn resumed from a code-execution container's may).
   *
   * @param index the block's position in the message, from 0
   * @param block the finished block; a tool call's input is parsed, or marked invalid (see {@link
   *     ContentBlock.ToolUse#invalidInput()})
   */
  default void onContentBlock(int index, ContentBlock block) {}

  /**
   * Called once, when {@code message_stop} arrives, with the final message.
   *
   * @param message the complete message, as {@link MessageStream#finalMessage()} returns it
   */
  default void onMessage(Message message) {}

  /**
   * Called once, when the stream fails, with the exception that will be thrown.
   *
   * @param error the failure; a {@link dev.toolstream.errors.StreamException} carries the partial
   *     message
   */
  default void onError(ToolstreamException error) {}

  /**
   * Makes a listener for the common case of printing or relaying the text as it arrives.
   *
   * @param consumer called with each new piece of text, on the thread that reads the stream
   * @return a listener that ignores everything but text
   */
  static StreamListener onText(Consumer<String> consumer) {
    return new StreamListener() {
      @Override
      public void onText(String text) {
        consumer.accept(text);
      }
    };
  }
}
