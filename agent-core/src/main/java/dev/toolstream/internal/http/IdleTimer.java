package dev.toolstream.internal.http;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSink;
import okio.BufferedSource;
import okio.ForwardingSource;
import okio.Okio;
import org.jspecify.annotations.Nullable;

/**
 * Cuts a call that waits for its idle timeout without receiving a byte, while it waits for the
 * response and while a read of its body waits: the client's {@code idleTimeout}. OkHttp's own read
 * timeout does the same through Okio's watchdog, which it wakes on every read of the socket (every
 * 8 KiB of a stream, a measured tenth of a tool stream's time); this timer has one task per quiet
 * spell instead, and a read only notes when it began and that it ended. As with OkHttp's, time
 * the caller spends between reads (a slow listener, say) is never counted, nor is the time spent
 * sending the request's body (OkHttp's write timeout covers a send that stalls): the wait for the
 * response begins once the body is sent.
 *
 * <p>A watch's task runs when the timeout could have passed; if the read that waits began since,
 * it sets itself again for what is left, and if none waits it is not set again until a read waits
 * (so that the timer holds nothing of a call whose caller stopped reading, an unclosed body it
 * dropped say, which OkHttp then reclaims); else it cancels the call, and the read or the wait
 * for the response that the cancel ends fails as {@link SocketTimeoutException}, as OkHttp's read
 * timeout fails. Its clock is the client's {@link RetryClock}, so that tests can stand time still
 * or move it on.
 */
final class IdleTimer {
  /** Sets a task to run after a delay and returns what cancels it. */
  interface Scheduler {
    /** Runs {@code task} once after {@code delayNanos}; the returned action cancels it. */
    Runnable schedule(Runnable task, long delayNanos);
  }

  /** Runs {@code task} on the library's timer thread ({@link Watchdog}). */
  private static Runnable onWatchdog(Runnable task, long delayNanos) {
    ScheduledFuture<?> future = Watchdog.TIMER.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
    return () -> future.cancel(false);
  }

  private final long idleNanos;
  private final RetryClock clock;
  private final Scheduler scheduler;

  /** Returns a timer of {@code idle} on {@code clock}, run by the library's timer thread. */
  IdleTimer(Duration idle, RetryClock clock) {
    this(idle, clock, IdleTimer::onWatchdog);
  }

  IdleTimer(Duration idle, RetryClock clock, Scheduler scheduler) {
    this.idleNanos = idle.toNanos();
    this.clock = clock;
    this.scheduler = scheduler;
  }

  /**
   * Returns a watch that times nothing until it is {@linkplain Watch#start started}, so that the
   * call it watches can be made of a request {@linkplain #sending sent through it}.
   */
  Watch watch() {
    return new Watch();
  }

  /**
   * Returns {@code request} with its body, if it has one, sent through {@code watch}: the watch
   * does not count the time spent sending it, and counts the wait for the response from its end.
   */
  static Request sending(Request request, Watch watch) {
    RequestBody body = request.body();
    if (body == null) {
      return request;
    }
    return request.newBuilder().method(request.method(), new SentBody(body, watch)).build();
  }

  /**
   * Returns {@code response}, whose headers {@code watch} waited for, with its body read through
   * the watch.
   */
  static Response watched(Response response, Watch watch) {
    watch.received();
    return response.newBuilder().body(new WatchedBody(response.body(), watch)).build();
  }

  /** One call's watch: whether it waits for bytes and since when, and whether it was cut. */
  final class Watch implements Runnable {
    private @Nullable Runnable cancel; // Set once by start(), before the task is first set.
    // Written in this order (since, then waiting), and read by a task after its clock, so that a
    // task that sees a wait sees its start or a later one, and the wait was under way when the
    // task read the clock: it may miss a cut by a turn, never cut early.
    private volatile long since;
    private volatile boolean waiting;
    // Whether a task is set, or runs and may set itself again; cleared (under this) only by the
    // task that finds no wait, which then looks again, so that it or a wait that begins sets one.
    private volatile boolean armed;
    private volatile boolean fired;
    private boolean stopped; // Guarded by this.
    private @Nullable Runnable pending; // Guarded by this.

    private Watch() {}

    /** Starts watching, from now, a call that {@code cancel} ends: it waits for its response. */
    synchronized void start(Runnable cancel) {
      this.cancel = cancel;
      waiting();
    }

