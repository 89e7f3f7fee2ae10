package dev.toolstream.agent;

import dev.toolstream.messages.ContentBlock;
import dev.toolstream.messages.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A journal that writes each step as a line ("turnCompleted 1", "toolStarted toolu_a", ...), with
 * the thread it came on, and can replay the steps on a state as a store would.
 */
class RecordingJournal implements RunJournal {
  final List<String> steps = new ArrayList<>();
  final List<Thread> threads = new ArrayList<>();
  final List<String> runIds = new ArrayList<>();
  private final List<UnaryOperator<RunState>> replay = new ArrayList<>();
  AgentResult ended;
  AgentException failed;

  @Override
  public synchronized void turnCompleted(String runId, int turn, Message message) {
    record(runId, "turnCompleted " + turn);
    replay.add(state -> state.afterTurn(message));
  }

  @Override
  public synchronized void toolStarted(String runId, ContentBlock.ToolUse call) {
    record(runId, "toolStarted " + call.id());
    replay.add(state -> state.withStarted(call.id()));
  }

  @Override
  public synchronized void toolCompleted(String runId, ContentBlock.ToolResult result) {
    record(runId, "toolCompleted " + result.toolUseId());
    replay.add(state -> state.withResult(result));
  }

  @Override
  public synchronized void runEnded(String runId, AgentResult result) {
    record(runId, "runEnded");
    ended = result;
  }

  @Override
  public synchronized void runFailed(String runId, AgentException failure) {
    record(runId, "runFailed " + failure.getClass().getSimpleName());
    failed = failure;
  }

  /** Adds a line of the test's own, such as a tool's start, to the same sequence. */
  synchronized void note(String line) {
    steps.add(line);
  }

  synchronized List<String> steps() {
    return List.copyOf(steps);
  }

  /** Applies the tool and turn steps recorded so far to {@code start}. */
  synchronized RunState replay(RunState start) {
    RunState state = start;
    for (UnaryOperator<RunState> step : replay) {
      state = step.apply(state);
    }
    return state;
  }

  private void record(String runId, String step) {
    steps.add(step);
    threads.add(Thread.currentThread());
    runIds.add(runId);
  }
}
