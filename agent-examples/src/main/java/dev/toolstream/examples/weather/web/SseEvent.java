package dev.toolstream.examples.weather.web;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One Server-Sent Event whose data is JSON, and its bytes on the wire.
 *
 * <p>The data is written as compact JSON on a single {@code data:} line: JSON escapes every line
 * break inside strings, so a text delta holding newlines cannot end the field or the event early,
 * and the page gets the exact text back with {@code JSON.parse}. The name must be a plain token.
 *
 * @param name the event's name, such as {@code text}; letters, digits and {@code _} only
 * @param data the event's data
 */
record SseEvent(String name, JsonNode data) {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /**
   * Checks the name.
   *
   * @throws IllegalArgumentException if the name is empty or holds anything but letters, digits
   *     and {@code _}, which could break the frame
   */
  SseEvent {
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(data, "data == null");
    if (!name.matches("[A-Za-z0-9_]+")) {
      throw new IllegalArgumentException(
          "event name \"" + name + "\" must be letters, digits and _ only");
    }
  }

  /** Returns the frame: {@code event: name}, one {@code data:} line of JSON, a blank line. */
  String frame() {
    return "event: " + name + "\ndata: " + JSON.writeValueAsString(data) + "\n\n";
  }

  /** Returns {@link #frame()} as UTF-8 bytes, ready to write. */
  byte[] bytes() {
    return frame().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Returns a comment line ({@code : text}), which clients skip: a heartbeat that makes a write,
   * so a closed connection is noticed. Line breaks in {@code text} become spaces.
   */
  static byte[] comment(String text) {
    return (": " + text.replaceAll("[\r\n]", " ") + "\n").getBytes(StandardCharsets.UTF_8);
  }
}
