package dev.toolstream.testkit;

import dev.toolstream.testkit.internal.Hold;
import dev.toolstream.testkit.internal.Json;
import dev.toolstream.testkit.internal.Response;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import tools.jackson.databind.node.ObjectNode;

/**
 * Encodes SSE frames with one line ending and keeps them in order, remembering where each event
 * ends so a stream can be cut after any number of events. Not thread-safe.
 */
final class FrameList {
  private static final Pattern LINE_BREAK = Pattern.compile("\r\n|\r|\n");

  final List<Response.Frame> frames = new ArrayList<>();
  private final List<Integer> eventEnds = new ArrayList<>();
  private final String lineEnd;

  FrameList(LineEnding lineEnding) {
    this(lineEnding.chars());
  }

  private FrameList(String lineEnd) {
    this.lineEnd = lineEnd;
  }

  /** Adds event {@code name} with {@code data} written as compact JSON. */
  void event(String name, ObjectNode data, boolean pauseBefore) {
    event(name, Json.MAPPER.writeValueAsString(data), pauseBefore);
  }

  /**
   * Adds event {@code name}; each line of {@code data} becomes a {@code data:} field, so readers
   * join them back with {@code \n}.
   */
  void event(String name, String data, boolean pauseBefore) {
    StringBuilder frame = new StringBuilder(name.length() + data.length() + 24);
    frame.append("event: ").append(name).append(lineEnd);
    if (data.indexOf('\n') < 0 && data.indexOf('\r') < 0) {
      frame.append("data: ").append(data).append(lineEnd);
    } else {
      for (String line : LINE_BREAK.split(data, -1)) {
        frame.append("data: ").append(line).append(lineEnd);
      }
    }
    frame.append(lineEnd);
    add(frame.toString(), pauseBefore);
    eventEnds.add(frames.size());
  }

  /** Adds the comment line {@code : text}, which is not an event. */
  void comment(String text) {
    add(": " + text + lineEnd, false);
  }

  /** Adds a point where the server waits at {@code hold}; it sends no bytes. */
  void hold(Hold hold) {
    frames.add(Response.Frame.holdAt(hold));
  }

  /** Returns how many events the list holds. */
  int eventCount() {
    return eventEnds.size();
  }

  /** Returns a list holding the frames up to the end of event number {@code count}. */
  FrameList firstEvents(long count) {
    FrameList first = new FrameList(lineEnd);
    int end = count == 0 ? 0 : eventEnds.get((int) count - 1);
    first.frames.addAll(frames.subList(0, end));
    first.eventEnds.addAll(eventEnds.subList(0, (int) count));
    return first;
  }

  private void add(String frame, boolean pauseBefore) {
    frames.add(new Response.Frame(frame.getBytes(StandardCharsets.UTF_8), pauseBefore));
  }
}
