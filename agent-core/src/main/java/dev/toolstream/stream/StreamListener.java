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

  /** Called for every event, before the more specific methods below. */
  default void onEvent(StreamEvent event) {}

  /** Called with each piece of text as it arrives. */
  default void onText(String text) {}

  /** Called with each piece of thinking text as it arrives. */
  default void onThinking(String thinking) {}

  /** Called with each fragment of a tool call's input, and the input parsed so far. */
  default void onToolInputDelta(ToolInputDelta delta) {}

  /** Called when a content block is complete, with the block as it will stay. */
  default void onContentBlock(int index, ContentBlock block) {}

  /** Called once, when {@code message_stop} arrives, with the final message. */
  default void onMessage(Message message) {}

  /** Called once, when the stream fails, with the exception that will be thrown. */
  default void onError(ToolstreamException error) {}

  /** Returns a listener that passes each piece of text to {@code consumer}. */
  static StreamListener onText(Consumer<String> consumer) {
    return new StreamListener() {
      @Override
      public void onText(String text) {
        consumer.accept(text);
      }
    };
  }
}
