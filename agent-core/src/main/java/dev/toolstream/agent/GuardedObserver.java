package dev.toolstream.agent;

import dev.toolstream.messages.ContentBlock;
import dev.toolstream.messages.Message;
import dev.toolstream.messages.MessageRequest;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's {@link AgentObserver} with every callback guarded: one that throws is logged and
 * then ignored, so that a bug in an exporter can neither fail a run nor keep its listeners from
 * their terminal callback, nor leave a tool call unanswered. A start that throws leaves that piece
 * of work unobserved. The observer is the application's; the run is ours to finish.
 */
final class GuardedObserver implements AgentObserver {
  private static final Logger log = LoggerFactory.getLogger("dev.toolstream.agent");

  private final AgentObserver observer;

  private GuardedObserver(AgentObserver observer) {
    this.observer = observer;
  }

  /** Returns {@code observer} guarded; {@link #NONE} and a guarded one as they are. */
  static AgentObserver of(AgentObserver observer) {
    return observer == NONE || observer instanceof GuardedObserver
        ? observer
        : new GuardedObserver(observer);
  }

  @Override
  public Run runStarted(String runId, MessageRequest template, String baseUrl) {
    return start(
        () -> new GuardedRun(observer.runStarted(runId, template, baseUrl)),
        Run.NONE,
        "run " + runId);
  }

  /** Starts observing {@code what} through {@code starting}; a throw leaves it unobserved. */
  private static <T> T start(Supplier<T> starting, T none, String what) {
    try {
      return starting.get();
    } catch (RuntimeException e) {
      log.warn("the agent's observer threw starting {}; it is not observed", what, e);
      return none;
    }
  }

  /** Enters {@code what} through {@code entering}: a throw enters nothing, a scope's is ignored. */
  private static Scope enter(Supplier<Scope> entering, String what) {
    Scope scope = start(entering, Scope.NONE, "the scope of " + what);
    return scope == Scope.NONE ? scope : () -> report(scope::close, "closing the scope of " + what);
  }

  /** Runs one report to the observer; a throw is logged and ignored. */
  private static void report(Runnable reporting, String doing) {
    try {
      reporting.run();
    } catch (RuntimeException e) {
      log.warn("the agent's observer threw {}; ignored", doing, e);
    }
  }

  private static final class GuardedRun implements Run {
    private final Run run;

    GuardedRun(Run run) {
      this.run = run;
    }

    @Override
    public Scope enter() {
      return GuardedObserver.enter(run::enter, "the run");
    }

    @Override
    public ModelCall modelCallStarted(int turn, MessageRequest request) {
      String what = "the model call of turn " + turn;
      return start(
          () -> new GuardedModelCall(run.modelCallStarted(turn, request), what),
          ModelCall.NONE,
          what);
    }

    @Override
    public ToolCall toolCallStarted(int turn, ContentBlock.ToolUse call, @Nullable ToolSpec tool) {
      String what = "tool call " + call.id();
      return start(
          () -> new GuardedToolCall(run.toolCallStarted(turn, call, tool), what),
          ToolCall.NONE,
          what);
    }

    @Override
    public void ended(@Nullable AgentResult result, @Nullable AgentException failure) {
      report(() -> run.ended(result, failure), "ending the run");
    }
  }

  private static final class GuardedModelCall implements ModelCall {
    private final ModelCall call;
    private final String what;

    GuardedModelCall(ModelCall call, String what) {
      this.call = call;
      this.what = what;
    }

    @Override
    public Scope enter() {
      return GuardedObserver.enter(call::enter, what);
    }

    @Override
    public void firstChunk() {
      report(call::firstChunk, "at the first chunk of " + what);
    }

    @Override
    public void ended(@Nullable Message message, @Nullable Throwable failure) {
      report(() -> call.ended(message, failure), "ending " + what);
    }
  }

  private static final class GuardedToolCall implements ToolCall {
    private final ToolCall call;
    private final String what;

    GuardedToolCall(ToolCall call, String what) {
      this.call = call;
      this.what = what;
    }

    @Override
    public Scope enter() {
      return GuardedObserver.enter(call::enter, what);
    }

    @Override
    public void ended(ToolExecution execution, ToolOutcome outcome, @Nullable Throwable failure) {
      report(() -> call.ended(execution, outcome, failure), "ending " + what);
    }
  }
}
