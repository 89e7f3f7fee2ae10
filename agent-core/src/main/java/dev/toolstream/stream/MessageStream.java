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
   * @param listener the listener, not null; listeners are called in the order they were added
   * @return this stream
   */
  MessageStream addListener(StreamListener listener);

  /**
   * Identifies the request to quote to Anthropic's support.
   *
   * @return the response's {@code request-id} header; null before the response arrives or if it
   *     had none
   */
  @Nullable String requestId();

  /**
   * Reads the events one at a time, each as it is asked for. It can be taken once.
   *
   * @return an iterator whose {@code hasNext()} blocks until the next event arrives and returns
   *     false after {@code message_stop} or once the stream is closed
   * @throws IllegalStateException if the stream was already iterated
   */
  @Override
  Iterator<StreamEvent> iterator();

  /**
   * Reads the events as a {@link Stream}, for use in a try-with-resources.
   *
   * @return a sequential, lazy stream of the events; closing it closes this stream; like {@link
   *     #iterator()}, it can be taken once
   */
  default Stream<StreamEvent> events() {
    return StreamSupport.stream(spliterator(), false).onClose(this::close);
  }

  /**
   * Reads only the text of the answer, piece by piece as it arrives, to print or relay it.
   *
   * @return a sequential, lazy stream of the text deltas, without thinking or tool input; closing
   *     it closes this stream; like {@link #iterator()}, it can be taken once
   */
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
   * @return the complete message, with its stop reason and usage
   * @throws dev.toolstream.errors.StreamException if the stream broke, ended early or carried an
   *     {@code error} event
   */
  Message finalMessage();

  /**
   * Reads the stream on {@code executor} and completes with the final message, or exceptionally
   * with the failure. Listeners are called on the executor's thread.
   *
   * @param executor runs the whole read, so one of its threads is busy until the stream ends
   * @return a future of the final message; cancelling it does not close the stream, {@link
   *     #close()} does
   */
  default CompletableFuture<Message> finalMessageAsync(Executor executor) {
    return CompletableFuture.supplyAsync(this::finalMessage, executor);
  }

  /**
   * Shows the message as far as it has arrived, such as for a progress view or after a failure.
   *
   * @return a snapshot of the message, blocks still streaming included as they stand; its stop
   *     reason is null until {@code message_delta} arrives
   */
  Message currentMessage();

  /** Cancels the call and frees its connection. Safe from any thread, and more than once. */
  @Override
  void close();
}
