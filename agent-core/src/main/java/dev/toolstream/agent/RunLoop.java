package dev.toolstream.agent;

import dev.toolstream.errors.MalformedStreamException;
import dev.toolstream.errors.RequestCancelledException;
import dev.toolstream.errors.ToolstreamException;
import dev.toolstream.messages.CacheControl;
import dev.toolstream.messages.ContentBlock;
import dev.toolstream.messages.Message;
import dev.toolstream.messages.MessageParam;
import dev.toolstream.messages.MessageRequest;
import dev.toolstream.messages.StopReason;
import dev.toolstream.messages.Usage;
import dev.toolstream.stream.MessageStream;
import dev.toolstream.stream.StreamEvent;
import dev.toolstream.stream.StreamListener;
import dev.toolstream.stream.ToolInputDelta;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import tools.jackson.databind.JsonNode;

/**
 * One run of the agent loop, each turn one chain read top to bottom in {@link #loop()}: send the
 * history, stream the reply (the {@link MessageStream} accumulates it), dispatch each tool call as
 * its block completes ({@link ToolDispatch}; in a journaled run, once the turn is saved), collect
 * the results in call order, and go again until the model is done or calls wait for approval. A
 * run resumed with an open turn first settles that turn's calls ({@link #settle}). Used by
 * one thread; only its {@link RunControl} is shared.
 */
final class RunLoop {
  private final AgentSettings settings;
  private final AgentListener listeners;
  private final RunControl control;
  private final List<MessageParam> history;
  private final List<Usage> turnUsage;
  private final String runId;
  private final RunCheckpoints checkpoints;
  private final AgentObserver.Run observation;

  /** The turn the run was resumed with, if its calls were not all answered. */
  private final @Nullable OpenTurn openTurn;

  /** The code execution container the last reply named, sent with the next request to reuse it. */
  private @Nullable String container;

  /** Returns a loop that continues {@code history}, reporting to the agent's and extra listeners. */
  RunLoop(
      AgentSettings settings,
      RunState state,
      RunJournal journal,
      List<AgentListener> extraListeners,
      RunControl control) {
    this.settings = settings;
    this.runId = state.runId();
    this.history = new ArrayList<>(state.history());
    this.turnUsage = new ArrayList<>(state.turnUsage());
    this.checkpoints = new RunCheckpoints(journal, runId, history, turnUsage);
    this.openTurn = OpenTurn.of(state);
    List<AgentListener> all = new ArrayList<>(settings.listeners());
    all.addAll(extraListeners);
    this.listeners = new RunListeners(all);
    this.control = control;
    this.container = settings.template().container();
    this.observation =
        settings.observer().runStarted(runId, settings.template(), settings.client().baseUrl());
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
    String callersRun = LogContext.put(LogContext.RUN_ID, runId);
    String callersTurn = MDC.get(LogContext.TURN);
    AgentResult result;
    try (AgentObserver.Scope entered = observation.enter()) {
      result = loop();
      checkpoints.runEnded(result);
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
      LogContext.restore(LogContext.RUN_ID, callersRun);
      LogContext.restore(LogContext.TURN, callersTurn);
    }
    observation.ended(result, null);
    listeners.onComplete(result);
    return result;
  }

  /**
   * Ends a run that never started, because its future was cancelled first or its executor did not
   * start it ({@code refusal}, what the executor threw): the listeners hear of it on the calling
   * thread.
   */
  AgentException endBeforeStart(@Nullable Throwable refusal) {
    AgentException failure =
        refusal == null
            ? cancelled()
            : new AgentException(
                (refusal instanceof RejectedExecutionException
                        ? "the executor rejected the run, so it never started: "
                        : "the executor could not start the run: ")
                    + refusal,
                history,
                turnUsage,
                refusal);
    return failed(failure);
  }

