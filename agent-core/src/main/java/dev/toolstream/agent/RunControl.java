package dev.toolstream.agent;

import dev.toolstream.stream.MessageStream;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The cancel switch of one run: closes its current stream and answers its pending tool calls as
 * cancelled, interrupting their handlers. A fatal {@link Error} from a handler throws it too.
 * Safe from any thread.
 */
final class RunControl {
  private final Set<ToolInvocation> invocations = ConcurrentHashMap.newKeySet();
  private final CompletableFuture<Void> stopped = new CompletableFuture<>();
  private volatile @Nullable Error fatal;
  private volatile @Nullable MessageStream stream;

  /**
   * Cancels the run: the stream is closed and pending calls are answered and interrupted, the
   * calls even if closing the stream throws (its OkHttp listener may), which is then rethrown.
   */
  void cancel() {
    stopped.complete(null);
    MessageStream current = stream;
    try {
      if (current != null) {
        current.close();
      }
    } finally {
      for (ToolInvocation invocation : invocations) {
        invocation.cancel();
      }
    }
  }

  /** Returns whether the run was cancelled or failed. */
  boolean isCancelled() {
    return stopped.isDone();
  }

  /** Cancels the run because a handler threw {@code error}; the first such error is kept. */
  void fail(Error error) {
    synchronized (this) {
      if (fatal == null) {
        fatal = error;
      }
    }
    cancel();
  }

  /** Returns the fatal error that failed the run, or null. */
  @Nullable Error fatal() {
    return fatal;
  }

  /** Returns a future that completes when the run is cancelled or fails. */
  CompletableFuture<Void> stopped() {
    return stopped;
  }

  void attach(MessageStream stream) {
    this.stream = stream;
    if (isCancelled()) {
      stream.close();
    }
  }

  /** Tracks a call until the turn ends, so that cancelling answers it even before it starts. */
  void track(ToolInvocation invocation) {
    invocations.add(invocation);
    if (isCancelled()) {
      invocation.cancel();
    }
  }

  /**
   * Ends a turn: its calls not yet answered (only when the turn failed) are cancelled, and all are
   * forgotten, so that a long run holds only the current turn's calls.
   */
  void endTurn() {
    for (ToolInvocation invocation : invocations) {
      invocation.cancel();
    }
    invocations.clear();
  }
}
