package dev.toolstream.store;

import dev.toolstream.agent.AgentResult;
import dev.toolstream.messages.ContentBlock;
import java.util.List;
import java.util.Objects;

/**
 * What a durable run produced, with the id to find it by in the store.
 *
 * @param runId the run's id: {@link DurableAgent#resume}, {@link DurableAgent#approve} and {@link
 *     RunStore#find} take it
 * @param status {@link RunStatus#DONE}, or {@link RunStatus#WAITING_FOR_APPROVAL} when the run
 *     stopped before calls that need a person's decision
 * @param result the run's result, as {@code Agent.run} returns it
 */
public record DurableResult(String runId, RunStatus status, AgentResult result) {
  /**
   * Checks the components are present.
   *
   * @param runId the run's id
   * @param status the status it stopped with
   * @param result the result
   */
  public DurableResult {
    Objects.requireNonNull(runId, "runId == null");
    Objects.requireNonNull(status, "status == null");
    Objects.requireNonNull(result, "result == null");
  }

  /**
   * Gives the answer.
   *
   * @return the final message's text; not an answer while the run awaits approval
   */
  public String text() {
    return result.text();
  }

  /**
   * Tells whether the run waits for a person's decisions.
   *
   * @return true if the status is {@link RunStatus#WAITING_FOR_APPROVAL}
   */
  public boolean isAwaitingApproval() {
    return status == RunStatus.WAITING_FOR_APPROVAL;
  }

  /**
   * Lists the calls that wait for a decision.
   *
   * @return the calls in the order the model made them; empty when the run is done
   */
  public List<ContentBlock.ToolUse> awaitingApproval() {
    return result.awaitingApproval();
  }
}
