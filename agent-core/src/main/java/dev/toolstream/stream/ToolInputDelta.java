package dev.toolstream.stream;

import dev.toolstream.internal.json.PartialJson;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One fragment of a tool call's input, with the input received so far.
 *
 * <p>An immutable value, safe to keep and to pass to another thread: a delta kept after its block
 * ended, or after the stream closed, still reports exactly what it reported when it was delivered.
 * It holds a view of the input so far over the stream's append-only buffer, so making one copies
 * nothing, whatever the number of fragments.
 *
 * <p>{@link #inputJson()} and {@link #partialInput()} are computed only when called, so a listener
 * that does not ask pays nothing; each call is linear in the input's size and returns a new value.
 */
public final class ToolInputDelta {
  private final int index;
  private final String toolUseId;
  private final String toolName;
  private final String fragment;
  private final char[] input; // Only [0, length) is read; those characters never change.
  private final int length;

  ToolInputDelta(int index, String toolUseId, String toolName, String fragment, InputText input) {
    this.index = index;
    this.toolUseId = toolUseId;
    this.toolName = toolName;
    this.fragment = fragment;
    this.input = input.array();
    this.length = input.length();
  }

  /** Returns the content-block index of the call. */
  public int index() {
    return index;
  }

  /** Returns the call's id, {@code toolu_…}; empty for a block type this library does not know. */
  public String toolUseId() {
    return toolUseId;
  }

  /** Returns the name of the tool being called (a block of an unknown type gives its type). */
  public String toolName() {
    return toolName;
  }

  /** Returns this fragment of the input's JSON text. */
  public String fragment() {
    return fragment;
  }

  /** Returns the input's JSON text received so far, this fragment included. */
  public String inputJson() {
    return new String(input, 0, length);
  }

  /**
   * Returns the input parsed so far: always an object, empty until a first property arrives, and a
   * new one on each call, so changing it changes nothing else. Values nested more than 500 deep
   * are left out (the stream fails when such a block stops; see {@link
   * StreamLimits#maxNestingDepth()}).
   */
  public JsonNode partialInput() {
    return PartialJson.parseObject(inputJson());
  }

  /** Returns whether {@code other} is a delta of the same call, fragment and input so far. */
  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof ToolInputDelta that
        && index == that.index
        && toolUseId.equals(that.toolUseId)
        && toolName.equals(that.toolName)
        && fragment.equals(that.fragment)
        && inputJson().equals(that.inputJson());
  }

  @Override
  public int hashCode() {
    return Objects.hash(index, toolUseId, toolName, fragment, length);
  }

  /** Returns the call and this fragment, without the input so far. */
  @Override
  public String toString() {
    return "ToolInputDelta[index=" + index + ", toolUseId=" + toolUseId + ", toolName=" + toolName
        + ", fragment=" + fragment + "]";
  }
}