    /** Notes that the caller begins to wait for bytes now, setting the task if none is set. */
    void waiting() {
      since = clock.nanoTime();
      waiting = true;
      if (!armed) {
        rearm();
      }
    }

    private synchronized void rearm() {
      if (!armed) {
        arm(idleNanos);
      }
    }

    /** Notes that the wait ended: bytes (or the end) arrived. */
    void received() {
      waiting = false;
    }

    /** Stops watching; a task already set does nothing. Safe to call more than once. */
    synchronized void stop() {
      stopped = true;
      if (pending != null) {
        pending.run();
        pending = null;
      }
    }

    /** Returns whether the timeout passed and the call was cancelled for it. */
    boolean fired() {
      return fired;
    }

    /** Returns the failure a read or wait ended by this watch's cancel is reported as. */
    SocketTimeoutException timeout(Exception cause) {
      SocketTimeoutException timeout =
          new SocketTimeoutException(
              "no byte arrived for " + Duration.ofNanos(idleNanos).toMillis() + " ms (idleTimeout)");
      timeout.initCause(cause);
      return timeout;
    }

    @Override
    public void run() {
      // The clock first: a wait seen after it was read waited until then at least, however long
      // this thread is held up between the readings. Read after, the time since a wait that ended
      // meanwhile (a caller's, between reads) would count.
      long now = clock.nanoTime();
      boolean waits = waiting;
      long quiet = now - since;
      Runnable cut;
      synchronized (this) {
        if (stopped) {
          return;
        }
        if (!waits) {
          armed = false;
          pending = null;
          if (waiting) {
            // A wait began meanwhile and found this task still set. This task clears armed, then
            // looks at waiting; a wait sets waiting, then looks at armed: one sees the other.
            arm(idleNanos);
          }
          return;
        }
        if (quiet < idleNanos) {
          arm(idleNanos - Math.max(quiet, 0)); // A wait that began after the clock waited nothing.
          return;
        }
        fired = true;
        stopped = true;
        pending = null;
        cut = cancel;
      }
      cut.run();
    }

    private synchronized void arm(long delayNanos) {
      if (!stopped && cancel != null) {
        armed = true;
        pending = scheduler.schedule(this, delayNanos);
      }
    }
  }

  /**
   * A request body whose sending the watch does not count: from its start until all of it is
   * flushed to the connection (so that no part of it goes out after), no read waits.
   */
  private static final class SentBody extends RequestBody {
    private final RequestBody body;
    private final Watch watch;

    SentBody(RequestBody body, Watch watch) {
      this.body = body;
      this.watch = watch;
    }

    @Override
    public @Nullable MediaType contentType() {
      return body.contentType();
    }

    @Override
    public long contentLength() throws IOException {
      return body.contentLength();
    }

    @Override
    public boolean isDuplex() {
      return body.isDuplex();
    }

    @Override
    public boolean isOneShot() {
      return body.isOneShot();
    }

    @Override
    public void writeTo(BufferedSink sink) throws IOException {
      watch.received(); // Sending is not waiting.
      try {
        body.writeTo(sink);
        sink.flush();
      } finally {
        watch.waiting(); // For the response, from now.
      }
    }
  }

  /** A response body whose reads tell the watch that bytes arrived, and whose end stops it. */
  private static final class WatchedBody extends ResponseBody {
    private final ResponseBody body;
    private final Watch watch;
    private @Nullable BufferedSource source;

    WatchedBody(ResponseBody body, Watch watch) {
      this.body = body;
      this.watch = watch;
    }

    @Override
    public @Nullable MediaType contentType() {
      return body.contentType();
    }

    @Override
    public long contentLength() {
      return body.contentLength();
    }

    @Override
    public synchronized BufferedSource source() {
      if (source == null) {
        source =
            Okio.buffer(
                new ForwardingSource(body.source()) {
                  @Override
                  public long read(Buffer sink, long byteCount) throws IOException {
                    long read;
                    watch.waiting();
                    try {
                      read = super.read(sink, byteCount);
                    } catch (IOException e) {
                      throw watch.fired() ? watch.timeout(e) : e;
                    } finally {
                      watch.received();
                    }
                    if (read == -1) {
                      watch.stop();
                    }
                    return read;
                  }

                  @Override
                  public void close() throws IOException {
                    watch.stop();
                    super.close();
                  }
                });
      }
      return source;
    }
  }
}
