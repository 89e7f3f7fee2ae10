package dev.toolstream.agent;

import dev.toolstream.messages.ContentBlock;
import dev.toolstream.messages.Message;
import dev.toolstream.messages.MessageParam;
import dev.toolstream.messages.Usage;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run's {@link RunJournal}, called by the loop: a journal that throws becomes the run's {@link
 * AgentException}, with the history so far, since going on would do work no checkpoint records.
 * Only the run's thread calls it (results that tool threads produce are handed to that thread
 * first, by {@link ToolDispatch#collect}), so the journal sees one call at a time without a lock.
 */
final class RunCheckpoints {
  private static final Logger log = LoggerFactory.getLogger("dev.toolstream.agent");

  private final RunJournal journal;
  private final String runId;
  private final List<MessageParam> history;
  private final List<Usage> turnUsage;

  /** Writes the steps of run {@code runId}; {@code history} and {@code turnUsage} are the loop's. */
  RunCheckpoints(
      RunJournal journal, String runId, List<MessageParam> history, List<Usage> turnUsage) {
    this.journal = journal;
    this.runId = runId;
    this.history = history;
    this.turnUsage = turnUsage;
  }

  /**
   * Returns whether a call may start as soon as its block has streamed: only without a journal,
   * since with one every call that starts must belong to a turn already saved.
   */
  boolean startEarly() {
    return journal == RunJournal.NONE;
  }

  void turnCompleted(int turn, Message message) {
    save(() -> journal.turnCompleted(runId, turn, message));
  }

  void toolStarted(ContentBlock.ToolUse call) {
    save(() -> journal.toolStarted(runId, call));
  }

  void toolCompleted(ContentBlock.ToolResult result) {
    save(() -> journal.toolCompleted(runId, result));
  }

  void runEnded(AgentResult result) {
    save(() -> journal.runEnded(runId, result));
  }

  /**
   * Tells the journal the run failed. A journal that throws now is logged: the run has already
   * failed, and its own failure is what the caller must see.
   */
  void runFailed(AgentException failure) {
    try {
      journal.runFailed(runId, failure);
    } catch (RuntimeException e) {
      log.warn("the run's journal threw recording that run {} failed; ignored", runId, e);
    }
  }

  private void save(Runnable step) {
    try {
      step.run();
    } catch (RuntimeException e) {
      throw new AgentException(
          "could not save the run's checkpoint, so the run stopped: " + e, history, turnUsage, e);
    }
  }
}
