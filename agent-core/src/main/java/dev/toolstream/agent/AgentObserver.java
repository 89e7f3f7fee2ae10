package dev.toolstream.agent;

import dev.toolstream.messages.ContentBlock;
import dev.toolstream.messages.Message;
import dev.toolstream.messages.MessageRequest;
import org.jspecify.annotations.Nullable;

/**
 * Watches an agent's work as it happens, for tracing and metrics: each run, each call of the model
 * within it and each tool call, from start to outcome. agent-otel's {@code AgentTelemetry} is one;
 * set it with {@link Agent.Builder#observer}. Without one an agent uses {@link #NONE}, whose
 * observations are shared constants: nothing is allocated or measured for it.
 *
 * <p>Each start returns the observation of that piece of work, and the work's end is reported to
 * that observation exactly once. Observations nest as the work does: a {@link Run} starts {@link
 * ModelCall}s and {@link ToolCall}s, and ends after all of them (a tool call still running when its
 * run ends is reported cancelled first). The model call's request, its retries and its stream all
 * happen between its start and its end.
 *
 * <p>Threads: {@link #runStarted} is called on the thread that calls {@code run} or {@code
 * runAsync}; a run's model calls and its end on the run's thread; a tool call's start on the thread
 * that runs its handler, or on the run's thread for a call whose input is rejected, and its end on
 * whichever thread answers it (the handler's, the timer's or a cancelling one). An observer must be
 * safe to call from several threads and quick. It should not throw: one that does is logged (the
 * {@code dev.toolstream.agent} logger, WARN) and ignored, and the work goes on as if it had returned;
 * a start that throws leaves that run, model call or tool call unobserved.
 */
public interface AgentObserver {
  /** Observes nothing, at no cost; the agent's observer unless one is set. */
  AgentObserver NONE = new AgentObserver() {};

  /**
   * Reports that a run begins; called before it waits for its executor, on the caller's thread.
   *
   * @param runId the run's id, also in the SLF4J MDC as {@code toolstream.run_id} while it logs
   * @param template the request every turn starts from: model, parameters, system and tools, no
   *     messages
   * @param baseUrl the API's address the run's client sends to, such as {@code
   *     https://api.anthropic.com}
   * @return the run's observation; {@link Run#NONE} to observe nothing of it
   */
  default Run runStarted(String runId, MessageRequest template, String baseUrl) {
    return Run.NONE;
  }

  /** One run, from its start to its result or failure. */
  interface Run {
    /** Observes nothing of a run. */
    Run NONE = new Run() {};

    /**
     * Makes the run current on the run's thread until the returned scope closes, so that work the
     * run does there (its HTTP calls, its listeners) nests under it.
     *
     * @return a scope to close on the same thread
     */
    default Scope enter() {
      return Scope.NONE;
    }

    /**
     * Reports that the model is called for a turn, before the request is sent.
     *
     * @param turn the turn, from 1
     * @param request the request as it will be sent, with the history
     * @return the call's observation
     */
    default ModelCall modelCallStarted(int turn, MessageRequest request) {
      return ModelCall.NONE;
    }

    /**
     * Reports that a tool call starts: its handler is about to run, or its input was rejected, or
     * it is answered cancelled before it could start.
     *
     * @param turn the turn whose reply made the call, from 1
     * @param call the call as the model made it
     * @param tool the tool it names; null for a tool the agent does not have
     * @return the call's observation
     */
    default ToolCall toolCallStarted(int turn, ContentBlock.ToolUse call, @Nullable ToolSpec tool) {
      return ToolCall.NONE;
    }

    /**
     * Reports how the run ended: exactly one of {@code result} and {@code failure} is not null.
     *
     * @param result the run's result when it succeeded
     * @param failure why it did not: an {@link AgentCancelledException} when cancelled, an {@link
     *     AgentException} whose cause is the API's or the stream's error, or whose cause is the
     *     {@link Error} that stopped it
     */
    default void ended(@Nullable AgentResult result, @Nullable AgentException failure) {}
  }

  /** One call of the model: request, retries and stream. */
  interface ModelCall {
    /** Observes nothing of a model call. */
    ModelCall NONE = new ModelCall() {};

    /**
     * Makes the call current on the run's thread until the returned scope closes, so that the HTTP
     * requests it sends nest under it.
     *
     * @return a scope to close on the same thread
     */
    default Scope enter() {
      return Scope.NONE;
    }

    /** Reports that the first event of the reply arrived; called once at most. */
    default void firstChunk() {}

    /**
     * Reports how the call ended: exactly one of {@code message} and {@code failure} is not null.
     *
     * @param message the whole reply
     * @param failure the run's failure it caused: an {@link AgentException} whose cause is the
     *     API's, the connection's or the stream's error, an {@link AgentCancelledException}, or an
     *     unchecked exception or {@link Error} thrown while the reply streamed
     */
    default void ended(@Nullable Message message, @Nullable Throwable failure) {}
  }

  /** One tool call, from its start to the result the model gets. */
  interface ToolCall {
    /** Observes nothing of a tool call. */
    ToolCall NONE = new ToolCall() {};

    /**
     * Makes the call current on the handler's thread while the handler runs (on a {@linkplain
     * Agent.Builder#toolExecutor tool executor} or the library's tool threads), so that what the
     * handler does (a database call, an HTTP request) nests under it.
     *
     * @return a scope to close on the same thread
     */
    default Scope enter() {
      return Scope.NONE;
    }

    /**
     * Reports the call's result as the model gets it, before the run sees it.
     *
     * @param execution the call, its result and how long its handler ran
     * @param outcome how it ended
     * @param failure what the handler threw, for {@link ToolOutcome#THREW}; otherwise null
     */
    default void ended(ToolExecution execution, ToolOutcome outcome, @Nullable Throwable failure) {}
  }

  /** How a tool call ended. Every outcome but {@link #SUCCEEDED} is an error result. */
  enum ToolOutcome {
    /** The handler returned a result that is not an error. */
    SUCCEEDED,
    /** The handler returned an error result. */
    RETURNED_ERROR,
    /** The handler threw. */
    THREW,
    /** The handler outlived its timeout and was interrupted. */
    TIMED_OUT,
    /** The run was cancelled, or failed, or its turn ended, before the call was answered. */
    CANCELLED,
    /** The model named a tool the agent does not have. */
    UNKNOWN_TOOL,
    /** The input was not valid JSON. */
    INVALID_JSON,
    /** The input broke the tool's schema. */
    SCHEMA_VIOLATION,
    /** A person did not approve the call; the model got the reason. */
    DENIED,
    /**
     * A resumed run found the call started without a recorded result, and the tool is not
     * idempotent: the model was told it may or may not have taken effect.
     */
    INTERRUPTED
  }

  /** What {@code enter()} returns: closing it makes current again what was before. */
  interface Scope extends AutoCloseable {
    /** Enters nothing. */
    Scope NONE = () -> {};

    /** Restores what was current before; called once, on the thread that entered. */
    @Override
    void close();
  }
}
