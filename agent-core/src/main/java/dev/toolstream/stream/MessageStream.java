package dev.toolstream.stream;

import dev.toolstream.client.StreamLimits;
import dev.toolstream.errors.ApiTimeoutException;
import dev.toolstream.errors.IncompleteStreamException;
import dev.toolstream.errors.MalformedStreamException;
import dev.toolstream.errors.StreamErrorException;
import dev.toolstream.errors.StreamException;
import dev.toolstream.errors.ToolstreamException;
import dev.toolstream.internal.http.StreamOpener;
import dev.toolstream.internal.json.EventParser;
import dev.toolstream.internal.sse.SseReader;
import dev.toolstream.messages.ContentBlock;
import dev.toolstream.messages.Message;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import okio.Okio;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;

/**
 * One streamed message: iterate its {@link StreamEvent}s, read only its text with {@link
 * #textStream()}, or wait for the accumulated {@link #finalMessage()}. Listeners added with {@link
 * #addListener(StreamListener)} see every piece as it arrives, whichever way the stream is read.
 *
 * <p>The request is sent when the stream is first read, on the reading thread; retries happen
 * then, before the first byte of the body. Events are read one at a time, and never before they
 * are asked for. A stream can be read once. It is not thread-safe, except {@link #close()}, which
 * may be called from any thread to cancel the call and free its connection at once.
 *
 * <p>Failures are thrown as they are met, always unchecked: an {@link
 * dev.toolstream.errors.ApiException} or {@link dev.toolstream.errors.ApiConnectionException} when
 * the request fails ({@link dev.toolstream.errors.RequestCancelledException} if the reading thread
 * was interrupted before the body began, with its interrupt status kept), a {@link StreamException}
 * (holding the partial message) when the stream breaks, ends early or carries an {@code error}
 * event, and an {@link ApiTimeoutException} whose cause is an {@link IncompleteStreamException}
 * with the partial message when the client's deadline passes mid-stream. A stream that breaks the
 * protocol (a block index out of order, a delta for a block that is not open) or crosses one of
 * its {@link StreamLimits} fails with a {@link MalformedStreamException} as soon as it does, having
 * buffered no more than the limit.
 */
public final class MessageStream implements AutoCloseable, Iterable<StreamEvent> {
  private final StreamOpener opener;
  private final StreamLimits limits;
  private final MessageAccumulator accumulator;
  private final List<StreamListener> listeners = new ArrayList<>();
  private final SseReader.Handler handler = this::onSse;
  private final Object bodyLock = new Object();
  private boolean reading; // Guarded by bodyLock: a read is under way, so close() must not touch the body.
  private boolean released; // Guarded by bodyLock.
  private StreamOpener.@Nullable Opened opened; // Written while reading; read under bodyLock otherwise.
  private @Nullable SseReader reader;
  private @Nullable StreamEvent parsed;
  private @Nullable StreamEvent peeked;
  private @Nullable Message finalMessage;
  private @Nullable ToolstreamException failure;
  private volatile boolean closed;
  private boolean ended;
  private boolean iterated;

  private MessageStream(StreamLimits limits, StreamOpener opener) {
    this.opener = opener;
    this.limits = limits;
    this.accumulator = new MessageAccumulator(limits);
  }

  /**
   * Returns a stream that opens its body with {@code opener} on first read and holds it to {@code
   * limits}. {@link dev.toolstream.client.MessagesClient#stream} is the usual way to get one.
   */
  public static MessageStream open(StreamLimits limits, StreamOpener opener) {
    return new MessageStream(
        Objects.requireNonNull(limits, "limits == null"),
        Objects.requireNonNull(opener, "opener == null"));
  }

  /**
   * Returns a stream that reads server-sent events from {@code body}, such as a recorded stream
   * in a file, within the default {@link StreamLimits}. Closing the stream closes {@code body}.
   */
  public static MessageStream of(InputStream body) {
    return of(body, StreamLimits.DEFAULTS);
  }

