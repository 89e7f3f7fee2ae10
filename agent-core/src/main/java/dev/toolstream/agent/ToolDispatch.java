package dev.toolstream.agent;

import dev.toolstream.internal.tools.ToolErrorMessages;
import dev.toolstream.messages.ContentBlock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One turn's tool calls, from dispatch to results: checks each call's input, starts its handler
 * and collects the results in call order. With a tool executor a handler starts as soon as its
 * call is dispatched; without one, each starts on the library's tool threads when the results are
 * collected, once the call before it is answered. Used by the run's thread only; the invocations
 * it starts are shared with the {@link RunControl}, which can answer them from any thread.
 */
final class ToolDispatch {
  private static final Logger log = LoggerFactory.getLogger("dev.toolstream.agent");

  private final AgentSettings settings;
  private final Map<String, ToolSpec> tools;
  private final TurnHistory turnHistory;
  private final RunControl control;
  private final TurnTrace trace;
  private final List<PendingCall> calls = new ArrayList<>();
  private final Set<String> ids = new HashSet<>();

  ToolDispatch(
      AgentSettings settings,
      Map<String, ToolSpec> tools,
      TurnHistory turnHistory,
      RunControl control,
      TurnTrace trace) {
    this.settings = settings;
    this.tools = tools;
    this.turnHistory = turnHistory;
    this.control = control;
    this.trace = trace;
  }

  /** Returns whether no call of this turn had {@code id} before; records it. */
  boolean firstUseOf(String id) {
    return ids.add(id);
  }

  /** Checks the call's input and, when it is fit to run, starts it or queues it to start. */
  void dispatch(ContentBlock.ToolUse call) {
    ToolSpec spec = tools.get(call.name());
    if (spec == null) {
      String error = ToolErrorMessages.unknownTool(call.name(), tools.keySet());
      reject(call, null, AgentObserver.ToolOutcome.UNKNOWN_TOOL, ToolOutput.error(error));
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
    Duration timeout = spec.timeout() != null ? spec.timeout() : settings.toolTimeout();
    ToolInvocation invocation =
        new ToolInvocation(spec, call, turnHistory, timeout, settings.timer(), control, trace);
    control.track(invocation);
    Executor executor = settings.toolExecutor();
    if (executor == null) {
      calls.add(new PendingCall(invocation.result(), invocation, false));
      return;
    }
    try {
      executor.execute(invocation);
    } catch (RejectedExecutionException e) {
      log.debug("tool executor rejected {}; running it on the library's tool threads", call.id());
      LibraryThreads.TOOLS.execute(invocation);
    }
    calls.add(new PendingCall(invocation.result(), invocation, true));
  }

  /** Answers a call whose input is rejected with {@code error}, and reports it so. */
  private void reject(
      ContentBlock.ToolUse call,
      @Nullable ToolSpec spec,
      AgentObserver.ToolOutcome outcome,
      ToolOutput error) {
    PendingCall rejected = PendingCall.done(call, error);
    AgentObserver.ToolCall observed = trace.run().toolCallStarted(trace.turn(), call, spec);
    observed.ended(rejected.result().join(), outcome, null);
    calls.add(rejected);
  }

  /**
   * Waits for each call's result in call order, telling {@code listeners} of each, and returns the
   * {@code tool_result} blocks. {@code checkCancelled} throws if the run was cancelled or failed;
   * it is run before each call and after each wait, so this never waits on a cancelled run.
   */
  List<ContentBlock> collect(AgentListener listeners, Runnable checkCancelled) {
    List<ContentBlock> results = new ArrayList<>(calls.size());
    for (PendingCall call : calls) {
      checkCancelled.run();
      if (!call.started()) {
        LibraryThreads.TOOLS.execute(call.invocation());
      }
      ToolExecution execution = await(call.result(), checkCancelled);
      listeners.onToolResult(execution);
      results.add(execution.result());
    }
    return results;
  }

  /**
   * Waits for a call's result. Cancelling the run or timing the call out answers it at once, so
   * this never waits on a handler that does not stop.
   */
  private ToolExecution await(CompletableFuture<ToolExecution> result, Runnable checkCancelled) {
    try {
      ToolExecution execution = result.get();
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
   * A tool call of the current turn: its result to come, and its invocation unless the input was
   * rejected; {@code started} once it was handed to an executor.
   */
  private record PendingCall(
      CompletableFuture<ToolExecution> result,
      @Nullable ToolInvocation invocation,
      boolean started) {
    static PendingCall done(ContentBlock.ToolUse call, ToolOutput error) {
      ToolExecution execution = new ToolExecution(call, error.toBlock(call.id()), Duration.ZERO);
      return new PendingCall(CompletableFuture.completedFuture(execution), null, true);
    }

    /** Answers the call as cancelled and interrupts its handler if it is running. */
    void cancel() {
      if (invocation != null) {
        invocation.cancel();
      }
    }
  }
}
