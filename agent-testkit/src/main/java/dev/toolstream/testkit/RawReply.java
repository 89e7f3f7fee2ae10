package dev.toolstream.testkit;

import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Any status, content type and body bytes, sent as they are (in chunks, as the server's {@link
 * Chunking} says): for malformed streams and other cases a {@link Turn} cannot express. Immutable.
 */
public final class RawReply implements Reply {
  private final int status;
  private final String contentType;
  private final byte[] body;
  private final List<Map.Entry<String, String>> headers;
  private final boolean abruptEnd;

  private RawReply(
      int status,
      String contentType,
      byte[] body,
      List<Map.Entry<String, String>> headers,
      boolean abruptEnd) {
    this.status = status;
    this.contentType = contentType;
    this.body = body;
    this.headers = List.copyOf(headers);
    this.abruptEnd = abruptEnd;
  }

  /** Returns a reply with {@code status}, a {@code content-type} header and {@code body}. */
  public static RawReply of(int status, String contentType, byte[] body) {
    Objects.requireNonNull(contentType, "contentType == null");
    return new RawReply(status, contentType, body.clone(), List.of(), false);
  }

  /** Returns a {@code 200 text/event-stream} reply whose body is {@code sse}, encoded as UTF-8. */
  public static RawReply eventStream(String sse) {
    return of(200, "text/event-stream; charset=utf-8", sse.getBytes(StandardCharsets.UTF_8));
  }

  /** Returns a copy that also sends header {@code name: value}. */
  public RawReply header(String name, String value) {
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(value, "value == null");
    List<Map.Entry<String, String>> more = new ArrayList<>(headers);
    more.add(new AbstractMap.SimpleImmutableEntry<>(name, value));
    return new RawReply(status, contentType, body, more, abruptEnd);
  }

  /**
   * Returns a copy that closes the connection after the body instead of ending it cleanly: the
   * client sees the body end without the chunked terminator.
   */
  public RawReply disconnectAtEnd() {
    return new RawReply(status, contentType, body, headers, true);
  }

  /** Returns the HTTP status. */
  public int status() {
    return status;
  }

  /** Returns the {@code content-type} header. */
  public String contentType() {
    return contentType;
  }

  /** Returns a copy of the body. */
  public byte[] body() {
    return body.clone();
  }

  /** Returns the extra headers in the order they were added. */
  public List<Map.Entry<String, String>> headers() {
    return headers;
  }

  /** Returns whether the connection is cut after the body. */
  public boolean abruptEnd() {
    return abruptEnd;
  }

  @Override
  public String toString() {
    return "RawReply{" + status + " " + contentType + ", " + body.length + " bytes}";
  }
}
