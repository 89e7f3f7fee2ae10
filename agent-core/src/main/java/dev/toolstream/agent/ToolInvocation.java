package dev.toolstream.agent;

import dev.toolstream.internal.tools.ToolErrorMessages;
import dev.toolstream.messages.ContentBlock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call of a tool's handler, run on a thread the loop does not own. Every way it can end
 * completes {@link #result()} exactly once: a value, an exception (an error result), an {@link
 * Error} (the future fails with it and the run is failed), its time limit or the run's
 * cancellation (an error result at once, the handler's thread interrupted). A handler still
 * running after that keeps its thread until it returns; what it returns then is dropped.
 */
final class ToolInvocation implements Runnable {
  private static final Logger log = LoggerFactory.getLogger("dev.toolstream.agent");

  private final ToolSpec spec;
  private final ContentBlock.ToolUse call;
  private final CallContext context;
  private final Duration timeout;
  /** Schedules the call's timeout. */
  private final ScheduledExecutorService timers;
  private final RunControl control;
  private final TurnTrace trace;
  private final CompletableFuture<ToolExecution> result = new CompletableFuture<>();
  private final Object lock = new Object();
  private @Nullable Thread thread; // Guarded by lock: the thread running the handler, if any.
  private AgentObserver.@Nullable ToolCall observed; // Guarded by lock: once the call started.
  private long startNanos;

  ToolInvocation(
      ToolSpec spec,
      ContentBlock.ToolUse call,
      TurnHistory history,
      Duration timeout,
      ScheduledExecutorService timers,
      RunControl control,
      TurnTrace trace) {
    this.spec = spec;
    this.call = call;
    this.context = new CallContext(call, history, this::isStopped, control);
    this.timeout = timeout;
    this.timers = timers;
    this.control = control;
    this.trace = trace;
  }

  /** Returns the call's outcome to come; it fails only with an {@link Error} from the handler. */
  CompletableFuture<ToolExecution> result() {
    return result;
  }

  @Override
  public void run() {
    @Nullable ScheduledFuture<?> timer;
    @Nullable RuntimeException refused = null;
    AgentObserver.ToolCall observation;
    synchronized (lock) {
      if (result.isDone()) {
        return; // Cancelled before it started.
      }
      thread = Thread.currentThread();
      startNanos = System.nanoTime();
      observation = observed();
      try {
        timer = timers.schedule(this::timeOut, nanos(timeout), TimeUnit.NANOSECONDS);
      } catch (RuntimeException e) {
        // A timer that refuses the task (shut down, say): the call is answered, the run goes on.
        thread = null;
        timer = null;
        refused = e;
      }
    }
    if (timer == null) {
      RuntimeException cause = refused;
      logged(() -> finish(null, cause, Duration.ZERO));
      return;
    }
    ScheduledFuture<?> set = timer;
    logged(() -> callHandler(observation, set));
  }

  /** Returns {@code timeout} in nanoseconds; one too long to count in them (292 years) never ends. */
  private static long nanos(Duration timeout) {
    try {
      return timeout.toNanos();
    } catch (ArithmeticException tooLong) {
      return Long.MAX_VALUE;
    }
  }

  /** Runs the handler with {@code observation} current, then answers the call with what it gave. */
  private void callHandler(AgentObserver.ToolCall observation, ScheduledFuture<?> timer) {
    ToolOutput value = null;
    Throwable failure = null;
    try (AgentObserver.Scope entered = observation.enter()) {
      value = spec.handler().call(call.input(), context);
    } catch (Throwable t) {
      failure = t;
    } finally {
      synchronized (lock) {
        timer.cancel(false);
        thread = null;
        if (result.isDone()) {
          // A stop interrupted this thread, which must not carry it into its next task.
          Thread.interrupted();
        }
      }
    }
    finish(value, failure, Duration.ofNanos(System.nanoTime() - startNanos));
  }

  /** Does {@code work} with the run, the turn and this call in the MDC, as it was after. */
  private void logged(Runnable work) {
    String callersRun = LogContext.put(LogContext.RUN_ID, trace.runId());
    String callersTurn = LogContext.put(LogContext.TURN, Integer.toString(trace.turn()));
    String callersCall = LogContext.put(LogContext.TOOL_CALL_ID, call.id());
    try {
      work.run();
    } finally {
      LogContext.restore(LogContext.TOOL_CALL_ID, callersCall);
      LogContext.restore(LogContext.TURN, callersTurn);
      LogContext.restore(LogContext.RUN_ID, callersRun);
    }
  }

  /** Returns the call's observation, started the first time it is asked for. Holds the lock. */
  private AgentObserver.ToolCall observed() {
    if (observed == null) {
      observed = trace.run().toolCallStarted(trace.turn(), call, spec);
    }
    return observed;
  }

  /** Reports how the call ended. */
  private void reportEnd(
      ToolExecution execution, AgentObserver.ToolOutcome how, @Nullable Throwable failure) {
    observed().ended(execution, how, failure);
  }

  private void finish(@Nullable ToolOutput value, @Nullable Throwable failure, Duration ran) {
    if (failure instanceof Error error) {
      boolean answered;
      synchronized (lock) {
        answered = !result.isDone();
        if (answered) {
          reportEnd(
              execution(ToolOutput.error(ToolErrorMessages.handlerFailed(spec.name(), error)), ran),
              AgentObserver.ToolOutcome.THREW,
              error);
          result.completeExceptionally(error);
        }
      }
      if (answered) {
        control.fail(error);
      } else {
        log.error("tool {} ({}) threw after its call was answered", spec.name(), call.id(), error);
      }
      return;
    }
    ToolOutput outcome;
    AgentObserver.ToolOutcome how;
    if (failure != null) {
      log.warn("tool {} ({}) failed", spec.name(), call.id(), failure);
      outcome = ToolOutput.error(ToolErrorMessages.handlerFailed(spec.name(), failure));
      how = AgentObserver.ToolOutcome.THREW;
    } else if (value == null) {
      outcome = ToolOutput.error(ToolErrorMessages.noResult(spec.name()));
      how = AgentObserver.ToolOutcome.RETURNED_ERROR;
    } else {
      outcome = value;
      how =
          value.isError()
              ? AgentObserver.ToolOutcome.RETURNED_ERROR
              : AgentObserver.ToolOutcome.SUCCEEDED;
    }
    if (!complete(execution(outcome, ran), how, failure)) {
      log.debug("tool {} ({}) returned after its call was answered", spec.name(), call.id());
    }
  }

  /**
   * Answers the call with {@code execution} unless it was answered before, reporting it to the
   * observation first, so that the run never goes on before its tool call is reported.
   */
  private boolean complete(
      ToolExecution execution, AgentObserver.ToolOutcome how, @Nullable Throwable failure) {
    synchronized (lock) {
      if (result.isDone()) {
        return false;
      }
      reportEnd(execution, how, failure);
      return result.complete(execution);
    }
  }

  /** Answers the call as cancelled, at once, and interrupts its handler if it is running. */
  void cancel() {
    stop(ToolOutput.error(ToolErrorMessages.cancelled(spec.name())), AgentObserver.ToolOutcome.CANCELLED);
  }

  private void timeOut() {
    logged(
        () -> {
          log.warn(
              "tool {} ({}) timed out after {}; interrupting it", spec.name(), call.id(), timeout);
          stop(
              ToolOutput.error(ToolErrorMessages.timedOut(spec.name(), timeout)),
              AgentObserver.ToolOutcome.TIMED_OUT);
        });
  }

  private void stop(ToolOutput outcome, AgentObserver.ToolOutcome how) {
    synchronized (lock) {
      if (result.isDone()) {
        return;
      }
      Duration ran = thread == null ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - startNanos);
      complete(execution(outcome, ran), how, null);
      if (thread != null) {
        thread.interrupt(); // Never the loop's thread: handlers run on threads it does not own.
      }
    }
  }

  private boolean isStopped() {
    return result.isDone();
  }

  private ToolExecution execution(ToolOutput toolResult, Duration duration) {
    return new ToolExecution(call, toolResult.toBlock(call.id()), duration);
  }
}
