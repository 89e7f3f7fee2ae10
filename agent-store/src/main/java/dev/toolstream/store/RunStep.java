package dev.toolstream.store;

import dev.toolstream.agent.RunState;
import dev.toolstream.messages.ContentBlock;
import dev.toolstream.messages.Message;
import dev.toolstream.messages.MessageParam;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One saved step of a run. A store keeps a run's steps in order, append-only: replaying them on
 * {@link RunState} gives the state the run stood at ({@link #applyTo}).
 */
public sealed interface RunStep {
  /**
   * Returns the state after this step.
   *
   * @param state the state before it
   * @return the new state; unchanged for steps that only record what happened
   * @throws IllegalStateException if the step does not fit the state (a corrupt run)
   */
  RunState applyTo(RunState state);

  /**
   * Returns the state a run's steps lead to from {@code from}, each applied in order.
   *
   * @param from the state before the first of them
   * @param steps the steps, in the order they were saved
   * @return the state after the last
   * @throws IllegalStateException if a step does not fit the state (a corrupt run)
   */
  static RunState replay(RunState from, List<RunStep> steps) {
    RunState state = from;
    for (RunStep step : steps) {
      state = step.applyTo(state);
    }
    return state;
  }

  /**
   * Returns the messages a run's steps add, in order: what the run has said so far (its prompt,
   * the model's turns, the tool results), without the conversation it started from.
   *
   * @param runId the run
   * @param steps its steps, in the order they were saved
   * @return its own messages
   * @throws IllegalStateException if a step does not fit the state (a corrupt run)
   */
  static List<MessageParam> messages(String runId, List<RunStep> steps) {
    return replay(RunState.start(runId, List.of()), steps).history();
  }

  /**
   * The run's first step: the messages it started from, after its conversation's, if any.
   *
   * @param messages the new messages, ending with the user's
   */
  record Start(List<MessageParam> messages) implements RunStep {
    /**
     * Copies the messages.
     *
     * @param messages the new messages
     */
    public Start {
      messages = List.copyOf(messages);
    }

    @Override
    public RunState applyTo(RunState state) {
      List<MessageParam> history = new java.util.ArrayList<>(state.history());
      history.addAll(messages);
      return RunState.start(state.runId(), history);
    }
  }

  /**
   * An assistant turn completed; its tool calls had not started.
   *
   * @param turn the turn's number in the run, from 1
   * @param message the complete reply, every block and field as received
   */
  record Turn(int turn, Message message) implements RunStep {
    /**
     * Checks the message is there.
     *
     * @param turn the turn's number
     * @param message the reply
     */
    public Turn {
      Objects.requireNonNull(message, "message == null");
    }

    @Override
    public RunState applyTo(RunState state) {
      return state.afterTurn(message);
    }
  }

  /**
   * A tool call is about to start: from now on its effect may have happened.
   *
   * @param toolUseId the call's {@code tool_use} id
   */
  record ToolStarted(String toolUseId) implements RunStep {
    /**
     * Checks the id is there.
     *
     * @param toolUseId the call's id
     */
    public ToolStarted {
      Objects.requireNonNull(toolUseId, "toolUseId == null");
    }

    @Override
    public RunState applyTo(RunState state) {
      return state.withStarted(toolUseId);
    }
  }

  /**
   * A tool call's result is known.
   *
   * @param result the result the model gets, as the loop made it
   */
  record ToolCompleted(ContentBlock.ToolResult result) implements RunStep {
    /**
     * Checks the result is there.
     *
     * @param result the result
     */
    public ToolCompleted {
      Objects.requireNonNull(result, "result == null");
    }

    @Override
    public RunState applyTo(RunState state) {
      return state.withResult(result);
    }
  }

  /**
   * A person decided about a tool call that needs approval.
   *
   * @param toolUseId the call's {@code tool_use} id
   * @param approval the decision
   */
  record Decision(String toolUseId, RunState.Approval approval) implements RunStep {
    /**
     * Checks both are there.
     *
     * @param toolUseId the call's id
     * @param approval the decision
     */
    public Decision {
      Objects.requireNonNull(toolUseId, "toolUseId == null");
      Objects.requireNonNull(approval, "approval == null");
    }

    @Override
    public RunState applyTo(RunState state) {
      return state.decide(toolUseId, approval);
    }
  }

  /**
   * The run stopped: finished, failed, cancelled, or waiting for decisions.
   *
   * @param status the status it stopped with; not {@link RunStatus#RUNNING}
   * @param awaitingApproval the calls waiting for a decision, by {@code tool_use} id; empty unless
   *     the status is {@link RunStatus#WAITING_FOR_APPROVAL}
   * @param error why it failed or was cancelled, or null
   */
  record Ended(RunStatus status, List<String> awaitingApproval, @Nullable String error)
      implements RunStep {
    /**
     * Checks the status and copies the list.
     *
     * @param status the final or waiting status
     * @param awaitingApproval the waiting calls
     * @param error the failure, or null
     */
    public Ended {
      Objects.requireNonNull(status, "status == null");
      if (status == RunStatus.RUNNING) {
        throw new IllegalArgumentException("a run ends with a status other than RUNNING");
      }
      awaitingApproval = List.copyOf(awaitingApproval);
      if (status == RunStatus.WAITING_FOR_APPROVAL && awaitingApproval.isEmpty()) {
        throw new IllegalArgumentException(
            "a run waiting for approval names the calls it waits for");
      }
    }

    @Override
    public RunState applyTo(RunState state) {
      return state;
    }
  }
}
