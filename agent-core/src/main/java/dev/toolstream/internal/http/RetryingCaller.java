package dev.toolstream.internal.http;

import dev.toolstream.errors.ApiConnectionException;
import dev.toolstream.errors.ApiTimeoutException;
import dev.toolstream.errors.RequestCancelledException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedByInterruptException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Headers;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executes one API request, retrying by the {@link RetryPolicy} until a successful response
 * arrives. Retries happen only before a response is returned: once the caller has the body, the
 * request is never sent again. An optional deadline bounds the whole call: every attempt, every
 * wait between attempts and the reading of the body.
 */
public final class RetryingCaller {
  private static final Logger log = LoggerFactory.getLogger("dev.toolstream.client");

  private final OkHttpClient http;
  private final RetryPolicy policy;
  private final @Nullable Duration deadline;
  private final RetryClock clock;
  private final Secrets secrets;
  private final int maxErrorBodyBytes;
  private final IdleTimer idle;

  /**
   * Returns a caller that sends with {@code http}, retries by {@code policy}, gives up when {@code
   * deadline} (if not null) has passed since the call began, cuts an attempt that receives nothing
   * for {@code idleTimeout} (while it connects and waits for the response, but not while it sends
   * the request's body, and while its body is read), timed by {@code clock}, reads at most {@code
   * maxErrorBodyBytes} of an error response's body, and blanks {@code secrets} out of the error
   * bodies and failures it reports. {@code http} should have no read timeout of its own: this
   * caller's idle timer replaces it.
   */
  public RetryingCaller(
      OkHttpClient http,
      RetryPolicy policy,
      @Nullable Duration deadline,
      Duration idleTimeout,
      RetryClock clock,
      Secrets secrets,
      int maxErrorBodyBytes) {
    this.idle = new IdleTimer(idleTimeout, clock);
    this.http = http;
    this.policy = policy;
    this.deadline = deadline;
    this.clock = clock;
    this.secrets = secrets;
    this.maxErrorBodyBytes = maxErrorBodyBytes;
  }

  /**
   * Sends {@code request} and returns its successful response; the caller must close it.
   *
   * @throws dev.toolstream.errors.ApiException for an error status, after retries
   * @throws ApiTimeoutException if the deadline passed, or would pass during a wait to retry
   * @throws RequestCancelledException if the holder was cancelled or the thread interrupted
   * @throws ApiConnectionException if the API could not be reached, after retries
   */
  public Response execute(Request request, CallHolder holder) {
    holder.start(clock, deadline);
    for (int attempt = 0; ; attempt++) {
      IdleTimer.Watch watch = idle.watch();
      Call call = http.newCall(IdleTimer.sending(request, watch));
      long left = holder.nanosLeft();
      if (left <= 0) {
        throw deadlinePassed(request, attempt, null);
      }
      if (left != Long.MAX_VALUE) {
        call.timeout().timeout(left, TimeUnit.NANOSECONDS);
      }
      holder.set(call);
      watch.start(call::cancel);
      Response response;
      try {
        response = call.execute();
      } catch (Exception e) { // OkHttp also throws InterruptedException, undeclared.
        watch.stop();
        IOException failure =
            failure(request, call, holder, attempt, watch.fired() ? watch.timeout(e) : e);
        if (attempt >= policy.maxRetries()) {
          throw connectionFailure(request, failure, attempt, secrets);
        }
        Duration wait = policy.delay(attempt, Headers.of());
        log.info("{} failed ({}); retrying in {} ms (retry {} of {})", describe(request),
            secrets.redact(failure.toString()),
            wait.toMillis(), attempt + 1, policy.maxRetries());
        sleep(request, holder, wait, attempt);
        continue;
      }
      String requestId = response.header("request-id");
      if (response.isSuccessful()) {
        log.debug("{} -> {} (request-id {})", describe(request), response.code(), requestId);
        return IdleTimer.watched(response, watch);
      }
      // A proxy may echo the request's headers in its error body: the key must not ride along.
      String body = secrets.redact(ApiErrors.readBody(response, maxErrorBodyBytes));
      watch.stop();
      int status = response.code();
      if (attempt < policy.maxRetries() && policy.shouldRetry(status, response.headers(), body)) {
        Duration wait = policy.delay(attempt, response.headers());
        log.info("{} -> {} (request-id {}); retrying in {} ms (retry {} of {})", describe(request),
            status, requestId, wait.toMillis(), attempt + 1, policy.maxRetries());
        sleep(request, holder, wait, attempt);
        continue;
      }
      log.debug("{} -> {} (request-id {})", describe(request), status, requestId);
      throw ApiErrors.from(status, response.headers(), body);
    }
  }

