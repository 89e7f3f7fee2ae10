package dev.toolstream.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A small WHATWG event-stream parser for the tests, independent of the code under test. */
final class SseEvents {
  /** One dispatched event. */
  record Event(String name, String data) {}

  private SseEvents() {}

  /** Parses a whole stream: LF, CR or CRLF line ends, comments skipped, data lines joined. */
  static List<Event> parse(String stream) {
    List<Event> events = new ArrayList<>();
    String name = "";
    StringBuilder data = null;
    for (String line : stream.split("\r\n|\r|\n", -1)) {
      if (line.isEmpty()) {
        if (data != null) {
          events.add(new Event(name.isEmpty() ? "message" : name, data.toString()));
        }
        name = "";
        data = null;
        continue;
      }
      if (line.startsWith(":")) {
        continue;
      }
      int colon = line.indexOf(':');
      String field = colon < 0 ? line : line.substring(0, colon);
      String value = colon < 0 ? "" : line.substring(colon + 1);
      if (value.startsWith(" ")) {
        value = value.substring(1);
      }
      if (field.equals("event")) {
        name = value;
      } else if (field.equals("data")) {
        data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
      }
    }
    return events;
  }

  /** Returns the event names in order. */
  static List<String> names(List<Event> events) {
    List<String> names = new ArrayList<>();
    events.forEach(event -> names.add(event.name()));
    return names;
  }

  /** Reads a fixture from the test resources as UTF-8 text. */
  static String fixture(String name) {
    try (InputStream in = SseEvents.class.getResourceAsStream("/fixtures/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("No fixture " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
