package dev.toolstream.agent;

import dev.toolstream.internal.tools.ToolErrorMessages;
import dev.toolstream.messages.ContentBlock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One turn's tool calls, from dispatch to results: checks each call's input, starts its handler
 * and collects the results in call order. With a tool executor a handler starts as soon as its
 * call is dispatched; without one, each starts on the library's tool threads when the results are
 * collected, once the call before it is answered. In a journaled run, dispatching waits until
 * {@link #release()}: no call starts before its turn is saved. A call of a tool that requires
 * approval runs only once a person allowed it; without a decision it waits and gets no result.
 * Used by the run's thread only; the invocations it starts are shared with the {@link
 * RunControl}, which can answer them from any thread.
 */
final class ToolDispatch {
  private static final Logger log = LoggerFactory.getLogger("dev.toolstream.agent");

  private final AgentSettings settings;
  private final Map<String, ToolSpec> tools;
  private final TurnHistory turnHistory;
  private final RunControl control;
  private final TurnTrace trace;
  private final RunCheckpoints checkpoints;
  private final Map<String, RunState.Approval> approvals;
  private final Set<String> startedBefore;
  private final List<PendingCall> calls = new ArrayList<>();
  private final Set<String> ids = new HashSet<>();
  private final List<ContentBlock.ToolUse> held = new ArrayList<>();
  private boolean holding;

  /**
   * Returns the dispatch of a turn. {@code approvals} are the decisions recorded for its calls;
   * {@code startedBefore} the calls that started, in a run now resumed, without a recorded result.
   */
  ToolDispatch(
      AgentSettings settings,
      Map<String, ToolSpec> tools,
      TurnHistory turnHistory,
      RunControl control,
      TurnTrace trace,
      RunCheckpoints checkpoints,
      Map<String, RunState.Approval> approvals,
      Set<String> startedBefore) {
    this.settings = settings;
    this.tools = tools;
    this.turnHistory = turnHistory;
    this.control = control;
    this.trace = trace;
    this.checkpoints = checkpoints;
    this.approvals = approvals;
    this.startedBefore = startedBefore;
    this.holding = !checkpoints.startEarly();
  }

  /** Returns whether no call of this turn had {@code id} before; records it. */
  boolean firstUseOf(String id) {
    return ids.add(id);
  }

  /** Dispatches the calls held so far, and every later one at once. */
  void release() {
    holding = false;
    for (ContentBlock.ToolUse call : held) {
      dispatch(call);
    }
    held.clear();
  }

  /**
   * Answers a call with the result a run recorded before it was resumed: neither run, nor saved,
   * nor told to the listeners again.
   */
  void recorded(ContentBlock.ToolUse call, ContentBlock.ToolResult result) {
    ToolExecution execution = new ToolExecution(call, result, Duration.ZERO);
    calls.add(new PendingCall(call, CompletableFuture.completedFuture(execution), null, Kind.RECORDED));
  }

  /**
   * Settles a call: answers it with an error if it cannot run (unknown tool, denied, interrupted,
   * invalid input), leaves it waiting for approval, or starts it or queues it to start.
   */
  void dispatch(ContentBlock.ToolUse call) {
    if (holding) {
      held.add(call);
      return;
    }
    ToolSpec spec = tools.get(call.name());
    if (spec == null) {
      String error = ToolErrorMessages.unknownTool(call.name(), tools.keySet());
      reject(call, null, AgentObserver.ToolOutcome.UNKNOWN_TOOL, ToolOutput.error(error));
      return;
    }
    RunState.Approval decision = approvals.get(call.id());
    if (decision == null && spec.requiresApproval()) {
      calls.add(new PendingCall(call, null, null, Kind.WAITING));
      return;
    }
    if (decision != null && !decision.approved()) { // Even if the tool no longer asks for one.
      String error = ToolErrorMessages.denied(String.valueOf(decision.reason()));
      reject(call, spec, AgentObserver.ToolOutcome.DENIED, ToolOutput.error(error));
      return;
    }
    if (startedBefore.contains(call.id()) && !spec.idempotent()) {
      String error = ToolErrorMessages.interrupted();
      reject(call, spec, AgentObserver.ToolOutcome.INTERRUPTED, ToolOutput.error(error));
      return;
    }
    if (call.invalidInput() != null) {
      ToolOutput error = ToolErrors.invalidJson(call.name(), call.invalidInput());
      reject(call, spec, AgentObserver.ToolOutcome.INVALID_JSON, error);
      return;
    }
    List<String> violations = spec.validate(call.input());
    if (!violations.isEmpty()) {
      String error = ToolErrorMessages.schemaViolations(call.name(), violations);
      reject(call, spec, AgentObserver.ToolOutcome.SCHEMA_VIOLATION, ToolOutput.error(error));
      return;
    }
    start(call, spec);
  }

