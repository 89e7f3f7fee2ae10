package dev.toolstream.messages;

import java.util.Objects;

/**
 * Why the model stopped. Values the library does not know yet are kept as they came ({@link
 * #of(String)} never fails), so a new stop reason is reported rather than crashing a run.
 *
 * @param value the wire value, such as {@code end_turn}
 */
public record StopReason(String value) {
  /** The model finished its answer. */
  public static final StopReason END_TURN = new StopReason("end_turn");
  /** The answer hit {@code max_tokens}; a tool call may be cut mid-input. */
  public static final StopReason MAX_TOKENS = new StopReason("max_tokens");
  /** The model produced one of the request's stop sequences. */
  public static final StopReason STOP_SEQUENCE = new StopReason("stop_sequence");
  /** The model wants the client to run the tool calls in this message. */
  public static final StopReason TOOL_USE = new StopReason("tool_use");
  /** A server tool paused a long turn; send the history back as it is to continue. */
  public static final StopReason PAUSE_TURN = new StopReason("pause_turn");
  /**
   * Server-side compaction paused the reply right after its summary ({@code
   * pause_after_compaction}); send the history back as it is to go on from the summary.
   */
  public static final StopReason COMPACTION = new StopReason("compaction");
  /** The model declined to answer. */
  public static final StopReason REFUSAL = new StopReason("refusal");
  /**
   * The conversation filled the model's context window; like {@link #MAX_TOKENS}, a tool call may
   * be cut mid-input.
   */
  public static final StopReason MODEL_CONTEXT_WINDOW_EXCEEDED =
      new StopReason("model_context_window_exceeded");

  /**
   * Checks the value is present; any text is accepted. Prefer {@link #of(String)}, which returns
   * the constants for known values.
   *
   * @param value the wire value, not null
   */
  public StopReason {
    Objects.requireNonNull(value, "value == null");
  }

  /**
   * Reads a stop reason from the API's JSON, known or not; it never fails on a value added later.
   *
   * @param value the wire value, such as {@code end_turn}
   * @return the constant for a known value (so {@code ==} works for those), otherwise a new stop
   *     reason holding the value
   */
  public static StopReason of(String value) {
    switch (value) {
      case "end_turn":
        return END_TURN;
      case "max_tokens":
        return MAX_TOKENS;
      case "stop_sequence":
        return STOP_SEQUENCE;
      case "tool_use":
        return TOOL_USE;
      case "pause_turn":
        return PAUSE_TURN;
      case "compaction":
        return COMPACTION;
      case "refusal":
        return REFUSAL;
      case "model_context_window_exceeded":
        return MODEL_CONTEXT_WINDOW_EXCEEDED;
      default:
        return new StopReason(value);
    }
  }

  /**
   * Tells whether {@code other} is a stop reason with the same value. Written out, as {@link
   * #hashCode}, rather than left to the record: a record's generated {@code equals} is linked at
   * its first call, which loads some 60 classes, and the agent loop compares stop reasons on
   * every turn, the first in every run.
   */
  @Override
  public boolean equals(Object other) {
    return other instanceof StopReason reason && value.equals(reason.value);
  }

  /** Returns the value's hash code; see {@link #equals}. */
  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return value;
  }
}