  /**
   * Returns a stream that reads server-sent events from {@code body} within {@code limits}.
   * Closing the stream closes {@code body}.
   */
  public static MessageStream of(InputStream body, StreamLimits limits) {
    Objects.requireNonNull(body, "body == null");
    StreamOpener.Opened opened = new StreamOpener.Opened(Okio.buffer(Okio.source(body)), null);
    return open(
        limits,
        new StreamOpener() {
          @Override
          public Opened open() {
            return opened;
          }

          @Override
          public void cancel() {
            try {
              body.close();
            } catch (IOException ignored) {
              // Closing is best effort; the stream is over either way.
            }
          }
        });
  }

  /**
   * Adds a listener, called for everything read from now on. Add listeners before reading.
   *
   * @return this stream
   */
  public MessageStream addListener(StreamListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener == null"));
    return this;
  }

  /** Returns the {@code request-id} of the response, or null before it arrives or if it had none. */
  public @Nullable String requestId() {
    return opened == null ? null : opened.requestId();
  }

  /**
   * Returns an iterator over the events, reading each as it is asked for. It can be taken once.
   *
   * @throws IllegalStateException if the stream was already iterated
   */
  @Override
  public Iterator<StreamEvent> iterator() {
    if (iterated) {
      throw new IllegalStateException("a MessageStream can be iterated once");
    }
    iterated = true;
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        if (peeked == null) {
          peeked = nextEvent();
        }
        return peeked != null;
      }

