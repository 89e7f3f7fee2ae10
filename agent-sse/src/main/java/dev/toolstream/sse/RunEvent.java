package dev.toolstream.sse;

import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One event of a run's stream: its name ({@code text}, {@code tool_input}, {@code tool_call},
 * {@code tool_result}, {@code turn}, {@code done} or {@code error}) and its JSON data.
 *
 * <p>The data is written as compact JSON on a single {@code data:} line: JSON escapes every line
 * break inside strings, so a text delta holding newlines cannot end the field or the event early,
 * and a page gets the exact text back with {@code JSON.parse}.
 *
 * @param name the event's name, letters, digits and {@code _} only
 * @param data the event's data
 */
public record RunEvent(String name, JsonNode data) {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /**
   * Checks the name.
   *
   * @param name the event's name, letters, digits and {@code _} only
   * @param data the event's data
   * @throws IllegalArgumentException if the name is empty or holds anything but letters, digits
   *     and {@code _}, which could break the frame
   */
  public RunEvent {
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(data, "data == null");
    if (!name.matches("[A-Za-z0-9_]+")) {
      throw new IllegalArgumentException(
          "event name \"" + name + "\" must be letters, digits and _ only");
    }
  }

  /**
   * Returns the data as compact JSON on one line.
   *
   * @return the data's JSON text
   */
  public String json() {
    return JSON.writeValueAsString(data);
  }

  /**
   * Returns the event as Server-Sent Events put it on the wire: {@code event: name}, one {@code
   * data:} line of JSON and a blank line.
   *
   * @return the frame's text, to be written as UTF-8
   */
  public String frame() {
    return "event: " + name + "\ndata: " + json() + "\n\n";
  }
}
