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
 * It holds a view of the input so far over the stream's append-only list of fragments, so making
 * one copies nothing, whatever the number of fragments.
 *
 * <p>{@link #inputJson()} and {@link #partialInput()} are computed only when called, so a listener
 * that does not ask pays nothing; each call is linear in the input's size and returns a new value.
 */
public final class ToolInputDelta {
  private final int index;
  private final String toolUseId;
  private final String toolName;
  private final String fragment;
  private final String[] input; // Only [0, count) is read; those fragments never change.
  private final int count;
  private final int length;

  ToolInputDelta(int index, String toolUseId, String toolName, String fragment, InputText input) {
    this.index = index;
    this.toolUseId = toolUseId;
    this.toolName = toolName;
    this.fragment = fragment;
    this.input = input.pieces();
    this.count = input.count();
    this.length = input.length();
  }

  /**
   * Tells which block of the message this call is, to tell parallel calls apart.
   *
   * @return the call's content-block index, from 0
   */
  public int index() {
    return index;
  }

  /**
   * Identifies the call, as its {@link dev.toolstream.messages.ContentBlock.ToolUse} (or {@code
   * ServerToolUse}, or {@code McpToolUse}) will.
   *
   * @return the call's id, {@code toolu_…} ({@code srvtoolu_…} for a server tool); empty for a
   *     block type this library does not know
   */
  public String toolUseId() {
    return toolUseId;
  }

  /**
   * Names the tool being called.
   *
   * @return the tool's name, such as {@code web_search} for a server tool; for a block of a type
   *     this library does not know, its type
   */
  public String toolName() {
    return toolName;
  }

  /**
   * Gives the piece of input that just arrived.
   *
   * @return this fragment of the input's JSON text, not valid JSON alone; may be empty
   */
  public String fragment() {
    return fragment;
  }

  /**
   * Gives the input's text as far as it has arrived.
   *
   * @return the JSON text received so far, this fragment included; usually not yet valid JSON
   */
  public String inputJson() {
    return InputText.join(input, count, length);
  }

  /**
   * Returns the input parsed so far: always an object, empty until a first property arrives, and a
   * new one on each call, so changing it changes nothing else. Values nested more than 500 deep
   * are left out (the stream fails when such a block stops; see {@link
   * StreamLimits#maxNestingDepth()}).
   *
   * @return a new object node; an open string value shows as far as it arrived, and a key whose
   *     value has not begun is left out
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
