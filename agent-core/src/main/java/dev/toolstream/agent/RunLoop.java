package dev.toolstream.agent;

import dev.toolstream.client.MalformedStreamException;
import dev.toolstream.client.RequestCancelledException;
import dev.toolstream.client.ToolstreamException;
import dev.toolstream.messages.ContentBlock;
import dev.toolstream.messages.Message;
import dev.toolstream.messages.MessageParam;
import dev.toolstream.messages.StopReason;
import dev.toolstream.messages.Usage;
import dev.toolstream.stream.MessageStream;
import dev.toolstream.stream.StreamEvent;
import dev.toolstream.stream.StreamListener;
import dev.toolstream.stream.ToolInputDelta;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of the agent loop: stream a reply, run the tools it asks for, send their results, and
 * go again until the model is done. Used by one thread; only its {@link RunControl} is shared.
 */
final class RunLoop {
  private static final Logger log = LoggerFactory.getLogger("dev.toolstream.agent");

  private final AgentSettings settings;
  private final AgentListener listeners;
  private final RunControl control;
  private final List<MessageParam> history;
  private final List<Usage> turnUsage = new ArrayList<>();

  /** Returns a loop that continues {@code history}, reporting to the agent's and extra listeners. */
  RunLoop(
      AgentSettings settings,
      List<MessageParam> history,
      List<AgentListener> extraListeners,
      RunControl control) {
    this.settings = settings;
    this.history = new ArrayList<>(history);
    List<AgentListener> all = new ArrayList<>(settings.listeners());
    all.addAll(extraListeners);
    this.listeners = new RunListeners(all);
    this.control = control;
  }

  /**
   * Runs the loop to its end on the caller's own thread. Interrupting the thread cancels the run,
   * even while it waits for the model; the thread's interrupt status stays set.
   */
  AgentResult runOnCallersThread() {
    try (InterruptWatch.Handle watch = InterruptWatch.watchCurrentThread(control)) {
      return run();
    }
  }

  /**
   * Runs the loop to its end on the calling thread; {@link RunControl#cancel()} stops it. The
   * listeners get exactly one terminal callback. An {@link Error} from a handler or a listener
   * cancels the run's other calls, is reported to the listeners as the cause of an {@link
   * AgentException}, and is rethrown as it is.
   */
  AgentResult run() {
    AgentResult result;
    try {
      result = loop();
    } catch (AgentException e) {
      throw failed(e);
    } catch (RuntimeException e) {
      throw failed(new AgentException("the run failed: " + e, history, turnUsage, e));
    } catch (Error e) {
      control.fail(e);
      failed(
          new AgentException(
              "the run was stopped by a fatal error, rethrown to the caller: " + e,
              history,
              turnUsage,
              e));
      throw e;
    } finally {
      control.endTurn();
    }
    listeners.onComplete(result);
    return result;
  }

  /**
   * Ends a run that never started, because its future was cancelled first or its executor
   * rejected it: the listeners hear of it on the calling thread.
   */
  AgentException endBeforeStart(@Nullable RejectedExecutionException rejection) {
    AgentException failure =
        rejection == null
            ? cancelled()
            : new AgentException(
                "the executor rejected the run, so it never started: " + rejection,
                history,
                turnUsage,
                rejection);
    return failed(failure);
  }

  private AgentResult loop() {
    for (int turn = 1; ; turn++) {
      checkCancelled();
      List<PendingCall> calls = new ArrayList<>();
      Message message = streamTurn(turn, calls);
      turnUsage.add(message.usage());
      StopReason stop = message.stopReason();
      boolean wantsTools = !message.toolUses().isEmpty();
      if (StopReason.MAX_TOKENS.equals(stop) && wantsTools) {
        cancelAll(calls);
        throw new MaxTokensException(
            settings.template().maxTokens(), message, history, turnUsage);
      }
      boolean goOn;
      if (StopReason.TOOL_USE.equals(stop) && wantsTools) {
        List<ContentBlock> results = collect(calls);
        history.add(message.toParam());
        history.add(MessageParam.user(results));
        goOn = true;
      } else {
        cancelAll(calls);
        history.add(message.toParam());
        goOn = StopReason.PAUSE_TURN.equals(stop);
      }
      control.endTurn();
      listeners.onTurnComplete(turn, message);
      if (!goOn) {
        return new AgentResult(message, history, turnUsage);
      }
      if (turn >= settings.maxTurns()) {
        throw new TurnLimitException(settings.maxTurns(), history, turnUsage);
      }
    }
  }

  private Message streamTurn(int turn, List<PendingCall> calls) {
    TurnHistory turnHistory = new TurnHistory(List.copyOf(history));
    MessageStream stream =
        settings
            .client()
            .stream(settings.template().toBuilder().messages(turnHistory.before()).build());
    control.attach(stream);
    stream.addListener(new TurnListener(stream, turnHistory, calls));
    try {
      return stream.finalMessage();
    } catch (ToolstreamException e) {
      cancelAll(calls);
      if (e instanceof RequestCancelledException) {
        control.cancel(); // The thread was interrupted while connecting or waiting to retry.
      }
      checkCancelled();
      throw new AgentException(
          "turn " + turn + " failed: " + e.getMessage(), history, turnUsage, e);
    } catch (RuntimeException e) {
      cancelAll(calls);
      throw e;
    } finally {
      stream.close();
    }
  }

