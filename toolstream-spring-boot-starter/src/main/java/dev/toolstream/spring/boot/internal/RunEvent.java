package dev.toolstream.spring.boot.internal;

import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One event of a run's stream: its name ({@code text}, {@code tool_input}, {@code tool_call},
 * {@code tool_result}, {@code turn}, {@code done}, {@code error}) and its data, written as compact JSON on one line, so that a text
 * holding line breaks can never end the event early.
 *
 * @param name the event's name, letters, digits and {@code _} only
 * @param json the event's data as compact JSON
 */
public record RunEvent(String name, String json) {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /**
   * Checks the name.
   *
   * @throws IllegalArgumentException if it holds anything but letters, digits and {@code _}
   */
  public RunEvent {
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(json, "json == null");
    if (!name.matches("[A-Za-z0-9_]+")) {
      throw new IllegalArgumentException(
          "event name \"" + name + "\" must be letters, digits and _ only");
    }
  }

  /** Returns the event named {@code name} whose data is {@code data}. */
  static RunEvent of(String name, JsonNode data) {
    return new RunEvent(name, JSON.writeValueAsString(data));
  }
}
