package dev.toolstream.store.internal;

import dev.toolstream.agent.AgentCancelledException;
import dev.toolstream.agent.AgentException;
import dev.toolstream.agent.AgentResult;
import dev.toolstream.agent.RunJournal;
import dev.toolstream.messages.ContentBlock;
import dev.toolstream.messages.Message;
import dev.toolstream.store.LeaseLostException;
import dev.toolstream.store.RunStatus;
import dev.toolstream.store.RunStep;
import dev.toolstream.store.RunStore;
import dev.toolstream.store.StoreException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a run's steps to the store as the loop reports them, fenced by the owner: once the lease
 * is lost (a write was refused, or the heartbeat found another owner), it writes nothing more.
 */
public final class StoreJournal implements RunJournal {
  private static final Logger log = LoggerFactory.getLogger(StoreJournal.class);

  private final RunStore store;
  private final String owner;
  private final AtomicBoolean lost = new AtomicBoolean();
  private final AtomicBoolean saveFailed = new AtomicBoolean();

  public StoreJournal(RunStore store, String owner) {
    this.store = store;
    this.owner = owner;
  }

  /** Marks the lease lost: later steps are not written. */
  public void leaseLost() {
    lost.set(true);
  }

  /** Tells whether the lease was lost. */
  public boolean isLeaseLost() {
    return lost.get();
  }

  @Override
  public void turnCompleted(String runId, int turn, Message message) {
    write(runId, new RunStep.Turn(turn, message));
  }

  @Override
  public void toolStarted(String runId, ContentBlock.ToolUse call) {
    write(runId, new RunStep.ToolStarted(call.id()));
  }

  @Override
  public void toolCompleted(String runId, ContentBlock.ToolResult result) {
    write(runId, new RunStep.ToolCompleted(result));
  }

  @Override
  public void runEnded(String runId, AgentResult result) {
    if (result.isAwaitingApproval()) {
      List<String> waiting =
          result.awaitingApproval().stream().map(ContentBlock.ToolUse::id).toList();
      write(runId, new RunStep.Ended(RunStatus.WAITING_FOR_APPROVAL, waiting, null));
    } else {
      write(runId, new RunStep.Ended(RunStatus.DONE, List.of(), null));
    }
  }

  @Override
  public void runFailed(String runId, AgentException failure) {
    if (lost.get() || saveFailed.get()) {
      // Not this run's failure but the store's: the run stays running in the store, and an
      // instance recovers it from its last saved step once the lease expires.
      return;
    }
    RunStatus status =
        failure instanceof AgentCancelledException ? RunStatus.CANCELLED : RunStatus.FAILED;
    String why = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    try {
      store.append(runId, owner, new RunStep.Ended(status, List.of(), why));
    } catch (LeaseLostException e) {
      lost.set(true);
    } catch (StoreException e) {
      // The run stays running in the store; an instance recovers it when its lease expires.
      log.warn("could not record that run {} {}: {}", runId, status, e.getMessage());
    }
  }

  private void write(String runId, RunStep step) {
    if (lost.get()) {
      throw new LeaseLostException(runId, owner);
    }
    try {
      store.append(runId, owner, step);
    } catch (LeaseLostException e) {
      lost.set(true);
      throw e;
    } catch (StoreException e) {
      saveFailed.set(true);
      throw e;
    }
  }
}
