package dev.toolstream.stream;

import dev.toolstream.internal.json.PartialJson;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One fragment of a tool call's input, with the input received so far.
 *
 * <p>{@link #partialInput()} parses the incomplete JSON into the object it promises so far (open
 * strings closed, an unfinished key or literal left out). It is computed only when called, so a
 * listener that does not ask pays nothing; each call is linear in the input's size.
 */
public final class ToolInputDelta {
  private final int index;
  private final String toolUseId;
  private final String toolName;
  private final String fragment;
  private final CharSequence buffer;
  private final int length;
  private @Nullable String inputJson;
  private @Nullable JsonNode partialInput;

  /**
   * Returns a delta; the stream creates these.
   *
   * @param buffer the input received so far; only its first {@code length} characters are read,
   *     and only on demand, so a growing buffer may be passed without copying it
   */
  public ToolInputDelta(
      int index, String toolUseId, String toolName, String fragment, CharSequence buffer, int length) {
    this.index = index;
    this.toolUseId = toolUseId;
    this.toolName = toolName;
    this.fragment = fragment;
    this.buffer = buffer;
    this.length = length;
  }

  /** Returns the content-block index of the call. */
  public int index() {
    return index;
  }

  /** Returns the call's id, {@code toolu_…}. */
  public String toolUseId() {
    return toolUseId;
  }

  /** Returns the name of the tool being called. */
  public String toolName() {
    return toolName;
  }

  /** Returns this fragment of the input's JSON text. */
  public String fragment() {
    return fragment;
  }

  /** Returns the input's JSON text received so far, this fragment included. */
  public String inputJson() {
    if (inputJson == null) {
      inputJson = buffer.subSequence(0, length).toString();
    }
    return inputJson;
  }

  /**
   * Returns the input parsed so far: always an object, empty until a first property arrives.
   * Values nested more than 500 deep are left out (the stream fails when such a block stops; see
   * {@link dev.toolstream.stream.StreamLimits#maxNestingDepth()}).
   */
  public JsonNode partialInput() {
    if (partialInput == null) {
      partialInput = PartialJson.parseObject(inputJson());
    }
    return partialInput;
  }
}
