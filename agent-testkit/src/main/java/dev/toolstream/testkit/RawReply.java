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

  /**
   * Makes a reply that sends the given bytes as they are.
   *
   * @param status the HTTP status; not checked, so any code can be tested
   * @param contentType the {@code content-type} header, such as {@code application/json}
   * @param body the body bytes; copied
   * @return a reply with no extra headers that ends the body cleanly
   */
  public static RawReply of(int status, String contentType, byte[] body) {
    Objects.requireNonNull(contentType, "contentType == null");
    return new RawReply(status, contentType, body.clone(), List.of(), false);
  }

  /**
   * Makes a {@code 200 text/event-stream} reply from hand-written SSE text, for streams a {@link
   * Turn} refuses to build (bad JSON, missing events, unknown fields).
   *
   * @param sse the stream exactly as sent, line endings included; encoded as UTF-8
   * @return a reply with {@code content-type: text/event-stream; charset=utf-8}
   */
  public static RawReply eventStream(String sse) {
    return of(200, "text/event-stream; charset=utf-8", sse.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Adds a response header. Headers are sent in the order they were added, and adding a name twice
   * sends it twice.
   *
   * @param name the header name
   * @param value the header value, sent as it is
   * @return a copy that also sends {@code name: value}
   */
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
   *
   * @return a copy that cuts the connection after the last byte
   */
  public RawReply disconnectAtEnd() {
    return new RawReply(status, contentType, body, headers, true);
  }

  /**
   * Returns the HTTP status the reply sends.
   *
   * @return the status as given, not checked
   */
  public int status() {
    return status;
  }

  /**
   * Returns the content type the reply declares.
   *
   * @return the {@code content-type} header value
   */
  public String contentType() {
    return contentType;
  }

  /**
   * Returns the body the reply sends.
   *
   * @return a fresh copy of the bytes on each call
   */
  public byte[] body() {
    return body.clone();
  }

  /**
   * Returns the headers added to this reply.
   *
   * @return an immutable list in the order they were added; {@code content-type} is not in it
   */
  public List<Map.Entry<String, String>> headers() {
    return headers;
  }

  /**
   * Tells whether the connection is cut after the body.
   *
   * @return {@code true} after {@link #disconnectAtEnd()}: the chunked terminator is never sent
   */
  public boolean abruptEnd() {
    return abruptEnd;
  }

  @Override
  public String toString() {
    return "RawReply{" + status + " " + contentType + ", " + body.length + " bytes}";
  }
}
