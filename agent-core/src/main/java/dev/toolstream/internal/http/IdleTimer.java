package dev.toolstream.internal.http;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import okio.ForwardingSource;
import okio.Okio;
import org.jspecify.annotations.Nullable;

/**
 * Cuts a call that receives nothing for its idle timeout, from the moment it is sent to the end of
 * its body: the client's {@code idleTimeout}. OkHttp's own read timeout does the same through
 * Okio's watchdog, which it wakes on every read of the socket (every 8 KiB of a stream, a
 * measured tenth of a tool stream's time); this timer has one task per quiet spell instead, and a
 * read only notes the time.
 *
 * <p>A watch's task runs when the timeout could have passed; if a byte arrived meanwhile it sets
 * itself again for the rest, else it cancels the call, and the read or the wait for the response
 * that the cancel ends fails as {@link SocketTimeoutException}, as OkHttp's read timeout fails. Its
 * clock is the client's {@link RetryClock}, so that tests can stand time still or move it on.
 */
final class IdleTimer {
  /** Sets a task to run after a delay and returns what cancels it. */
  interface Scheduler {
    /** Runs {@code task} once after {@code delayNanos}; the returned action cancels it. */
    Runnable schedule(Runnable task, long delayNanos);
  }

  /** The library's one idle timer thread, a daemon; its tasks only read a clock and cancel. */
  private static final class Shared {
    static final ScheduledExecutorService TIMER = create();

    private static ScheduledExecutorService create() {
      ScheduledThreadPoolExecutor executor =
          new ScheduledThreadPoolExecutor(
              1,
              runnable -> {
                Thread thread = new Thread(runnable, "toolstream-idle-timer");
                thread.setDaemon(true);
                return thread;
              });
      executor.setRemoveOnCancelPolicy(true);
      return executor;
    }

    static Runnable schedule(Runnable task, long delayNanos) {
      ScheduledFuture<?> future = TIMER.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
      return () -> future.cancel(false);
    }
  }

  private final long idleNanos;
  private final RetryClock clock;
  private final Scheduler scheduler;

  /** Returns a timer of {@code idle} on {@code clock}, run by the library's timer thread. */
  IdleTimer(Duration idle, RetryClock clock) {
    this(idle, clock, Shared::schedule);
  }

  IdleTimer(Duration idle, RetryClock clock, Scheduler scheduler) {
    this.idleNanos = idle.toNanos();
    this.clock = clock;
    this.scheduler = scheduler;
  }

  /** Starts watching a call that {@code cancel} ends, from now. */
  Watch watch(Runnable cancel) {
    Watch watch = new Watch(cancel);
    watch.arm(idleNanos);
    return watch;
  }

  /** Returns {@code response} with its body read through {@code watch}. */
  static Response watched(Response response, Watch watch) {
    return response.newBuilder().body(new WatchedBody(response.body(), watch)).build();
  }

  /** One call's watch: when it last received a byte, and whether its timeout passed. */
  final class Watch implements Runnable {
    private final Runnable cancel;
    private volatile long last = clock.nanoTime();
    private volatile boolean fired;
    private boolean stopped; // Guarded by this.
    private @Nullable Runnable pending; // Guarded by this.

    private Watch(Runnable cancel) {
      this.cancel = cancel;
    }

    /** Notes that bytes arrived now. */
    void progress() {
      last = clock.nanoTime();
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
      long quiet = clock.nanoTime() - last;
      synchronized (this) {
        if (stopped) {
          return;
        }
        if (quiet < idleNanos) {
          arm(idleNanos - quiet);
          return;
        }
        fired = true;
        stopped = true;
        pending = null;
      }
      cancel.run();
    }

    private synchronized void arm(long delayNanos) {
      if (!stopped) {
        pending = scheduler.schedule(this, delayNanos);
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
                    try {
                      read = super.read(sink, byteCount);
                    } catch (IOException e) {
                      throw watch.fired() ? watch.timeout(e) : e;
                    }
                    if (read == -1) {
                      watch.stop();
                    } else {
                      watch.progress();
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