  /**
   * Maps what a call threw: a cancel or an interrupt ends the call at once, the deadline ends it
   * as a timeout, and any other I/O failure is returned to be retried.
   */
  private IOException failure(
      Request request, Call call, CallHolder holder, int attempt, Exception e) {
    if (isInterrupt(e)) {
      Thread.currentThread().interrupt(); // Whoever threw it may have cleared the status.
      throw new RequestCancelledException(
          "the thread was interrupted while calling " + describe(request), e);
    }
    if (holder.isCancelled()) {
      throw new RequestCancelledException("the request was cancelled", e);
    }
    if (holder.nanosLeft() <= 0) {
      throw deadlinePassed(request, attempt, e);
    }
    if (call.isCanceled() && !(e instanceof SocketTimeoutException)) {
      throw new RequestCancelledException("the request was cancelled", e);
    }
    if (e instanceof IOException io) {
      return io;
    }
    if (e instanceof RuntimeException unchecked) {
      throw unchecked;
    }
    return new IOException(e); // Another undeclared checked exception: a connection failure.
  }

  private static boolean isInterrupt(Exception e) {
    return e instanceof InterruptedException
        || e instanceof ClosedByInterruptException
        || (e instanceof InterruptedIOException
            && !(e instanceof SocketTimeoutException)
            && Thread.currentThread().isInterrupted());
  }

  private void sleep(Request request, CallHolder holder, Duration wait, int attempt) {
    if (wait.toNanos() >= holder.nanosLeft()) {
      throw new ApiTimeoutException(
          "gave up on " + describe(request) + " after " + (attempt + 1) + " attempts: the wait of "
              + wait.toMillis() + " ms before the next would pass the deadline of "
              + deadline.toMillis() + " ms", null);
    }
    try {
      clock.sleep(wait, holder);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RequestCancelledException("interrupted while waiting to retry", e);
    }
    if (holder.isCancelled()) {
      throw new RequestCancelledException("the request was cancelled", null);
    }
  }

  private ApiTimeoutException deadlinePassed(
      Request request, int attempt, @Nullable Throwable cause) {
    String tries = attempt == 0 ? "" : " (" + (attempt + 1) + " attempts)";
    return new ApiTimeoutException(
        "the deadline of " + deadline.toMillis() + " ms passed calling " + describe(request)
            + tries, cause);
  }

  private static ApiConnectionException connectionFailure(
      Request request, IOException e, int retries, Secrets secrets) {
    String tries = retries == 0 ? "" : " after " + (retries + 1) + " attempts";
    if (e instanceof SocketTimeoutException || e instanceof InterruptedIOException) {
      return new ApiTimeoutException(
          "timed out calling " + describe(request) + tries + ": "
              + secrets.redact(String.valueOf(e.getMessage())), e);
    }
    return new ApiConnectionException(
        "could not reach " + describe(request) + tries + ": " + secrets.redact(e.toString()), e);
  }

  /** Returns {@code text} with the client's key and token, or long pieces of them, blanked out. */
  public String redact(String text) {
    return secrets.redact(text);
  }

  /** Names the request for a message, without any user name or password the base URL holds. */
  private static String describe(Request request) {
    return request.method() + " " + request.url().newBuilder().username("").password("").build();
  }

  /**
   * Holds the call in flight so that another thread can cancel it or its wait to retry, and the
   * call's deadline so that the reader of its body can tell a deadline from a broken stream.
   */
  public static final class CallHolder {
    private @Nullable Call call;
    private boolean cancelled;
    private @Nullable RetryClock clock;
    private long deadlineNanos; // On clock's time line, when deadline is set.
    private boolean hasDeadline;

    synchronized void start(RetryClock clock, @Nullable Duration deadline) {
      this.clock = clock;
      this.hasDeadline = deadline != null;
      if (deadline != null) {
        this.deadlineNanos = clock.nanoTime() + deadline.toNanos();
      }
    }

    synchronized void set(Call call) {
      this.call = call;
      if (cancelled) {
        call.cancel();
      }
    }

    /** Returns the time left before the deadline, or {@link Long#MAX_VALUE} without one. */
    public synchronized long nanosLeft() {
      if (!hasDeadline || clock == null) {
        return Long.MAX_VALUE;
      }
      return deadlineNanos - clock.nanoTime();
    }

    /** Returns whether the call has a deadline and it has passed. */
    public boolean deadlinePassed() {
      return nanosLeft() <= 0;
    }

    /** Returns whether {@link #cancel()} was called. */
    public synchronized boolean isCancelled() {
      return cancelled;
    }

    /** Cancels the call in flight, a wait to retry and any later attempt. Safe from any thread. */
    public synchronized void cancel() {
      cancelled = true;
      if (call != null) {
        call.cancel();
      }
      notifyAll();
    }

    /** Waits up to {@code wait} on the system clock, returning early if cancelled. */
    synchronized void awaitCancel(Duration wait) throws InterruptedException {
      long end = System.nanoTime() + wait.toNanos();
      for (long left = wait.toNanos(); left > 0 && !cancelled; left = end - System.nanoTime()) {
        TimeUnit.NANOSECONDS.timedWait(this, left);
      }
    }
  }
}
