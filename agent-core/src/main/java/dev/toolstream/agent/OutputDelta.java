package dev.toolstream.agent;

import dev.toolstream.internal.json.PartialJson;
import java.util.Arrays;
import tools.jackson.databind.JsonNode;

/**
 * One piece of a structured answer as it streams, with the answer received so far: what {@link
 * AgentListener#onOutputDelta} gets from an agent built with {@link Agent.Builder#output}.
 *
 * <p>An immutable value, safe to keep and to pass to another thread. It holds a view of the answer
 * so far over an append-only buffer, so making one copies nothing, and {@link #partialOutput()} is
 * computed only when called: a listener that does not ask pays nothing, one that asks pays a parse
 * linear in the answer's length.
 */
public final class OutputDelta {
  private final String fragment;
  private final char[] text; // Only [0, length) is read; those characters never change.
  private final int length;

  private OutputDelta(String fragment, char[] text, int length) {
    this.fragment = fragment;
    this.text = text;
    this.length = length;
  }

  /**
   * Gives the piece of the answer that just arrived.
   *
   * @return this {@code text_delta}'s text, not valid JSON alone; may be empty
   */
  public String fragment() {
    return fragment;
  }

  /**
   * Gives the answer's text as far as it has arrived in this turn.
   *
   * @return the JSON text so far, this fragment included; usually not yet valid JSON
   */
  public String outputJson() {
    return new String(text, 0, length);
  }

  /**
   * Returns the answer parsed as far as it has arrived, with the partial-JSON parser tool input
   * uses: an open string shows as far as it came, and a property whose value has not begun is left
   * out, so it may not yet match the schema. Read the whole answer with {@link
   * AgentResult#output(OutputType)}.
   *
   * @return a new object node on each call; empty until a first property arrives
   */
  public JsonNode partialOutput() {
    return PartialJson.parseObject(outputJson());
  }

  /** Returns this fragment, without the answer so far. */
  @Override
  public String toString() {
    return "OutputDelta[fragment=" + fragment + "]";
  }

  /**
   * The answer of one turn as it streams: append-only, and an outgrown array is left as it was, so
   * the deltas handed out keep their views without copying. Used by the run's thread only.
   */
  static final class Buffer {
    private char[] chars = new char[256];
    private int length;

    /** Appends {@code fragment} and returns the delta that shows it with the answer so far. */
    OutputDelta append(String fragment) {
      int needed = length + fragment.length();
      if (needed > chars.length) {
        chars = Arrays.copyOf(chars, Math.max(needed, chars.length * 2));
      }
      fragment.getChars(0, fragment.length(), chars, length);
      length = needed;
      return new OutputDelta(fragment, chars, length);
    }
  }
}
