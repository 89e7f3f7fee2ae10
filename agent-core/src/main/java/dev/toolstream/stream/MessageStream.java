package dev.toolstream.stream;

import dev.toolstream.messages.Message;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;

/**
 * One streamed message: iterate its {@link StreamEvent}s, read only its text with {@link
 * #textStream()}, or wait for the accumulated {@link #finalMessage()}. Listeners added with {@link
 * #addListener(StreamListener)} see every piece as it arrives, whichever way the stream is read.
 * {@link dev.toolstream.client.MessagesClient#stream} returns one for a request, and {@link
 * dev.toolstream.client.MessagesClient#streamOf(java.io.InputStream)} one for recorded bytes.
 *
 * <p>The request is sent when the stream is first read, on the reading thread; retries happen
 * then, before the first byte of the body. Events are read one at a time, and never before they
 * are asked for. A stream can be read once. It is not thread-safe, except {@link #close()}, which
 * may be called from any thread to cancel the call and free its connection at once.
 *
 * <p>Failures are thrown as they are met, always unchecked: an {@link
 * dev.toolstream.errors.ApiException} or {@link dev.toolstream.errors.ApiConnectionException} when
 * the request fails ({@link dev.toolstream.errors.RequestCancelledException} if the reading thread
 * was interrupted before the body began, with its interrupt status kept), a {@link
 * dev.toolstream.errors.StreamException} (holding the partial message) when the stream breaks, ends
 * early or carries an {@code error} event, and an {@link dev.toolstream.errors.ApiTimeoutException}
 * whose cause is an {@link dev.toolstream.errors.IncompleteStreamException} with the partial
 * message when the client's deadline passes mid-stream. A stream that breaks the protocol (a block
 * index out of order, a delta for a block that is not open) or crosses one of its {@link
 * StreamLimits} fails with a {@link dev.toolstream.errors.MalformedStreamException} as soon as it
 * does, having buffered no more than the limit.
 */
public interface MessageStream extends AutoCloseable, Iterable<StreamEvent> {
  /**
   * Adds a listener, called for everything read from now on. Add listeners before reading.
   *
   * @return this stream
   */
  MessageStream addListener(StreamListener listener);

  /** Returns the {@code request-id} of the response, or null before it arrives or if it had none. */
  @Nullable String requestId();

  /**
   * Returns an iterator over the events, reading each as it is asked for. It can be taken once.
   *
   * @throws IllegalStateException if the stream was already iterated
   */
  @Override
  Iterator<StreamEvent> iterator();

  /** Returns the events as a sequential {@link Stream}; closing it closes this stream. */
  default Stream<StreamEvent> events() {
    return StreamSupport.stream(spliterator(), false).onClose(this::close);
  }

  /** Returns only the text deltas, as they arrive, as a sequential {@link Stream}. */
  default Stream<String> textStream() {
    return events()
        .filter(
            e -> e instanceof StreamEvent.ContentBlockDelta d && d.delta() instanceof Delta.Text)
        .map(e -> ((Delta.Text) ((StreamEvent.ContentBlockDelta) e).delta()).text());
  }

  /**
   * Reads the rest of the stream and returns the accumulated message, equal to what a
   * non-streaming call returns for the same content. Returns at once if the stream was already
   * read to its end.
   *
   * @throws dev.toolstream.errors.StreamException if the stream broke, ended early or carried an
   *     {@code error} event
   */
  Message finalMessage();

  /**
   * Reads the stream on {@code executor} and completes with the final message, or exceptionally
   * with the failure. Listeners are called on the executor's thread.
   */
  default CompletableFuture<Message> finalMessageAsync(Executor executor) {
    return CompletableFuture.supplyAsync(this::finalMessage, executor);
  }

  /** Returns the message as accumulated so far, blocks still streaming included as they stand. */
  Message currentMessage();

  /** Cancels the call and frees its connection. Safe from any thread, and more than once. */
  @Override
  void close();
}