  private PendingCall prepare(ContentBlock.ToolUse call, TurnHistory turnHistory) {
    ToolSpec spec = settings.tools().get(call.name());
    if (spec == null) {
      return PendingCall.done(call, ToolErrors.unknownTool(call.name(), settings.tools().keySet()));
    }
    if (call.invalidInput() != null) {
      return PendingCall.done(
          call, ToolErrors.invalidJson(call.name(), call.invalidInput().error()));
    }
    List<String> violations = spec.validate(call.input());
    if (!violations.isEmpty()) {
      return PendingCall.done(call, ToolErrors.schemaViolations(call.name(), violations));
    }
    Duration timeout = spec.timeout() != null ? spec.timeout() : settings.toolTimeout();
    ToolInvocation invocation = new ToolInvocation(spec, call, turnHistory, timeout, control);
    control.track(invocation);
    Executor executor = settings.toolExecutor();
    if (executor == null) {
      return new PendingCall(invocation.result(), invocation, false);
    }
    try {
      executor.execute(invocation);
    } catch (RejectedExecutionException e) {
      log.debug("tool executor rejected {}; running it on the library's tool threads", call.id());
      LibraryThreads.TOOLS.execute(invocation);
    }
    return new PendingCall(invocation.result(), invocation, true);
  }

  /**
   * Waits for each call's result in call order. Without a tool executor, each call starts on the
   * library's tool threads once the one before it is answered.
   */
  private List<ContentBlock> collect(List<PendingCall> calls) {
    List<ContentBlock> results = new ArrayList<>(calls.size());
    for (PendingCall call : calls) {
      checkCancelled();
      if (!call.started()) {
        LibraryThreads.TOOLS.execute(call.invocation());
      }
      ToolExecution execution = await(call.result());
      listeners.onToolResult(execution);
      results.add(execution.result());
    }
    return results;
  }

  /**
   * Waits for a call's result. Cancelling the run or timing the call out answers it at once, so
   * this never waits on a handler that does not stop.
   */
  private ToolExecution await(CompletableFuture<ToolExecution> result) {
    try {
      ToolExecution execution = result.get();
      checkCancelled();
      return execution;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      control.cancel();
      throw cancelled();
    } catch (ExecutionException e) {
      // Only an Error from the handler fails a call's future.
      control.fail((Error) e.getCause());
      checkCancelled();
      throw new IllegalStateException("unreachable: the run failed", e.getCause());
    }
  }

  private void cancelAll(List<PendingCall> calls) {
    for (PendingCall call : calls) {
      call.cancel();
    }
  }

  private void checkCancelled() {
    if (Thread.currentThread().isInterrupted()) {
      control.cancel();
    }
    Error fatal = control.fatal();
    if (fatal != null) {
      throw fatal;
    }
    if (control.isCancelled()) {
      throw cancelled();
    }
  }

  private AgentCancelledException cancelled() {
    return new AgentCancelledException(history, turnUsage);
  }

  private AgentException failed(AgentException failure) {
    listeners.onError(failure);
    return failure;
  }

  /**
   * A tool call of the current turn: its result to come, and its invocation unless the input was
   * rejected; {@code started} once it was handed to an executor.
   */
  private record PendingCall(
      CompletableFuture<ToolExecution> result,
      @Nullable ToolInvocation invocation,
      boolean started) {
    static PendingCall done(ContentBlock.ToolUse call, String error) {
      ToolExecution execution =
          new ToolExecution(call, ToolResult.error(error).toBlock(call.id()), Duration.ZERO);
      return new PendingCall(CompletableFuture.completedFuture(execution), null, true);
    }

    /** Answers the call as cancelled and interrupts its handler if it is running. */
    void cancel() {
      if (invocation != null) {
        invocation.cancel();
      }
    }
  }

  /** Forwards one turn's stream to the agent listeners and prepares tools as their calls complete. */
  private final class TurnListener implements StreamListener {
    private final MessageStream stream;
    private final TurnHistory turnHistory;
    private final List<PendingCall> calls;
    private final Set<String> ids = new HashSet<>();

    TurnListener(MessageStream stream, TurnHistory turnHistory, List<PendingCall> calls) {
      this.stream = stream;
      this.turnHistory = turnHistory;
      this.calls = calls;
    }

    @Override
    public void onEvent(StreamEvent event) {
      if (Thread.currentThread().isInterrupted()) {
        control.cancel();
      }
    }

    @Override
    public void onText(String text) {
      listeners.onText(text);
    }

    @Override
    public void onThinking(String thinking) {
      listeners.onThinking(thinking);
    }

    @Override
    public void onToolInputDelta(ToolInputDelta delta) {
      listeners.onToolInputDelta(delta);
    }

    @Override
    public void onContentBlock(int index, ContentBlock block) {
      if (block instanceof ContentBlock.ToolUse call && !ids.add(call.id())) {
        // The API takes exactly one tool_result per tool_use id, and rejects a reply sent back
        // with an id twice, so no answer to this message could be accepted.
        throw new MalformedStreamException(
            "tool_use id " + call.id() + " appears twice in one message",
            stream.currentMessage(),
            stream.requestId(),
            null);
      }
      turnHistory.add(block);
      if (block instanceof ContentBlock.ToolUse call) {
        listeners.onToolCall(call);
        calls.add(prepare(call, turnHistory));
      }
    }
  }
}
