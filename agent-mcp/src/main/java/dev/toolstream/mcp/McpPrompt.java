package dev.toolstream.mcp;

import dev.toolstream.messages.MessageParam;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A prompt an {@link McpToolServer} offers besides its tools: a template a client fills in with
 * arguments and gets back as messages ({@code prompts/list}, {@code prompts/get}), such as "ask for
 * the weather in {city}". The messages are our own {@link MessageParam}s; each of their text and
 * base64 image blocks becomes one MCP prompt message with the same role.
 *
 * <p>Immutable; make one with {@link #builder(String)}.
 */
public final class McpPrompt {
  private final String name;
  private final String description;
  private final List<Argument> arguments;
  private final Function<Map<String, String>, List<MessageParam>> messages;

  private McpPrompt(Builder builder, Function<Map<String, String>, List<MessageParam>> messages) {
    this.name = builder.name;
    this.description = builder.description;
    this.arguments = List.copyOf(builder.arguments);
    this.messages = messages;
  }

  /**
   * Starts describing a prompt.
   *
   * @param name the name clients get it by, such as {@code weather_report}
   * @return a builder that needs the messages
   */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  String name() {
    return name;
  }

  String description() {
    return description;
  }

  List<Argument> arguments() {
    return arguments;
  }

  /**
   * Fills the prompt in.
   *
   * @throws IllegalArgumentException naming the first required argument missing
   */
  List<MessageParam> messages(Map<String, String> given) {
    for (Argument argument : arguments) {
      if (argument.required() && !given.containsKey(argument.name())) {
        throw new IllegalArgumentException(
            "prompt " + name + " needs the argument \"" + argument.name() + "\"");
      }
    }
    return List.copyOf(messages.apply(Map.copyOf(given)));
  }

  @Override
  public String toString() {
    return "McpPrompt{" + name + "}";
  }

  /** One argument of a prompt, as clients list it. */
  record Argument(String name, String description, boolean required) {}

  /** Builds an {@link McpPrompt}. */
  public static final class Builder {
    private final String name;
    private String description = "";
    private final List<Argument> arguments = new ArrayList<>();
    private @Nullable Function<Map<String, String>, List<MessageParam>> messages;

    private Builder(String name) {
      this.name = Objects.requireNonNull(name, "name == null");
    }

    /**
     * Tells clients what the prompt is for.
     *
     * @param description shown to the user choosing a prompt
     * @return this builder
     */
    public Builder description(String description) {
      this.description = Objects.requireNonNull(description, "description == null");
      return this;
    }

    /**
     * Declares an argument the client fills in.
     *
     * @param name the argument's name, a key of the map {@link #messages(Function)} gets
     * @param description what to give, shown to the user
     * @param required whether {@code prompts/get} without it is refused
     * @return this builder
     */
    public Builder argument(String name, String description, boolean required) {
      arguments.add(
          new Argument(
              Objects.requireNonNull(name, "name == null"),
              Objects.requireNonNull(description, "description == null"),
              required));
      return this;
    }

    /**
     * Gives the code that fills the prompt in. Required.
     *
     * @param messages called at each {@code prompts/get} with the arguments given (every required
     *     one is there), on a server thread; its exception becomes a JSON-RPC error with its
     *     message
     * @return this builder
     */
    public Builder messages(Function<Map<String, String>, List<MessageParam>> messages) {
      this.messages = Objects.requireNonNull(messages, "messages == null");
      return this;
    }

    /**
     * Checks the prompt.
     *
     * @return the prompt
     * @throws IllegalArgumentException if the name is blank
     * @throws IllegalStateException if the messages are missing
     */
    public McpPrompt build() {
      if (name.isBlank()) {
        throw new IllegalArgumentException(
            "an MCP prompt needs a name, such as \"weather_report\"");
      }
      Function<Map<String, String>, List<MessageParam>> filler = messages;
      if (filler == null) {
        throw new IllegalStateException(
            "prompt " + name + " has no messages: call messages(arguments -> List.of(...))");
      }
      return new McpPrompt(this, filler);
    }
  }
}