  /** Starts the call's handler on the tool executor, or queues it without one. */
  private void start(ContentBlock.ToolUse call, ToolSpec spec) {
    Duration timeout = spec.timeout() != null ? spec.timeout() : settings.toolTimeout();
    ToolInvocation invocation =
        new ToolInvocation(spec, call, turnHistory, timeout, settings.timer(), control, trace);
    control.track(invocation);
    Executor executor = settings.toolExecutor();
    if (executor == null) {
      calls.add(new PendingCall(call, invocation.result(), invocation, Kind.QUEUED));
      return;
    }
    checkpoints.toolStarted(call);
    try {
      executor.execute(invocation);
    } catch (RejectedExecutionException e) {
      log.debug("tool executor rejected {}; running it on the library's tool threads", call.id());
      LibraryThreads.TOOLS.execute(invocation);
    }
    calls.add(new PendingCall(call, invocation.result(), invocation, Kind.STARTED));
  }

  /** Answers a call that does not run with {@code error}, and reports it so. */
  private void reject(
      ContentBlock.ToolUse call,
      @Nullable ToolSpec spec,
      AgentObserver.ToolOutcome outcome,
      ToolOutput error) {
    ToolExecution execution = new ToolExecution(call, error.toBlock(call.id()), Duration.ZERO);
    AgentObserver.ToolCall observed = trace.run().toolCallStarted(trace.turn(), call, spec);
    observed.ended(execution, outcome, null);
    calls.add(
        new PendingCall(call, CompletableFuture.completedFuture(execution), null, Kind.ANSWERED));
  }

  /**
   * Returns the calls that wait for a person's decision, in call order; they have no result.
   */
  List<ContentBlock.ToolUse> waiting() {
    List<ContentBlock.ToolUse> waiting = new ArrayList<>();
    for (PendingCall call : calls) {
      if (call.kind() == Kind.WAITING) {
        waiting.add(call.call());
      }
    }
    return waiting;
  }

  /**
   * Waits for every call's result but those {@linkplain #waiting() waiting}, and returns them in
   * call order. Each result is saved to the checkpoints as it arrives, on this thread, and told to
   * {@code listeners} in call order as soon as the calls before it are answered. {@code
   * checkCancelled} throws if the run was cancelled or failed; it is run before each call starts
   * and after each wait, so this never waits on a cancelled run.
   */
  List<ContentBlock.ToolResult> collect(AgentListener listeners, Runnable checkCancelled) {
    BlockingQueue<Integer> answered = new LinkedBlockingQueue<>();
    ToolExecution[] executions = new ToolExecution[calls.size()];
    int expected = 0;
    for (int i = 0; i < calls.size(); i++) {
      CompletableFuture<ToolExecution> result = calls.get(i).result();
      if (result != null) {
        int index = i;
        result.whenComplete((execution, error) -> answered.add(index));
        expected++;
      }
    }
    int told = 0;
    Queue queue = new Queue();
    for (int received = 0; received < expected; received++) {
      if (answered.isEmpty()) {
        queue.startNext(checkCancelled); // Results already known are saved before a call starts.
      }
      int index = take(answered, checkCancelled);
      PendingCall call = calls.get(index);
      executions[index] = outcome(call.result(), checkCancelled);
      if (call.kind() != Kind.RECORDED) {
        checkpoints.toolCompleted(executions[index].result());
      }
      told = tell(listeners, executions, told);
    }
    List<ContentBlock.ToolResult> results = new ArrayList<>(expected);
    for (ToolExecution execution : executions) {
      if (execution != null) {
        results.add(execution.result());
      }
    }
    return results;
  }

