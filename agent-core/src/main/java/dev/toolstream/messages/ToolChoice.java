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
  public ToolChoice {
    Objects.requireNonNull(type, "type == null");
    if (type.equals("tool") && name == null) {
      throw new IllegalArgumentException("tool_choice of type tool needs a tool name");
    }
  }

  /** The model decides whether to call tools. This is the API's default. */
  public static ToolChoice auto() {
    return new ToolChoice("auto", null, false);
  }

  /** The model must call at least one tool. */
  public static ToolChoice any() {
    return new ToolChoice("any", null, false);
  }

  /** The model must call the named tool. */
  public static ToolChoice tool(String name) {
    return new ToolChoice("tool", Objects.requireNonNull(name, "name == null"), false);
  }

  /** The model must not call tools. */
  public static ToolChoice none() {
    return new ToolChoice("none", null, false);
  }

  /** Returns this choice with parallel tool use disabled: at most one call per turn. */
  public ToolChoice withParallelToolUseDisabled() {
    return new ToolChoice(type, name, true);
  }
}
