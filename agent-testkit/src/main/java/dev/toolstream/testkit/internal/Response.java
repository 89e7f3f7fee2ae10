package dev.toolstream.testkit.internal;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What the server sends for one request: a status, headers, and either a fixed body (sent with
 * {@code Content-Length}) or a list of frames sent with the chunked transfer coding and then ended
 * as {@link #ending()} says.
 *
 * @param fixedBody the whole body, or null for a streamed response
 * @param frames the streamed body's frames in order (empty for a fixed body)
 * @param byteLimit after this many body bytes the connection is cut; negative for no limit
 */
public record Response(
    int status,
    List<Map.Entry<String, String>> headers,
    byte @Nullable [] fixedBody,
    List<Frame> frames,
    Ending ending,
    long byteLimit) {

  /** Copies the lists. */
  public Response {
    headers = List.copyOf(headers);
    frames = List.copyOf(frames);
  }

  /** Returns a response whose whole body is {@code body}, sent with a {@code Content-Length}. */
  public static Response fixed(int status, List<Map.Entry<String, String>> headers, byte[] body) {
    return new Response(status, headers, body, List.of(), Ending.COMPLETE, -1);
  }

  /** Returns a chunked response made of {@code frames}, ended as {@code ending} says. */
  public static Response streamed(
      int status,
      List<Map.Entry<String, String>> headers,
      List<Frame> frames,
      Ending ending,
      long byteLimit) {
    return new Response(status, headers, null, frames, ending, byteLimit);
  }

  /**
   * One unit of a streamed body, usually one SSE event.
   *
   * @param pauseBefore whether the server's delay between deltas applies before this frame
   * @param hold where the server waits before this frame's bytes (usually none), or null
   */
  public record Frame(byte[] bytes, boolean pauseBefore, @Nullable Hold hold) {
    /** Returns a frame with no hold. */
    public Frame(byte[] bytes, boolean pauseBefore) {
      this(bytes, pauseBefore, null);
    }

    /** Returns an empty frame where the server waits at {@code hold}. */
    public static Frame holdAt(Hold hold) {
      return new Frame(new byte[0], false, hold);
    }
  }

  /** How a streamed body ends once its frames are written. */
  public enum Ending {
    /** With the chunked terminator, cleanly; the connection stays open for the next request. */
    COMPLETE,
    /** With the connection closed and no terminator: the client sees the body end abruptly. */
    DISCONNECT,
    /** Not at all: the connection stays open and silent until the client closes it. */
    STALL
  }
}
