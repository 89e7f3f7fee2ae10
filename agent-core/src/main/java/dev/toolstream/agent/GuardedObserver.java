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
    try {
      return new GuardedRun(observer.runStarted(runId, template, baseUrl));
    } catch (RuntimeException e) {
      log.warn("the agent's observer threw as run {} started; the run is not observed", runId, e);
      return Run.NONE;
    }
  }

  /** Enters {@code what} through {@code entering}: a throw enters nothing, a scope's is ignored. */
  private static Scope enter(Supplier<Scope> entering, String what) {
    Scope scope;
    try {
      scope = entering.get();
    } catch (RuntimeException e) {
      threw("entering " + what, e);
      return Scope.NONE;
    }
    return () -> report(scope::close, "closing the scope of " + what);
  }

  /** Runs one report to the observer; a throw is logged and ignored. */
  private static void report(Runnable reporting, String doing) {
    try {
      reporting.run();
    } catch (RuntimeException e) {
      threw(doing, e);
    }
  }

  private static void threw(String doing, RuntimeException e) {
    log.warn("the agent's observer threw {}; ignored", doing, e);
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
      try {
        return new GuardedModelCall(run.modelCallStarted(turn, request), turn);
      } catch (RuntimeException e) {
        threw("starting the model call of turn " + turn, e);
        return ModelCall.NONE;
      }
    }

    @Override
    public ToolCall toolCallStarted(int turn, ContentBlock.ToolUse call, @Nullable ToolSpec tool) {
      try {
        return new GuardedToolCall(run.toolCallStarted(turn, call, tool), call.id());
      } catch (RuntimeException e) {
        threw("starting tool call " + call.id(), e);
        return ToolCall.NONE;
      }
    }

    @Override
    public void ended(@Nullable AgentResult result, @Nullable AgentException failure) {
      report(() -> run.ended(result, failure), "ending the run");
    }
  }

  private static final class GuardedModelCall implements ModelCall {
    private final ModelCall call;
    private final int turn;

    GuardedModelCall(ModelCall call, int turn) {
      this.call = call;
      this.turn = turn;
    }

    @Override
    public Scope enter() {
      return GuardedObserver.enter(call::enter, "the model call of turn " + turn);
    }

    @Override
    public void firstChunk() {
      report(call::firstChunk, "at the first chunk of turn " + turn);
    }

    @Override
    public void ended(@Nullable Message message, @Nullable Throwable failure) {
      report(() -> call.ended(message, failure), "ending the model call of turn " + turn);
    }
  }

  private static final class GuardedToolCall implements ToolCall {
    private final ToolCall call;
    private final String id;

    GuardedToolCall(ToolCall call, String id) {
      this.call = call;
      this.id = id;
    }

    @Override
    public Scope enter() {
      return GuardedObserver.enter(call::enter, "tool call " + id);
    }

    @Override
    public void ended(ToolExecution execution, ToolOutcome outcome, @Nullable Throwable failure) {
      report(() -> call.ended(execution, outcome, failure), "ending tool call " + id);
    }
  }
}
