package dev.toolstream.internal.agent;

import dev.toolstream.stream.MessageStream;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The cancel switch of one run: closes its current stream and interrupts its running tool calls.
 * Safe from any thread.
 */
public final class RunControl {
  private final Set<ToolInvocation> invocations = ConcurrentHashMap.newKeySet();
  private volatile boolean cancelled;
  private volatile @Nullable MessageStream stream;

  /** Cancels the run: the stream is closed at once and running handlers are interrupted. */
  public void cancel() {
    cancelled = true;
    MessageStream current = stream;
    if (current != null) {
      current.close();
    }
    for (ToolInvocation invocation : invocations) {
      invocation.cancel();
    }
  }

  /** Returns whether {@link #cancel()} was called. */
  public boolean isCancelled() {
    return cancelled;
  }

  void attach(MessageStream stream) {
    this.stream = stream;
    if (cancelled) {
      stream.close();
    }
  }

  void track(ToolInvocation invocation) {
    invocations.add(invocation);
    if (cancelled) {
      invocation.cancel();
    }
  }

  void untrack(ToolInvocation invocation) {
    invocations.remove(invocation);
  }
}
