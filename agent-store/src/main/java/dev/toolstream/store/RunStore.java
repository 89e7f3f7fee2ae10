package dev.toolstream.store;

import dev.toolstream.agent.RunState;
import dev.toolstream.messages.MessageParam;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Where durable runs and conversations are kept: each run as one row (status, lease, totals) and
 * an append-only list of {@link RunStep}s, written one step per checkpoint.
 *
 * <p>A run is held by one <em>owner</em> (an instance id) at a time, through a lease that the
 * owner renews; every write of a running run is fenced by the owner, so an instance whose lease
 * expired and whose run another instance claimed gets a {@link LeaseLostException} instead of
 * writing. Lease times come from the store's clock.
 *
 * <p>Implementations are safe for use by many threads and, through a shared database, by many
 * processes. Every method throws {@link StoreException} when the database fails.
 */
public interface RunStore extends AutoCloseable {
  /**
   * Creates a running run held by {@code owner}, with its first step ({@link RunStep.Start}).
   *
   * @param runId the new run's id, not used before
   * @param conversationId the conversation the run continues, or null for a run of its own
   * @param fromMessage with a conversation: the index of its first message the run starts from
   *     (0 for all of them; a {@link ConversationWindow} picks a later one); ignored without
   * @param messages the new messages, ending with the user's
   * @param owner the instance that runs it
   * @param lease how long the owner holds it without renewing
   * @return the run's row
   * @throws ConversationBusyException if the conversation has a run that has not ended (running,
   *     or waiting for approval): the runs of a conversation take turns, whichever instances run
   *     them
   * @throws StoreException if a run with that id exists, or {@code fromMessage} is out of range
   */
  RunRecord create(
      String runId,
      @Nullable String conversationId,
      int fromMessage,
      List<MessageParam> messages,
      String owner,
      Duration lease);

  /**
   * Appends one step to a run held by {@code owner}: one row, whatever the run's length. An
   * {@link RunStep.Ended} step also releases the run, and a run that ends done adds its messages
   * to its conversation.
   *
   * @param runId the run
   * @param owner the instance that holds it
   * @param step the step
   * @throws LeaseLostException if {@code owner} does not hold the run (any more)
   */
  void append(String runId, String owner, RunStep step);

  /**
   * Renews the owner's lease.
   *
   * @param runId the run
   * @param owner the instance that holds it
   * @param lease how long from now it keeps holding it
   * @throws LeaseLostException if {@code owner} does not hold the run (any more)
   */
  void renew(String runId, String owner, Duration lease);

  /**
   * Gives a run up: it stays running with no owner, claimable at once by any instance, as when an
   * instance shuts down in the middle of a run. Does nothing if {@code owner} does not hold it.
   *
   * @param runId the run
   * @param owner the instance that holds it
   */
  void release(String runId, String owner);

  /**
   * Claims a run that can go on: running with no owner, or with an expired lease, or already held
   * by {@code owner}. Counts the claim in {@link RunRecord#claims()}.
   *
   * @param runId the run
   * @param owner the instance that claims it
   * @param lease how long it holds it without renewing
   * @return the run's row after the claim
   * @throws RunHeldException if another owner holds it with a live lease, or the run ended or
   *     waits for decisions
   * @throws StoreException if there is no such run
   */
  RunRecord claim(String runId, String owner, Duration lease);

  /**
   * Claims up to {@code limit} running runs that nobody holds or whose lease expired, oldest
   * first. Two instances calling this at once never claim the same run.
   *
   * @param owner the instance that claims them
   * @param limit the most runs to claim, at least 1
   * @param lease how long it holds each without renewing
   * @return the ids of the claimed runs
   */
  List<String> claimAbandoned(String owner, int limit, Duration lease);

  /**
   * Records a person's decision about a call a waiting run waits for. When no call waits any
   * more, the run becomes running with no owner: claimable by any instance.
   *
   * @param runId the run
   * @param toolUseId the call's {@code tool_use} id
   * @param approval the decision
   * @return the run's row after the decision
   * @throws StoreException if the run does not wait for a decision on that call
   */
  RunRecord decide(String runId, String toolUseId, RunState.Approval approval);

  /**
   * Returns a run's row.
   *
   * @param runId the run
   * @return the row, or empty if there is no such run
   */
  Optional<RunRecord> find(String runId);

  /**
   * Returns runs with a status, oldest first.
   *
   * @param status the status
   * @param limit the most rows to return, at least 1
   * @return the rows
   */
  List<RunRecord> list(RunStatus status, int limit);

  /**
   * Returns a run's steps, in the order they were written.
   *
   * @param runId the run
   * @return its steps, starting with {@link RunStep.Start}
   * @throws StoreException if there is no such run
   */
  List<RunStep> steps(String runId);

  /**
   * Returns the state a run stands at: its conversation's messages it started from, then its
   * steps replayed.
   *
   * @param runId the run
   * @return the state to resume from
   * @throws StoreException if there is no such run
   */
  RunState state(String runId);

  /**
   * Returns a conversation's messages: those of its runs that ended done, in the order they
   * ended.
   *
   * @param conversationId the conversation
   * @return its messages; empty for a conversation with no finished run
   */
  List<MessageParam> conversation(String conversationId);

  /**
   * Returns a conversation's run that has not ended: running (on any instance, or waiting to be
   * recovered) or waiting for approval. There is at most one; {@link #create} refuses a second.
   *
   * @param conversationId the conversation
   * @return its unfinished run's row, or empty when its last run ended (or it has none)
   */
  Optional<RunRecord> openRun(String conversationId);

  /** Releases the store's own connections; a {@code DataSource} passed in is left open. */
  @Override
  void close();
}
