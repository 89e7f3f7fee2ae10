package dev.toolstream.messages;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The {@code context_management} of a request: edits the API applies to the conversation before the
 * model reads it, so a long conversation stays within the context window.
 *
 * <pre>{@code
 * ContextManagement.of(
 *     ContextManagement.clearToolUses()
 *         .withTrigger(ContextManagement.Trigger.inputTokens(30_000))
 *         .withKeep(3),
 *     ContextManagement.compact().withTrigger(150_000));
 * }</pre>
 *
 * <p>The request carries the beta each edit needs without the caller naming it: {@code
 * context-management-2025-06-27} for clearing tool uses or thinking, {@code compact-2026-01-12} for
 * compaction. Which edits the API applied comes back in {@link Message#appliedEdits()}.
 *
 * @param edits the edits, in the order the API applies them
 */
public record ContextManagement(List<ContextManagement.Edit> edits) {
  /** The beta that clearing tool uses and thinking need. */
  static final String CONTEXT_MANAGEMENT_BETA = "context-management-2025-06-27";

  /** The beta that server-side compaction needs. */
  static final String COMPACT_BETA = "compact-2026-01-12";

  /**
   * Copies the edits.
   *
   * @param edits the edits, copied; empty sends {@code {"edits":[]}}
   */
  public ContextManagement {
    edits = List.copyOf(edits);
  }

  /**
   * Makes the settings from edits.
   *
   * @param edits the edits in the order the API applies them; none may be null
   * @return the settings
   */
  public static ContextManagement of(Edit... edits) {
    return new ContextManagement(List.of(edits));
  }

  /**
   * Returns these settings with {@code edit} in place of the edit of its type, or after the others
   * if there is none.
   *
   * @param edit the edit to set, not null
   * @return new settings; these are unchanged
   */
  public ContextManagement with(Edit edit) {
    Objects.requireNonNull(edit, "edit == null");
    List<Edit> next = new ArrayList<>(edits);
    for (int i = 0; i < next.size(); i++) {
      if (next.get(i).type().equals(edit.type())) {
        next.set(i, edit);
        return new ContextManagement(next);
      }
    }
    next.add(edit);
    return new ContextManagement(next);
  }

  /**
   * Starts the edit that clears old tool results once the prompt passes a threshold: the API's
   * defaults apply until a {@code with…} method sets a parameter.
   *
   * @return {@code clear_tool_uses_20250919} with no parameters set
   */
  public static ClearToolUses clearToolUses() {
    return new ClearToolUses(null, null, null, List.of(), false, List.of());
  }

  /**
   * Starts the edit that clears the thinking blocks of older assistant turns.
   *
   * @return {@code clear_thinking_20251015} with the API's default of what to keep
   */
  public static ClearThinking clearThinking() {
    return new ClearThinking(null, false);
  }

  /**
   * Starts server-side compaction: once the prompt passes the trigger (150,000 input tokens by the
   * API's default), the API summarizes the conversation into a {@link ContentBlock.Compaction}
   * block and goes on from the summary.
   *
   * @return {@code compact_20260112} with no parameters set
   */
  public static Compact compact() {
    return new Compact(null, false, null);
  }

  /** Tells whether an edit clears context, which needs the context-management beta. */
  boolean clears() {
    return edits.stream().anyMatch(edit -> !edit.type().startsWith("compact"));
  }

  /** Tells whether an edit compacts, which needs the compaction beta. */
  boolean compacts() {
    return edits.stream().anyMatch(edit -> edit.type().startsWith("compact"));
  }

  /** One context-management edit; {@link Raw} sends any other as given. */
  public sealed interface Edit permits ClearToolUses, ClearThinking, Compact, Raw {
    /**
     * Names the edit as the API does, with its version.
     *
     * @return the wire {@code type}, such as {@code clear_tool_uses_20250919}
     */
    String type();
  }

  /**
   * When an edit applies: once the prompt reaches a number of input tokens or of tool uses.
   *
   * @param type {@code input_tokens} or {@code tool_uses}
   * @param value the threshold
   */
  public record Trigger(String type, int value) {
    /**
     * Checks the type is present and the value positive.
     *
     * @param type the wire {@code type}, not null
     * @param value the threshold, at least 1
     * @throws IllegalArgumentException if {@code value} is below 1
     */
    public Trigger {
      Objects.requireNonNull(type, "type == null");
      if (value < 1) {
        throw new IllegalArgumentException("a trigger's value must be at least 1, was " + value);
      }
    }

    /**
     * Applies the edit once the prompt holds {@code tokens} input tokens.
     *
     * @param tokens the threshold, at least 1
     * @return the trigger
     */
    public static Trigger inputTokens(int tokens) {
      return new Trigger("input_tokens", tokens);
    }

    /**
     * Applies the edit once the conversation holds {@code toolUses} tool uses.
     *
     * @param toolUses the threshold, at least 1
     * @return the trigger
     */
    public static Trigger toolUses(int toolUses) {
      return new Trigger("tool_uses", toolUses);
    }
  }

  /**
   * Clears the oldest tool results (and optionally their inputs) once the trigger is reached,
   * replacing them with a placeholder the model sees. A null or empty component leaves the
   * parameter out, so the API's default applies.
   *
   * @param trigger when to clear; the API's default is 100,000 input tokens
   * @param keep how many of the latest tool uses to keep
   * @param clearAtLeast the fewest input tokens worth clearing; below it nothing is cleared
   * @param excludeTools tools whose uses are never cleared
   * @param clearAllToolInputs whether to clear the tool calls' inputs as well as their results
   * @param clearToolInputs the tools whose inputs to clear, when not all
   */
  public record ClearToolUses(
      @Nullable Trigger trigger,
      @Nullable Integer keep,
      @Nullable Integer clearAtLeast,
      List<String> excludeTools,
      boolean clearAllToolInputs,
      List<String> clearToolInputs)
      implements Edit {
    /**
     * Copies the lists.
     *
     * @param trigger when to clear, or null for the API's default
     * @param keep how many tool uses to keep, or null for the API's default
     * @param clearAtLeast the fewest input tokens to clear, or null for none
     * @param excludeTools tools never cleared, copied; empty for none
     * @param clearAllToolInputs whether to clear every cleared call's input too
     * @param clearToolInputs the tools whose inputs to clear, copied; ignored when {@code
     *     clearAllToolInputs}
     */
    public ClearToolUses {
      excludeTools = List.copyOf(excludeTools);
      clearToolInputs = List.copyOf(clearToolInputs);
    }

    @Override
    public String type() {
      return "clear_tool_uses_20250919";
    }

    /**
     * Sets when to clear.
     *
     * @param trigger such as {@link Trigger#inputTokens(int)}
     * @return a copy with the trigger
     */
    public ClearToolUses withTrigger(Trigger trigger) {
      Objects.requireNonNull(trigger, "trigger == null");
      return new ClearToolUses(
          trigger, keep, clearAtLeast, excludeTools, clearAllToolInputs, clearToolInputs);
    }

    /**
     * Keeps the latest tool uses.
     *
     * @param toolUses how many to keep, sent as {@code {"type":"tool_uses","value":n}}
     * @return a copy that keeps them
     */
    public ClearToolUses withKeep(int toolUses) {
      return new ClearToolUses(
          trigger, toolUses, clearAtLeast, excludeTools, clearAllToolInputs, clearToolInputs);
    }

    /**
     * Clears only when at least this many input tokens go, so that a cleared prompt cache is worth
     * it.
     *
     * @param inputTokens the fewest tokens to clear, sent as {@code {"type":"input_tokens",…}}
     * @return a copy with the floor
     */
    public ClearToolUses withClearAtLeast(int inputTokens) {
      return new ClearToolUses(
          trigger, keep, inputTokens, excludeTools, clearAllToolInputs, clearToolInputs);
    }

    /**
     * Never clears the uses of these tools.
     *
     * @param tools the tools' names, copied
     * @return a copy with the exclusions
     */
    public ClearToolUses withExcludeTools(List<String> tools) {
      return new ClearToolUses(
          trigger, keep, clearAtLeast, tools, clearAllToolInputs, clearToolInputs);
    }

    /**
     * Clears the inputs of every cleared call too, or of none (the API's default).
     *
     * @param all whether to clear them all, sent as {@code clear_tool_inputs: true}
     * @return a copy with the choice
     */
    public ClearToolUses withClearToolInputs(boolean all) {
      return new ClearToolUses(trigger, keep, clearAtLeast, excludeTools, all, List.of());
    }

    /**
     * Clears the inputs of the cleared calls of these tools only.
     *
     * @param tools the tools' names, copied, sent as the {@code clear_tool_inputs} list
     * @return a copy with the choice
     */
    public ClearToolUses withClearToolInputs(List<String> tools) {
      return new ClearToolUses(trigger, keep, clearAtLeast, excludeTools, false, tools);
    }
  }

  /**
   * Clears the thinking blocks of older assistant turns.
   *
   * @param keepTurns how many of the latest assistant turns keep their thinking, or null
   * @param keepAll whether every turn keeps its thinking ({@code keep: {"type":"all"}}), which wins
   *     over {@code keepTurns}
   */
  public record ClearThinking(@Nullable Integer keepTurns, boolean keepAll) implements Edit {
    @Override
    public String type() {
      return "clear_thinking_20251015";
    }

    /**
     * Keeps the thinking of the latest turns only.
     *
     * @param turns how many assistant turns keep theirs, sent as {@code {"type":"thinking_turns",
     *     "value":n}}
     * @return a copy that keeps them
     */
    public ClearThinking withKeepTurns(int turns) {
      return new ClearThinking(turns, false);
    }

    /**
     * Keeps the thinking of every turn, which keeps the prompt cache of a long tool loop warm.
     *
     * @return a copy that keeps all, sent as {@code {"type":"all"}}
     */
    public ClearThinking withKeepAll() {
      return new ClearThinking(null, true);
    }
  }

  /**
   * Server-side compaction: past the trigger, the API writes a summary of the conversation into a
   * {@code compaction} block at the start of its reply and reads only from there on.
   *
   * @param trigger the input tokens that start a compaction, or null for the API's default
   *     (150,000; the API's minimum is 50,000)
   * @param pauseAfterCompaction whether the reply stops right after the summary, with stop reason
   *     {@code compaction}, so the caller can add to the history before the model goes on
   * @param instructions a summarization prompt that replaces the API's own, or null
   */
  public record Compact(
      @Nullable Integer trigger, boolean pauseAfterCompaction, @Nullable String instructions)
      implements Edit {
    @Override
    public String type() {
      return "compact_20260112";
    }

    /**
     * Compacts once the prompt reaches {@code inputTokens}.
     *
     * @param inputTokens the threshold, sent as {@code {"type":"input_tokens","value":n}}; the API
     *     refuses less than 50,000
     * @return a copy with the trigger
     */
    public Compact withTrigger(int inputTokens) {
      return new Compact(inputTokens, pauseAfterCompaction, instructions);
    }

    /**
     * Stops the reply after the summary, with stop reason {@code compaction}. The {@code Agent}
     * then sends the history back at once, so the model goes on from the summary.
     *
     * @param pause whether to pause
     * @return a copy with the choice
     */
    public Compact withPauseAfterCompaction(boolean pause) {
      return new Compact(trigger, pause, instructions);
    }

    /**
     * Replaces the API's summarization prompt.
     *
     * @param instructions the whole prompt; it does not add to the default
     * @return a copy with the prompt
     */
    public Compact withInstructions(String instructions) {
      return new Compact(
          trigger, pauseAfterCompaction, Objects.requireNonNull(instructions, "instructions"));
    }
  }

  /**
   * Any edit, sent as given: one this library does not model yet.
   *
   * @param json the edit's JSON object, {@code type} included
   */
  public record Raw(JsonNode json) implements Edit {
    /**
     * Checks the JSON is present; it is kept as it is, not copied.
     *
     * @param json the edit object, not null
     */
    public Raw {
      Objects.requireNonNull(json, "json == null");
    }

    @Override
    public String type() {
      JsonNode type = json.get("type");
      return type == null ? "" : type.asString();
    }
  }

  /**
   * An edit the API applied to a request, from the response's {@code context_management}.
   *
   * @param json the entry of {@code applied_edits} as the API sent it
   */
  public record AppliedEdit(JsonNode json) {
    /**
     * Checks the JSON is present; it is kept as it is, not copied.
     *
     * @param json the entry, not null
     */
    public AppliedEdit {
      Objects.requireNonNull(json, "json == null");
    }

    /**
     * Names the edit that was applied.
     *
     * @return its {@code type}, such as {@code clear_tool_uses_20250919}; empty if none
     */
    public String type() {
      return json.path("type").asString("");
    }

    /**
     * Tells how many input tokens the edit removed from the prompt.
     *
     * @return {@code cleared_input_tokens}, or 0 if absent
     */
    public long clearedInputTokens() {
      return json.path("cleared_input_tokens").asLong(0);
    }

    /**
     * Tells how many tool uses a {@code clear_tool_uses} edit cleared.
     *
     * @return {@code cleared_tool_uses}, or 0 if absent
     */
    public long clearedToolUses() {
      return json.path("cleared_tool_uses").asLong(0);
    }

    /**
     * Tells how many turns' thinking a {@code clear_thinking} edit cleared.
     *
     * @return {@code cleared_thinking_turns}, or 0 if absent
     */
    public long clearedThinkingTurns() {
      return json.path("cleared_thinking_turns").asLong(0);
    }
  }
}
