package dev.toolstream.examples.weather.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import okio.BufferedSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small WHATWG event-stream reader for the tests, written apart from the code under test: reads
 * events one at a time from a body with LF or CRLF line ends, skipping comments and joining data
 * lines with {@code \n}.
 */
final class SseEvents {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** One dispatched event, its data parsed as JSON. */
  record Event(String name, String data) {
    JsonNode json() {
      return JSON.readTree(data);
    }
  }

  private final BufferedSource source;

  SseEvents(BufferedSource source) {
    this.source = source;
  }

  /** Parses a whole stream held in {@code text}. */
  static List<Event> parse(String text) throws IOException {
    try (okio.Buffer buffer = new okio.Buffer()) {
      buffer.writeUtf8(text);
      return new SseEvents(buffer).remaining();
    }
  }

  /** Returns the next event, or null at the end of the body. */
  Event next() throws IOException {
    String name = "";
    StringBuilder data = null;
    String line;
    while ((line = source.readUtf8Line()) != null) {
      if (line.isEmpty()) {
        if (data != null) {
          return new Event(name.isEmpty() ? "message" : name, data.toString());
        }
        name = "";
        continue;
      }
      if (line.startsWith(":")) {
        continue;
      }
      int colon = line.indexOf(':');
      String field = colon < 0 ? line : line.substring(0, colon);
      String value = colon < 0 ? "" : line.substring(colon + 1);
      value = value.startsWith(" ") ? value.substring(1) : value;
      if (field.equals("event")) {
        name = value;
      } else if (field.equals("data")) {
        data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
      }
    }
    return null;
  }

  /** Returns the events up to the end of the body. */
  List<Event> remaining() throws IOException {
    List<Event> events = new ArrayList<>();
    for (Event event = next(); event != null; event = next()) {
      events.add(event);
    }
    return events;
  }

  /** Returns the names of {@code events}, in order. */
  static List<String> names(List<Event> events) {
    return events.stream().map(Event::name).toList();
  }
}
