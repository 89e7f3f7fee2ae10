package dev.toolstream.internal.http;

import dev.toolstream.client.ApiConnectionException;
import dev.toolstream.client.ApiTimeoutException;
import dev.toolstream.client.ToolstreamException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import okhttp3.Call;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executes one API request, retrying by the {@link RetryPolicy} until a successful response
 * arrives. Retries happen only before a response is returned: once the caller has the body, the
 * request is never sent again.
 */
public final class RetryingCaller {
  private static final Logger log = LoggerFactory.getLogger("dev.toolstream.client");

  private final OkHttpClient http;
  private final RetryPolicy policy;
  private final int maxErrorBodyBytes;

  /**
   * Returns a caller that sends with {@code http}, retries by {@code policy}, and reads at most
   * {@code maxErrorBodyBytes} of an error response's body.
   */
  public RetryingCaller(OkHttpClient http, RetryPolicy policy, int maxErrorBodyBytes) {
    this.http = http;
    this.policy = policy;
    this.maxErrorBodyBytes = maxErrorBodyBytes;
  }

  /**
   * Sends {@code request} and returns its successful response; the caller must close it.
   *
   * @throws dev.toolstream.client.ApiException for an error status, after retries
   * @throws ApiConnectionException if the API could not be reached, after retries
   * @throws ToolstreamException if the thread was interrupted while waiting to retry
   */
  public Response execute(Request request, CallHolder holder) {
    for (int attempt = 0; ; attempt++) {
      Call call = http.newCall(request);
      holder.set(call);
      Response response;
      try {
        response = call.execute();
      } catch (IOException e) {
        if (call.isCanceled()) {
          throw new ApiConnectionException("the request was cancelled", e);
        }
        if (attempt >= policy.maxRetries()) {
          throw connectionFailure(request, e, attempt);
        }
        Duration wait = policy.delay(attempt, okhttp3.Headers.of());
        log.info("{} failed ({}); retrying in {} ms (retry {} of {})", describe(request), e,
            wait.toMillis(), attempt + 1, policy.maxRetries());
        holder.sleep(wait);
        continue;
      }
      String requestId = response.header("request-id");
      if (response.isSuccessful()) {
        log.debug("{} -> {} (request-id {})", describe(request), response.code(), requestId);
        return response;
      }
      String body = ApiErrors.readBody(response, maxErrorBodyBytes);
      int status = response.code();
      if (attempt < policy.maxRetries() && policy.shouldRetry(status, response.headers(), body)) {
        Duration wait = policy.delay(attempt, response.headers());
        log.info("{} -> {} (request-id {}); retrying in {} ms (retry {} of {})", describe(request),
            status, requestId, wait.toMillis(), attempt + 1, policy.maxRetries());
        holder.sleep(wait);
        continue;
      }
      log.debug("{} -> {} (request-id {})", describe(request), status, requestId);
      throw ApiErrors.from(status, response.headers(), body);
    }
  }

  private static ApiConnectionException connectionFailure(Request request, IOException e, int retries) {
    String tries = retries == 0 ? "" : " after " + (retries + 1) + " attempts";
    if (e instanceof SocketTimeoutException || e instanceof InterruptedIOException) {
      return new ApiTimeoutException(
          "timed out calling " + describe(request) + tries + ": " + e.getMessage(), e);
    }
    return new ApiConnectionException(
        "could not reach " + describe(request) + tries + ": " + e, e);
  }

  private static String describe(Request request) {
    return request.method() + " " + request.url();
  }

  /** Holds the call in flight so that another thread can cancel it, or its wait to retry. */
  public static final class CallHolder {
    private @Nullable Call call;
    private boolean cancelled;

    synchronized void set(Call call) {
      this.call = call;
      if (cancelled) {
        call.cancel();
      }
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

    synchronized void sleep(Duration wait) {
      long deadline = System.nanoTime() + wait.toNanos();
      try {
        for (long left = wait.toNanos(); left > 0 && !cancelled; left = deadline - System.nanoTime()) {
          wait(Math.max(1, left / 1_000_000));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ToolstreamException("interrupted while waiting to retry", e);
      }
      if (cancelled) {
        throw new ApiConnectionException("the request was cancelled", null);
      }
    }
  }
}
