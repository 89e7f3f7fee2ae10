package dev.toolstream.messages;

/** The author of a message in the conversation. */
public enum Role {
  /** The person or program calling the model; tool results travel in user messages. */
  USER,
  /** The model. */
  ASSISTANT;

  /**
   * Names the role as the API's JSON spells it.
   *
   * @return {@code user} or {@code assistant}
   */
  public String wireName() {
    return this == USER ? "user" : "assistant";
  }

  /**
   * Reads a role from the API's JSON.
   *
   * @param wireName {@code user} or {@code assistant}, in lower case
   * @return the matching role
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