  /** The turn, as one chain: send, stream and accumulate, dispatch, results, next turn. */
  private AgentResult loop() {
    AgentResult paused = openTurn == null ? null : settle(openTurn);
    if (paused != null) {
      return paused;
    }
    if (turnUsage.size() >= settings.maxTurns()) {
      throw new TurnLimitException(settings.maxTurns(), history, turnUsage);
    }
    for (int turn = turnUsage.size() + 1; ; turn++) {
      checkCancelled();
      MDC.put(LogContext.TURN, Integer.toString(turn));
      TurnHistory turnHistory = new TurnHistory(List.copyOf(history));
      TurnTools tools = TurnTools.of(settings);
      ToolDispatch calls = dispatch(turn, tools, turnHistory, Map.of(), Set.of());
      Message message = streamTurn(turn, tools.template(), turnHistory, calls);
      turnUsage.add(message.usage());
      keepContainer(message);
      StopReason stop = message.stopReason();
      boolean wantsTools = !message.toolUses().isEmpty();
      if (StopReason.MAX_TOKENS.equals(stop) && wantsTools) {
        calls.cancelAll();
        throw new MaxTokensException(settings.template().maxTokens(), message, history, turnUsage);
      }
      if (StopReason.MODEL_CONTEXT_WINDOW_EXCEEDED.equals(stop) && wantsTools) {
        calls.cancelAll();
        throw new ContextWindowExceededException(message, history, turnUsage);
      }
      if (!StopReason.REFUSAL.equals(stop)) {
        checkpoints.turnCompleted(turn, message);
      }
      boolean goOn;
      if (StopReason.TOOL_USE.equals(stop) && wantsTools) {
        calls.release();
        paused = answer(message, message.toParam(), calls, Map.of());
        goOn = paused == null;
      } else {
        calls.cancelAll();
        if (!StopReason.REFUSAL.equals(stop)) {
          // The API asks for a refused reply to be left out, not sent back: often empty, it
          // would make the next request invalid.
          history.add(message.toParam());
        }
        goOn = StopReason.PAUSE_TURN.equals(stop) || StopReason.COMPACTION.equals(stop);
      }
      control.endTurn();
      listeners.onTurnComplete(turn, message);
      if (paused != null) {
        return paused;
      }
      if (!goOn) {
        return new AgentResult(message, history, turnUsage);
      }
      if (turn >= settings.maxTurns()) {
        throw new TurnLimitException(settings.maxTurns(), history, turnUsage);
      }
    }
  }

  /**
   * Settles the calls of the turn the run was resumed with ({@link OpenTurn}). Returns the result
   * of a run that waits for approval again, or null once the turn's results are in the history.
   */
  private @Nullable AgentResult settle(OpenTurn open) {
    int turn = open.number();
    MDC.put(LogContext.TURN, Integer.toString(turn));
    history.remove(history.size() - 1); // The reply joins the history again, with its results.
    ToolDispatch calls =
        dispatch(turn, TurnTools.of(settings), open.history(), open.approvals(), open.started());
    calls.release();
    open.settle(calls, listeners);
    Message reply = open.message(settings.template().model());
    AgentResult paused = answer(reply, open.reply(), calls, open.approvals());
    control.endTurn();
    if (paused == null && turn >= settings.maxTurns()) {
      throw new TurnLimitException(settings.maxTurns(), history, turnUsage);
    }
    return paused;
  }

  /** Returns the dispatch of a turn's calls, with the decisions and starts recorded for them. */
  private ToolDispatch dispatch(
      int turn,
      TurnTools tools,
      TurnHistory turnHistory,
      Map<String, RunState.Approval> approvals,
      Set<String> startedBefore) {
    return new ToolDispatch(
        settings,
        tools.byName(),
        turnHistory,
        control,
        new TurnTrace(runId, turn, observation),
        checkpoints,
        approvals,
        startedBefore);
  }

  /**
   * Collects the results of {@code reply}'s calls. When every call is answered, the reply (as
   * {@code sent}) and its results join the history and null is returned; when some wait for
   * approval, the reply joins the history alone and the result returned holds the state to resume
   * from.
   */
  private @Nullable AgentResult answer(
      Message reply,
      MessageParam sent,
      ToolDispatch calls,
      Map<String, RunState.Approval> approvals) {
    List<ContentBlock.ToolResult> results = calls.collect(listeners, this::checkCancelled);
    history.add(sent);
    if (calls.waiting().isEmpty()) {
      history.add(MessageParam.user(results));
      return null;
    }
    Map<String, ContentBlock.ToolResult> known = new LinkedHashMap<>();
    results.forEach(result -> known.put(result.toolUseId(), result));
    RunState paused = new RunState(runId, history, known, Set.of(), approvals, turnUsage);
    return new AgentResult(reply, history, turnUsage, paused);
  }

  /**
   * Returns the request of a turn: the template with the history, and the agent's automatic caching
   * unless the template sets its own or the blocks' breakpoints leave it no slot (the API would
   * refuse the request).
   */
  private MessageRequest request(MessageRequest template, List<MessageParam> history) {
    MessageRequest request =
        template
            .toBuilder()
            .messages(CompactedHistory.toSend(history))
            .container(container)
            .build();
    CacheControl caching = settings.promptCaching();
    if (caching == null
        || request.cacheControl() != null
        || request.extraFields().containsKey("cache_control")
        || request.cacheBreakpoints() >= MessageRequest.MAX_CACHE_BREAKPOINTS) {
      return request;
    }
    return request.toBuilder().cacheControl(caching).build();
  }

