package dev.toolstream.internal.agent;

import dev.toolstream.agent.ToolContext;
import dev.toolstream.agent.ToolExecution;
import dev.toolstream.agent.ToolResult;
import dev.toolstream.agent.ToolSpec;
import dev.toolstream.messages.ContentBlock;
import dev.toolstream.messages.MessageParam;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of a tool's handler with its time limit. {@link #run()} calls the handler on the
 * current thread; a watchdog interrupts it at the time limit and the result completes at once
 * with a timeout, whether or not the handler stops. Cancelling does the same.
 */
final class ToolInvocation implements Runnable, ToolContext {
  private static final Logger log = LoggerFactory.getLogger("dev.toolstream.agent");

  private final ToolSpec spec;
  private final ContentBlock.ToolUse call;
  private final List<MessageParam> history;
  private final Duration timeout;
  private final RunControl control;
  private final CompletableFuture<ToolExecution> result = new CompletableFuture<>();
  private final Object lock = new Object();
  private @Nullable Thread thread;
  private long startNanos;
  private boolean stopped;

  ToolInvocation(
      ToolSpec spec,
      ContentBlock.ToolUse call,
      List<MessageParam> history,
      Duration timeout,
      RunControl control) {
    this.spec = spec;
    this.call = call;
    this.history = history;
    this.timeout = timeout;
    this.control = control;
  }

  CompletableFuture<ToolExecution> result() {
    return result;
  }

  @Override
  public void run() {
    ScheduledFuture<?> watchdog;
    synchronized (lock) {
      if (result.isDone()) {
        return;
      }
      thread = Thread.currentThread();
      startNanos = System.nanoTime();
      watchdog = Watchdog.TIMER.schedule(this::timeOut, timeout.toNanos(), TimeUnit.NANOSECONDS);
    }
    control.track(this);
    ToolResult toolResult = null;
    Exception failure = null;
    boolean wasStopped;
    try {
      toolResult = spec.handler().call(call.input(), this);
    } catch (Exception e) {
      failure = e;
    } finally {
      control.untrack(this);
      synchronized (lock) {
        watchdog.cancel(false);
        thread = null;
        wasStopped = stopped;
        if (wasStopped) {
          Thread.interrupted(); // Our own interrupt; it must not leak to the thread's next task.
        }
      }
    }
    if (wasStopped) {
      return; // The result says it timed out or was cancelled.
    }
    Duration duration = Duration.ofNanos(System.nanoTime() - startNanos);
    if (failure instanceof InterruptedException) {
      // Someone else interrupted the run's thread: that cancels the run.
      Thread.currentThread().interrupt();
      control.cancel();
    }
    result.complete(finish(toolResult, failure, duration));
  }

  private ToolExecution finish(
      @Nullable ToolResult toolResult, @Nullable Exception failure, Duration duration) {
    if (failure != null) {
      log.warn("tool {} ({}) failed", spec.name(), call.id(), failure);
      return execution(ToolResult.error(ToolErrors.handlerFailed(spec.name(), failure)), duration);
    }
    if (toolResult == null) {
      return execution(ToolResult.error(ToolErrors.noResult(spec.name())), duration);
    }
    return execution(toolResult, duration);
  }

  /** Stops the handler because the run was cancelled. */
  void cancel() {
    stop(ToolResult.error(ToolErrors.cancelled(spec.name())));
  }

  private void timeOut() {
    log.warn("tool {} ({}) timed out after {}; interrupting it", spec.name(), call.id(), timeout);
    stop(ToolResult.error(ToolErrors.timedOut(spec.name(), timeout)));
  }

  private void stop(ToolResult outcome) {
    Duration ran;
    synchronized (lock) {
      if (result.isDone()) {
        return;
      }
      stopped = true;
      ran = thread == null ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - startNanos);
      if (thread != null) {
        thread.interrupt();
      }
    }
    result.complete(execution(outcome, ran));
  }

  private ToolExecution execution(ToolResult toolResult, Duration duration) {
    return new ToolExecution(call, toolResult.toBlock(call.id()), duration);
  }

  @Override
  public String toolUseId() {
    return call.id();
  }

  @Override
  public String toolName() {
    return call.name();
  }

  @Override
  public List<MessageParam> history() {
    return history;
  }

  @Override
  public boolean isCancelled() {
    return result.isDone() || control.isCancelled();
  }
}