  /** Tells the listeners of each result from {@code told} on whose calls before are answered. */
  private int tell(AgentListener listeners, ToolExecution[] executions, int told) {
    while (told < calls.size()) {
      PendingCall call = calls.get(told);
      if (call.kind() != Kind.WAITING) {
        if (executions[told] == null) {
          break;
        }
        if (call.kind() != Kind.RECORDED) {
          listeners.onToolResult(executions[told]);
        }
      }
      told++;
    }
    return told;
  }

  /** Takes the index of the next call answered; an interrupt cancels the run. */
  private int take(BlockingQueue<Integer> answered, Runnable checkCancelled) {
    try {
      return answered.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      control.cancel();
    }
    checkCancelled.run();
    throw new IllegalStateException("unreachable: the run was cancelled");
  }

  /**
   * Returns an answered call's outcome, unless the run was cancelled or failed meanwhile; a call
   * that failed with an {@link Error} fails the run with it.
   */
  private ToolExecution outcome(
      @Nullable CompletableFuture<ToolExecution> result, Runnable checkCancelled) {
    try {
      ToolExecution execution = result.get(); // Done: its index was queued on completion.
      checkCancelled.run();
      return execution;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      control.cancel();
    } catch (ExecutionException e) {
      control.fail((Error) e.getCause()); // Only an Error from the handler fails a call's future.
    }
    checkCancelled.run();
    throw new IllegalStateException("unreachable: the run was cancelled or failed");
  }

  /** Answers every call not yet answered as cancelled, interrupting handlers still running. */
  void cancelAll() {
    for (PendingCall call : calls) {
      call.cancel();
    }
  }

  /**
   * Starts the queued calls (those of an agent without a tool executor) one at a time, in call
   * order: the next once the one before is answered.
   */
  private final class Queue {
    private int next;
    private @Nullable PendingCall running;

    void startNext(Runnable checkCancelled) {
      if (running != null && !running.result().isDone()) {
        return;
      }
      running = null;
      for (; next < calls.size(); next++) {
        PendingCall call = calls.get(next);
        if (call.kind() == Kind.QUEUED) {
          checkCancelled.run();
          checkpoints.toolStarted(call.call());
          LibraryThreads.TOOLS.execute(call.invocation());
          running = call;
          next++;
          return;
        }
      }
    }
  }

  /** What became of a call when it was dispatched. */
  private enum Kind {
    /** Its handler was handed to the tool executor. */
    STARTED,
    /** Its handler starts when the results are collected, after the calls before it. */
    QUEUED,
    /** It does not run: it was answered with an error at once. */
    ANSWERED,
    /** Its result was recorded before the run was resumed. */
    RECORDED,
    /** It waits for a person's decision, and has no result. */
    WAITING
  }

  /**
   * A tool call of the current turn: its result to come (none while it waits for approval), and
   * its invocation if its handler runs.
   */
  private record PendingCall(
      ContentBlock.ToolUse call,
      @Nullable CompletableFuture<ToolExecution> result,
      @Nullable ToolInvocation invocation,
      Kind kind) {
    /** Answers the call as cancelled and interrupts its handler if it is running. */
    void cancel() {
      if (invocation != null) {
        invocation.cancel();
      }
    }
  }
}
