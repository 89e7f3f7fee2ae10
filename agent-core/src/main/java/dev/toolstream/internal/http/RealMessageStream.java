package dev.toolstream.internal.http;

import dev.toolstream.errors.ApiTimeoutException;
import dev.toolstream.errors.IncompleteStreamException;
import dev.toolstream.errors.MalformedStreamException;
import dev.toolstream.errors.StreamErrorException;
import dev.toolstream.errors.ToolstreamException;
import dev.toolstream.internal.sse.EventParser;
import dev.toolstream.internal.sse.SseReader;
import dev.toolstream.messages.ContentBlock;
import dev.toolstream.messages.Message;
import dev.toolstream.stream.Delta;
import dev.toolstream.stream.MessageAccumulator;
import dev.toolstream.stream.MessageStream;
import dev.toolstream.stream.StreamEvent;
import dev.toolstream.stream.StreamLimits;
import dev.toolstream.stream.StreamListener;
import dev.toolstream.stream.ToolInputDelta;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import okhttp3.Request;
import okhttp3.Response;
import okio.Okio;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;

/**
 * The {@link MessageStream} of a call: opens the body with a {@link StreamOpener} on first read,
 * reads server-sent events from it with an {@link SseReader}, parses each with {@link
 * EventParser}, accumulates them and calls the listeners, all on the reading thread.
 */
public final class RealMessageStream implements MessageStream {
  private final StreamOpener opener;
  private final StreamLimits limits;
  private final MessageAccumulator accumulator;
  private final List<StreamListener> listeners = new ArrayList<>();
  private final SseReader.DataHandler handler = this::onSse;
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

  private RealMessageStream(StreamLimits limits, StreamOpener opener) {
    this.opener = opener;
    this.limits = limits;
    this.accumulator = new MessageAccumulator(limits);
  }

  /**
   * Returns a stream that sends {@code request} through {@code caller} on first read, retrying as
   * the caller does, and reads the response within {@code limits}.
   */
  public static MessageStream open(RetryingCaller caller, Request request, StreamLimits limits) {
    RetryingCaller.CallHolder holder = new RetryingCaller.CallHolder();
    return open(
        limits,
        new StreamOpener() {
          @Override
          public Opened open() {
            Response response = caller.execute(request, holder);
            return new Opened(response.body().source(), response.header("request-id"));
          }

          @Override
          public String redact(String text) {
            return caller.redact(text);
          }

          @Override
          public void cancel() {
            holder.cancel();
          }

          @Override
          public boolean deadlinePassed() {
            return holder.deadlinePassed();
          }
        });
  }

  private static MessageStream open(StreamLimits limits, StreamOpener opener) {
    return new RealMessageStream(
        Objects.requireNonNull(limits, "limits == null"),
        Objects.requireNonNull(opener, "opener == null"));
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

  @Override
  public MessageStream addListener(StreamListener listener) {
    if (Objects.requireNonNull(listener, "listener == null") != StreamListener.NONE) {
      listeners.add(listener); // NONE does nothing: the deltas need not be shown to it.
    }
    return this;
  }

  @Override
  public @Nullable String requestId() {
    return opened == null ? null : opened.requestId();
  }

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

  @Override
  public Message finalMessage() {
    readToEnd();
    if (finalMessage == null) {
      throw fail(incomplete("the stream was closed before message_stop", null));
    }
    return finalMessage;
  }

  @Override
  public Message currentMessage() {
    return accumulator.message();
  }

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

  /**
   * Reads every event left, each accumulated and passed to the listeners as it is read, taking the
   * body's lock once for the whole read rather than twice per event: {@link #close()} from another
   * thread is seen at the next event (or, mid-read, by the cancelled socket), as with {@link
   * #nextEvent()}.
   */
  private void readToEnd() {
    if (failure != null) {
      throw failure;
    }
    synchronized (bodyLock) {
      if (closed && !ended) {
        ended = true;
        releaseBody();
      }
      if (ended) {
        return;
      }
      reading = true;
    }
    try {
      while (!ended) {
        if (closed) {
          ended = true;
        } else {
          readEvent();
        }
      }
    } finally {
      synchronized (bodyLock) {
        reading = false;
        if (ended || closed) {
          releaseBody();
        }
      }
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

  private void onSse(@Nullable String eventName, byte[] data, int length) {
    try {
      parsed = EventParser.parse(eventName, data, length);
    } catch (JacksonException e) {
      String text = new String(data, 0, length, StandardCharsets.UTF_8);
      throw new MalformedStreamException(
          "an event's data is not valid JSON: " + EventParser.abbreviate(text),
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
    } else if (event instanceof StreamEvent.MessageStart start) {
      // Blocks that came whole in message_start are complete as they arrive.
      List<ContentBlock> content = start.message().content();
      for (int index = 0; index < content.size(); index++) {
        for (StreamListener listener : listeners) {
          listener.onContentBlock(index, content.get(index));
        }
      }
    } else if (event instanceof StreamEvent.StreamError error) {
      throw new StreamErrorException(
          error.errorType(), opener.redact(error.message()), accumulator.message(), requestId());
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
    } else if (delta instanceof Delta.InputJson) {
      ToolInputDelta inputDelta = accumulator.toolInputDelta(event);
      if (inputDelta != null) {
        listeners.forEach(l -> l.onToolInputDelta(inputDelta));
      }
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