  /**
   * Sends the turn's request, reported to the run's observation as a model call, and reads the
   * reply event by event; each block is handed on as it completes, so that a tool call is
   * dispatched while the rest of the reply still streams.
   */
  private Message streamTurn(
      int turn, MessageRequest template, TurnHistory turnHistory, ToolDispatch calls) {
    MessageRequest request = request(template, turnHistory.before());
    AgentObserver.ModelCall call = observation.modelCallStarted(turn, request);
    Message message;
    try (AgentObserver.Scope entered = call.enter()) {
      message = streamReply(turn, request, turnHistory, calls, call);
    } catch (RuntimeException | Error e) {
      call.ended(null, e);
      throw e;
    }
    call.ended(message, null);
    return message;
  }

  /** Streams the reply to {@code request}, telling {@code call} when its first event arrives. */
  private Message streamReply(
      int turn,
      MessageRequest request,
      TurnHistory turnHistory,
      ToolDispatch calls,
      AgentObserver.ModelCall call) {
    MessageStream stream = settings.client().stream(request);
    control.attach(stream);
    Relay relay = new Relay();
    stream.addListener(relay);
    try {
      boolean first = true;
      for (StreamEvent ignored : stream) {
        if (first) {
          call.firstChunk();
          first = false;
        }
        checkCancelled();
        for (ContentBlock block = relay.completed.poll();
            block != null;
            block = relay.completed.poll()) {
          blockCompleted(block, stream, turnHistory, calls);
        }
      }
      return stream.finalMessage();
    } catch (ToolstreamException e) {
      calls.cancelAll();
      if (e instanceof RequestCancelledException) {
        control.cancel(); // The thread was interrupted while connecting or waiting to retry.
      }
      checkCancelled();
      throw new AgentException(
          "turn " + turn + " failed: " + e.getMessage(), history, turnUsage, e);
    } catch (RuntimeException e) {
      calls.cancelAll();
      throw e;
    } finally {
      stream.close();
    }
  }

  /**
   * Remembers the code execution container a reply ran in, so the next request reuses it with its
   * files and state.
   */
  private void keepContainer(Message message) {
    JsonNode named = message.container();
    if (named != null && named.path("id").isString()) {
      container = named.get("id").asString();
    }
  }

  /**
   * Adds a completed block to the turn's history and dispatches it if it is a client tool call.
   * The calls of server tools and MCP tools only go to the listeners: the API runs them.
   */
  private void blockCompleted(
      ContentBlock block, MessageStream stream, TurnHistory turnHistory, ToolDispatch calls) {
    if (!(block instanceof ContentBlock.ToolUse call)) {
      turnHistory.add(block);
      tellServerBlock(block);
      if (block instanceof ContentBlock.Compaction compaction) {
        listeners.onCompaction(compaction);
      }
      return;
    }
    if (!calls.firstUseOf(call.id())) {
      // The API takes exactly one tool_result per tool_use id, and rejects a reply sent back
      // with an id twice, so no answer to this message could be accepted.
      throw new MalformedStreamException(
          "tool_use id " + call.id() + " appears twice in one message",
          stream.currentMessage(),
          stream.requestId(),
          null);
    }
    turnHistory.add(call);
    listeners.onToolCall(call);
    calls.dispatch(call);
  }

  private void tellServerBlock(ContentBlock block) {
    if (block instanceof ContentBlock.ServerToolUse call) {
      listeners.onServerToolCall(call);
    } else if (block instanceof ContentBlock.ServerToolResult result) {
      listeners.onServerToolResult(result);
    } else if (block instanceof ContentBlock.McpToolUse call) {
      listeners.onMcpToolCall(call);
    } else if (block instanceof ContentBlock.McpToolResult result) {
      listeners.onMcpToolResult(result);
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
    checkpoints.runFailed(failure);
    observation.ended(null, failure);
    listeners.onError(failure);
    return failure;
  }

  /**
   * Passes the stream's deltas on to the agent's listeners and keeps the blocks that complete, for
   * the loop to take after each event. It never calls back into the loop.
   */
  private final class Relay implements StreamListener {
    final Queue<ContentBlock> completed = new ArrayDeque<>();

    private final OutputDelta.@Nullable Buffer answer =
        settings.output() == null ? null : new OutputDelta.Buffer();

    @Override
    public void onText(String text) {
      listeners.onText(text);
      if (answer != null) {
        listeners.onOutputDelta(answer.append(text));
      }
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
      completed.add(block);
    }
  }
}
