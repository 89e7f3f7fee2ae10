package dev.toolstream.messages;

/** The author of a message in the conversation. */
public enum Role {
  /** The person or program calling the model; tool results travel in user messages. */
  USER,
  /** The model. */
  ASSISTANT;

  /** Returns the wire name, {@code user} or {@code assistant}. */
  public String wireName() {
    return this == USER ? "user" : "assistant";
  }

  /**
   * Returns the role with the given wire name.
   *
   * @throws IllegalArgumentException if the name is neither {@code user} nor {@code assistant}
   */
  public static Role of(String wireName) {
    switch (wireName) {
      case "user":
        return USER;
      case "assistant":
        return ASSISTANT;
      default:
        throw new IllegalArgumentException("unknown role: " + wireName);
    }
  }
}
