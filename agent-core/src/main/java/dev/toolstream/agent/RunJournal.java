package dev.toolstream.agent;

import dev.toolstream.messages.ContentBlock;
import dev.toolstream.messages.Message;

/**
 * Where a run writes each step before it goes on, so that it can be resumed
 * ({@code Agent.resume}) after a crash: a run store implements
 * it. The loop calls it on the run's thread, one call at a time, and waits for it to return; a
 * journal that throws fails the run with an {@link AgentException}, because going on would do
 * work no checkpoint records.
 *
 * <p>With a journal, a turn's tool calls run after the whole reply has arrived and {@link
 * #turnCompleted} has returned, so that every call that starts belongs to a saved turn.
 *
 * <p>Replaying the steps in order on the run's first {@link RunState} with {@link
 * RunState#afterTurn}, {@link RunState#withStarted} and {@link RunState#withResult} gives the
 * state the run stood at.
 */
public interface RunJournal {
  /**
   * A journal that keeps nothing: the default, for runs that need no checkpoints.
   */
  RunJournal NONE = new RunJournal() {};

  /**
   * An assistant turn is complete and joins the history; its tool calls, if any, have not
   * started.
   *
   * @param runId the run's id
   * @param turn the turn's number, counting every turn of the run from 1
   * @param message the complete reply, every block and field as received
   */
  default void turnCompleted(String runId, int turn, Message message) {}

  /**
   * A client tool call is about to start; its effect may happen from now on.
   *
   * @param runId the run's id
   * @param call the call, one of the open turn's
   */
  default void toolStarted(String runId, ContentBlock.ToolUse call) {}

  /**
   * A client tool call's result is known: its handler's answer, an error, a timeout, a denial or
   * the note that an interrupted call may or may not have taken effect.
   *
   * @param runId the run's id
   * @param result the result the model will get
   */
  default void toolCompleted(String runId, ContentBlock.ToolResult result) {}

  /**
   * The run stopped with a result: the model is done, or some calls wait for a person's approval
   * ({@code AgentResult.isAwaitingApproval()}).
   *
   * @param runId the run's id
   * @param result what the run produced
   */
  default void runEnded(String runId, AgentResult result) {}

  /**
   * The run failed or was cancelled ({@link AgentCancelledException}).
   *
   * @param runId the run's id
   * @param failure what stopped it, with the history so far
   */
  default void runFailed(String runId, AgentException failure) {}
}
