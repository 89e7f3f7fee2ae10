package dev.toolstream.agent;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The future of a run started by {@link Agent#runAsync}: cancelling it cancels the run, whether it
 * is running, waiting in its executor's queue (it then never starts) or already over.
 */
final class RunFuture extends CompletableFuture<AgentResult> {
  private final RunLoop loop;
  private final RunControl control;
  private final AtomicBoolean started = new AtomicBoolean(); // Or ended before it could start.

  private RunFuture(RunLoop loop, RunControl control) {
    this.loop = loop;
    this.control = control;
  }

  /**
   * Hands {@code loop} to {@code executor} and returns its future; whatever the executor throws
   * (a rejection, or the {@code OutOfMemoryError} of a thread that could not start) fails it.
   */
  static CompletableFuture<AgentResult> start(RunLoop loop, RunControl control, Executor executor) {
    RunFuture future = new RunFuture(loop, control);
    try {
      executor.execute(future::runLoop);
    } catch (RuntimeException | Error e) {
      if (future.started.compareAndSet(false, true)) {
        future.completeExceptionally(loop.endBeforeStart(e));
      }
    }
    return future;
  }

  private void runLoop() {
    if (!started.compareAndSet(false, true)) {
      return; // Cancelled while it waited in the executor: the listeners were told then.
    }
    try {
      complete(loop.runOnCallersThread());
    } catch (Throwable t) { // The AgentException, or the fatal Error the loop rethrew.
      completeExceptionally(t);
    }
  }

  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    // The future is cancelled first, so that the run's own ending cannot complete it.
    boolean cancelled = super.cancel(mayInterruptIfRunning);
    control.cancel();
    if (started.compareAndSet(false, true)) {
      loop.endBeforeStart(null);
    }
    return cancelled;
  }
}
