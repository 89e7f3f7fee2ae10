package dev.toolstream.store;

import dev.toolstream.messages.Usage;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A stored run's row: its status, who holds it, and its totals, without its history (see {@link
 * RunStore#state}).
 *
 * @param runId the run's id
 * @param conversationId the conversation the run belongs to, or null
 * @param status where the run stands
 * @param owner the instance that holds the run, or null when nobody does
 * @param leaseUntil when the owner's lease expires, or null when nobody holds the run
 * @param steps how many steps the run has stored
 * @param turns how many model turns the run has taken
 * @param usage the token counts of every turn added up
 * @param claims how many times an instance claimed the run after it was created
 * @param awaitingApproval the tool calls waiting for a person's decision, by {@code tool_use} id
 * @param error why the run failed or was cancelled, or null
 * @param createdAt when the run was created
 * @param updatedAt when the run's row last changed
 */
public record RunRecord(
    String runId,
    @Nullable String conversationId,
    RunStatus status,
    @Nullable String owner,
    @Nullable Instant leaseUntil,
    int steps,
    int turns,
    Usage usage,
    int claims,
    List<String> awaitingApproval,
    @Nullable String error,
    Instant createdAt,
    Instant updatedAt) {

  /**
   * Checks the required components and copies the list.
   *
   * @param runId the run's id
   * @param conversationId the conversation, or null
   * @param status the status
   * @param owner the holder, or null
   * @param leaseUntil the lease's end, or null
   * @param steps the number of steps
   * @param turns the number of turns
   * @param usage the token totals
   * @param claims the number of claims
   * @param awaitingApproval the calls waiting for a decision
   * @param error the failure, or null
   * @param createdAt the creation time
   * @param updatedAt the last change
   */
  public RunRecord {
    Objects.requireNonNull(runId, "runId == null");
    Objects.requireNonNull(status, "status == null");
    Objects.requireNonNull(usage, "usage == null");
    awaitingApproval = List.copyOf(awaitingApproval);
    Objects.requireNonNull(createdAt, "createdAt == null");
    Objects.requireNonNull(updatedAt, "updatedAt == null");
  }
}