      @Override
      public StreamEvent next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        StreamEvent event = peeked;
        peeked = null;
        return event;
      }
    };
  }

  /** Returns the events as a sequential {@link Stream}; closing it closes this stream. */
  public Stream<StreamEvent> events() {
    return StreamSupport.stream(spliterator(), false).onClose(this::close);
  }

  /** Returns only the text deltas, as they arrive, as a sequential {@link Stream}. */
  public Stream<String> textStream() {
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
   * @throws StreamException if the stream broke, ended early or carried an {@code error} event
   */
  public Message finalMessage() {
    while (nextEvent() != null) {
      // Each event is accumulated and passed to the listeners as it is read.
    }
    if (finalMessage == null) {
      throw fail(incomplete("the stream was closed before message_stop", null));
    }
    return finalMessage;
  }

  /**
   * Reads the stream on {@code executor} and completes with the final message, or exceptionally
   * with the failure. Listeners are called on the executor's thread.
   */
  public CompletableFuture<Message> finalMessageAsync(Executor executor) {
    return CompletableFuture.supplyAsync(this::finalMessage, executor);
  }

  /** Returns the message as accumulated so far, blocks still streaming included as they stand. */
  public Message currentMessage() {
    return accumulator.message();
  }

  /** Cancels the call and frees its connection. Safe from any thread, and more than once. */
  @Override
  public void close() {
    closed = true;
    opener.cancel();
    synchronized (bodyLock) {
      if (!reading) {
        releaseBody();
      }
      // Otherwise the reading thread, woken by the cancelled socket, releases the body itself:
      // Okio buffers are not thread-safe, so only one thread may touch the body at a time.
    }
  }

  private @Nullable StreamEvent nextEvent() {
    if (failure != null) {
      throw failure;
    }
    synchronized (bodyLock) {
      if (closed && !ended) {
        ended = true;
        releaseBody();
      }
      if (ended) {
        return null;
      }
      reading = true;
    }
    try {
      return readEvent();
    } finally {
      synchronized (bodyLock) {
        reading = false;
        if (ended || closed) {
          releaseBody();
        }
      }
    }
  }

  /**
   * Closes the body once, which hands the connection back to OkHttp: to its pool after a complete
   * stream, to be discarded after a cancelled one. Cancelling alone breaks the socket but leaves
   * the call holding its connection until the body is closed.
   */
  private void releaseBody() {
    if (released || opened == null) {
      return;
    }
    released = true;
    try {
      opened.body().close();
    } catch (IOException | RuntimeException ignored) {
      // Best effort: the stream is over either way, and a failure to release loses nothing.
    }
  }

  private @Nullable StreamEvent readEvent() {
    try {
      if (reader == null) {
        opened = opener.open();
        reader =
            new SseReader(opened.body(), limits.maxEventBytes(), limits.maxMessageBytes());
      }
      if (!reader.next(handler)) {
        if (closed) {
          ended = true;
          return null;
        }
        throw incomplete("the stream ended before message_stop", null);
      }
      StreamEvent event = parsed;
      parsed = null;
      deliver(event);
      return event;
    } catch (SseReader.TooLargeException e) {
      throw fail(
          new MalformedStreamException(e.getMessage(), accumulator.message(), requestId(), e));
    } catch (IOException e) {
      return readFailed(e);
    } catch (ToolstreamException e) {
      throw fail(e);
    } catch (RuntimeException | Error e) {
      // A listener threw: end the stream with its exception.
      ended = true;
      opener.cancel();
      throw e;
    } catch (Exception e) { // OkHttp and Okio may throw InterruptedException, undeclared.
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      return readFailed(e);
    }
  }

  /** Ends the stream after a failed read: quietly if closed, else as a timeout or a break. */
  private @Nullable StreamEvent readFailed(Exception e) {
    if (closed) {
      ended = true;
      return null;
    }
    if (opener.deadlinePassed()) {
      throw fail(
          new ApiTimeoutException(
              "the call's deadline passed before message_stop; the cause holds the partial message",
              incomplete("the deadline passed mid-stream", e)));
    }
    throw fail(incomplete("the stream broke before message_stop: " + e, e));
  }

  private void onSse(@Nullable String eventName, String data) {
    try {
      parsed = EventParser.parse(eventName, data);
    } catch (JacksonException e) {
      throw new MalformedStreamException(
          "an event's data is not valid JSON: " + EventParser.abbreviate(data),
          accumulator.message(),
          requestId(),
          e);
    } catch (IllegalArgumentException e) {
      throw new MalformedStreamException(e.getMessage(), accumulator.message(), requestId(), e);
    }
  }

  private void deliver(StreamEvent event) {
    ContentBlock done;
    try {
      done = accumulator.accept(event);
    } catch (IllegalStateException e) {
      throw new MalformedStreamException(e.getMessage(), accumulator.message(), requestId(), e);
    }
    for (StreamListener listener : listeners) {
      listener.onEvent(event);
    }
    if (event instanceof StreamEvent.ContentBlockDelta delta) {
      deliverDelta(delta);
    } else if (done != null) {
      int index = ((StreamEvent.ContentBlockStop) event).index();
      for (StreamListener listener : listeners) {
        listener.onContentBlock(index, done);
      }
    } else if (event instanceof StreamEvent.Error error) {
      throw new StreamErrorException(
          error.errorType(), error.message(), accumulator.message(), requestId());
    } else if (event instanceof StreamEvent.MessageStop) {
      Message message = accumulator.message();
      finish(message);
      for (StreamListener listener : listeners) {
        listener.onMessage(message);
      }
    }
  }

  private void deliverDelta(StreamEvent.ContentBlockDelta event) {
    if (listeners.isEmpty()) {
      return;
    }
    Delta delta = event.delta();
    if (delta instanceof Delta.Text text) {
      listeners.forEach(l -> l.onText(text.text()));
    } else if (delta instanceof Delta.Thinking thinking) {
      listeners.forEach(l -> l.onThinking(thinking.thinking()));
    } else if (delta instanceof Delta.InputJson json) {
      ContentBlock block = accumulator.startedBlock(event.index());
      String id = block instanceof ContentBlock.ToolUse call ? call.id() : "";
      String name = block instanceof ContentBlock.ToolUse call ? call.name() : block.type();
      CharSequence buffer = accumulator.inputJson(event.index());
      ToolInputDelta inputDelta =
          new ToolInputDelta(event.index(), id, name, json.partialJson(), buffer, buffer.length());
      listeners.forEach(l -> l.onToolInputDelta(inputDelta));
    }
  }

  private void finish(Message message) {
    finalMessage = message;
    ended = true; // nextEvent() releases the body, which returns the connection to the pool.
  }

  private ToolstreamException fail(ToolstreamException e) {
    if (failure == null) {
      failure = e;
      ended = true;
      opener.cancel();
      for (StreamListener listener : listeners) {
        listener.onError(e);
      }
    }
    return failure;
  }

  private IncompleteStreamException incomplete(String message, @Nullable Throwable cause) {
    return new IncompleteStreamException(message, accumulator.message(), requestId(), cause);
  }
}
