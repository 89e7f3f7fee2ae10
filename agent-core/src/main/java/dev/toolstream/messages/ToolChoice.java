package dev.toolstream.messages;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How the model may use tools: {@link #auto()}, {@link #any()}, {@link #tool(String)} or {@link
 * #none()}.
 *
 * @param type {@code auto}, {@code any}, {@code tool} or {@code none}
 * @param name the tool that must be used, for {@code tool}
 * @param disableParallelToolUse whether the model must call at most one tool per turn
 */
public record ToolChoice(String type, @Nullable String name, boolean disableParallelToolUse) {
  /**
   * Checks the type is present and that a {@code tool} choice names its tool.
   *
   * @param type {@code auto}, {@code any}, {@code tool} or {@code none}, not null; other values
   *     are passed on to the API
   * @param name the tool that must be used; required when {@code type} is {@code tool}
   * @param disableParallelToolUse whether the model must call at most one tool per turn
   * @throws IllegalArgumentException if {@code type} is {@code tool} and {@code name} is null
   */
  public ToolChoice {
    Objects.requireNonNull(type, "type == null");
    if (type.equals("tool") && name == null) {
      throw new IllegalArgumentException("tool_choice of type tool needs a tool name");
    }
  }

  /**
   * Lets the model decide whether to call tools. This is the API's default.
   *
   * @return the {@code auto} choice, parallel tool use allowed
   */
  public static ToolChoice auto() {
    return new ToolChoice("auto", null, false);
  }

  /**
   * Makes the model call at least one tool, of its choosing.
   *
   * @return the {@code any} choice, parallel tool use allowed
   */
  public static ToolChoice any() {
    return new ToolChoice("any", null, false);
  }

  /**
   * Makes the model call one given tool.
   *
   * @param name the tool's name, as in its {@link ToolDefinition}; the API rejects a name it was
   *     not offered
   * @return the {@code tool} choice, parallel tool use allowed
   */
  public static ToolChoice tool(String name) {
    return new ToolChoice("tool", Objects.requireNonNull(name, "name == null"), false);
  }

  /**
   * Forbids tool calls while keeping the tools in the request (and so in the prompt cache).
   *
   * @return the {@code none} choice
   */
  public static ToolChoice none() {
    return new ToolChoice("none", null, false);
  }

  /**
   * Limits the model to at most one tool call per turn.
   *
   * @return a copy of this choice with {@code disableParallelToolUse} true
   */
  public ToolChoice withParallelToolUseDisabled() {
    return new ToolChoice(type, name, true);
  }
}
