package dev.toolstream.agent;

import dev.toolstream.messages.ContentBlock;
import dev.toolstream.messages.Message;
import dev.toolstream.messages.MessageParam;
import dev.toolstream.messages.Role;
import dev.toolstream.messages.Usage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Where a run stands, as a checkpoint: enough to continue it later, in this JVM or another one,
 * with {@code Agent.resume}.
 *
 * <p>The history holds the complete messages so far. When its last message is an assistant turn
 * with client tool calls and not every call has its result yet, that turn is <em>open</em>: the
 * state keeps the results already known, the calls that started without a known result, and the
 * approvals recorded, by {@code tool_use} id. Once the last result is known the turn closes: the
 * results become one user message, in the order of the calls, as the loop sends them.
 *
 * <p>The methods that change a state return a new one; a store rebuilds a run's state by applying
 * its saved steps in order, with the same methods the loop uses: {@link #afterTurn}, {@link
 * #withStarted}, {@link #withResult}, {@link #approve} and {@link #deny}.
 *
 * @param runId the run's id, used in logs, traces and stores
 * @param history the complete messages so far, copied; may end with the open turn
 * @param results the open turn's results known so far, by {@code tool_use} id, copied
 * @param started the open turn's calls that started and have no known result, copied
 * @param approvals the decisions recorded for the open turn's calls, by {@code tool_use} id, copied
 * @param turnUsage the usage of each turn so far, in order; its size is the number of turns taken
 */
public record RunState(
    String runId,
    List<MessageParam> history,
    Map<String, ContentBlock.ToolResult> results,
    Set<String> started,
    Map<String, Approval> approvals,
    List<Usage> turnUsage) {

  /**
   * Checks the id is present and copies the collections, keeping their order.
   *
   * @param runId the run's id, not blank
   * @param history the complete messages so far
   * @param results the open turn's known results by {@code tool_use} id
   * @param started the open turn's started calls without a known result
   * @param approvals the decisions for the open turn's calls by {@code tool_use} id
   * @param turnUsage the usage of each turn so far
   */
  public RunState {
    Objects.requireNonNull(runId, "runId == null");
    if (runId.isBlank()) {
      throw new IllegalArgumentException("runId is blank: give each run a non-blank id");
    }
    history = List.copyOf(history);
    results = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(results));
    started = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(started));
    approvals = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(approvals));
    turnUsage = List.copyOf(turnUsage);
  }

  /**
   * Returns the state of a run that has not taken a turn yet.
   *
   * @param runId the run's id, not blank
   * @param history the messages to start from, ending with the user's message
   * @return a state with no open turn and no turns taken
   */
  public static RunState start(String runId, List<MessageParam> history) {
    return new RunState(runId, history, Map.of(), Set.of(), Map.of(), List.of());
  }

  /**
   * Returns the open turn's client tool calls, in the order the model made them.
   *
   * @return every call of the last message if it is an assistant turn that still waits for
   *     results; empty otherwise
   */
  public List<ContentBlock.ToolUse> openCalls() {
    if (history.isEmpty()) {
      return List.of();
    }
    MessageParam last = history.get(history.size() - 1);
    if (last.role() != Role.ASSISTANT) {
      return List.of();
    }
    List<ContentBlock.ToolUse> calls = new ArrayList<>();
    for (ContentBlock block : last.content()) {
      if (block instanceof ContentBlock.ToolUse call) {
        calls.add(call);
      }
    }
    return List.copyOf(calls);
  }

  /**
   * Returns the open turn's calls that have no result yet, in call order.
   *
   * @return the calls still waiting for a result; empty when no turn is open
   */
  public List<ContentBlock.ToolUse> unansweredCalls() {
    List<ContentBlock.ToolUse> waiting = new ArrayList<>();
    for (ContentBlock.ToolUse call : openCalls()) {
      if (!results.containsKey(call.id())) {
        waiting.add(call);
      }
    }
    return List.copyOf(waiting);
  }

  /**
   * Adds a completed assistant turn: its message joins the history and its usage the turns.
   *
   * @param message the model's complete reply, as the loop keeps it
   * @return the new state; its turn is open if the reply calls client tools
   * @throws IllegalStateException if a turn is still open: its results must be known first
   */
  public RunState afterTurn(Message message) {
    if (!unansweredCalls().isEmpty()) {
      throw new IllegalStateException(
          "run " + runId + ": a turn is added while calls " + ids(unansweredCalls())
              + " have no result; record their results first");
    }
    List<MessageParam> next = new ArrayList<>(history);
    next.add(message.toParam());
    List<Usage> usage = new ArrayList<>(turnUsage);
    usage.add(message.usage());
    return new RunState(runId, next, Map.of(), Set.of(), Map.of(), usage);
  }

  /**
   * Records that an open call started, so that a resumed run knows its effect may have happened.
   *
   * @param toolUseId the call's {@code tool_use} id, one of {@link #openCalls()}
   * @return the new state
   * @throws IllegalArgumentException if no open call has that id
   */
  public RunState withStarted(String toolUseId) {
    requireOpen(toolUseId);
    Set<String> next = new LinkedHashSet<>(started);
    next.add(toolUseId);
    return new RunState(runId, history, results, next, approvals, turnUsage);
  }

  /**
   * Records an open call's result. When it is the last one, the turn closes: the results join the
   * history as one user message in call order.
   *
   * @param result the result, its {@code tool_use_id} one of {@link #openCalls()}
   * @return the new state
   * @throws IllegalArgumentException if no open call has that id
   */
  public RunState withResult(ContentBlock.ToolResult result) {
    requireOpen(result.toolUseId());
    Map<String, ContentBlock.ToolResult> known = new LinkedHashMap<>(results);
    known.put(result.toolUseId(), result);
    Set<String> running = new LinkedHashSet<>(started);
    running.remove(result.toolUseId());
    List<ContentBlock.ToolUse> calls = openCalls();
    if (known.size() < calls.size()) {
      return new RunState(runId, history, known, running, approvals, turnUsage);
    }
    List<ContentBlock> ordered = new ArrayList<>(calls.size());
    for (ContentBlock.ToolUse call : calls) {
      ordered.add(known.get(call.id()));
    }
    List<MessageParam> next = new ArrayList<>(history);
    next.add(MessageParam.user(ordered));
    return new RunState(runId, next, Map.of(), Set.of(), Map.of(), turnUsage);
  }

  /**
   * Records that a person allowed an open call that needs approval.
   *
   * @param toolUseId the call's {@code tool_use} id, one of {@link #openCalls()}
   * @return the new state
   * @throws IllegalArgumentException if no open call has that id
   */
  public RunState approve(String toolUseId) {
    return decide(toolUseId, Approval.granted());
  }

  /**
   * Records that a person refused an open call; the model gets the reason as an error result.
   *
   * @param toolUseId the call's {@code tool_use} id, one of {@link #openCalls()}
   * @param reason why, in words the model can act on
   * @return the new state
   * @throws IllegalArgumentException if no open call has that id
   */
  public RunState deny(String toolUseId, String reason) {
    return decide(toolUseId, Approval.denied(reason));
  }

  /**
   * Records a decision about an open call.
   *
   * @param toolUseId the call's {@code tool_use} id, one of {@link #openCalls()}
   * @param decision the decision
   * @return the new state
   * @throws IllegalArgumentException if no open call has that id
   */
  public RunState decide(String toolUseId, Approval decision) {
    requireOpen(toolUseId);
    Objects.requireNonNull(decision, "decision == null");
    Map<String, Approval> next = new LinkedHashMap<>(approvals);
    next.put(toolUseId, decision);
    return new RunState(runId, history, results, started, next, turnUsage);
  }

  private void requireOpen(String toolUseId) {
    Objects.requireNonNull(toolUseId, "toolUseId == null");
    for (ContentBlock.ToolUse call : openCalls()) {
      if (call.id().equals(toolUseId)) {
        return;
      }
    }
    throw new IllegalArgumentException(
        "run " + runId + " has no open tool call " + toolUseId + "; its open calls are "
            + ids(openCalls()));
  }

  private static List<String> ids(List<ContentBlock.ToolUse> calls) {
    return calls.stream().map(ContentBlock.ToolUse::id).toList();
  }

  /**
   * A person's decision about a tool call that needs approval.
   *
   * @param approved whether the call may run
   * @param reason why it was refused, sent to the model; null when approved
   */
  public record Approval(boolean approved, @Nullable String reason) {
    /**
     * Checks that a refusal has a reason.
     *
     * @param approved whether the call may run
     * @param reason why it was refused; required when {@code approved} is false
     */
    public Approval {
      if (!approved && (reason == null || reason.isBlank())) {
        throw new IllegalArgumentException(
            "a denial needs a reason: the model reads it and decides what to do instead");
      }
    }

    /**
     * Allows the call.
     *
     * @return an approval
     */
    public static Approval granted() {
      return new Approval(true, null);
    }

    /**
     * Refuses the call.
     *
     * @param reason why, sent to the model as the call's error result
     * @return a denial
     */
    public static Approval denied(String reason) {
      return new Approval(false, reason);
    }
  }
}
