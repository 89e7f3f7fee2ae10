package dev.toolstream.client;

import dev.toolstream.messages.MessageRequest;
import dev.toolstream.stream.StreamLimits;
import java.io.IOException;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import mockwebserver3.MockWebServer;
import okio.BufferedSink;
import okio.ByteString;

/**
 * A MockWebServer playing a broken or hostile API for the tests that run in the small-heap fork
 * (tag {@value #SMALL_HEAP}, {@code -Xmx64m}): there, anything that holds a response whole, or
 * grows without a limit, fails with {@link OutOfMemoryError} instead of passing on a large heap.
 * Bodies that "never end" are generated as they are sent, bounded by a byte count, never held.
 */
public final class HostileServer implements AutoCloseable {
  /** The JUnit tag of the tests that run with a small heap. */
  public static final String SMALL_HEAP = "small-heap";

  /** How far a body that never ends is sent: four times the test heap. */
  public static final long ENDLESS = 256L << 20;

  private final MockWebServer server = new MockWebServer();

  /** Starts the server. */
  public HostileServer() throws IOException {
    server.start();
  }

  /** Queues a 200 event stream whose body is {@code sse}. */
  public HostileServer stream(String sse) {
    server.enqueue(ApiServer.stream(sse));
    return this;
  }

  /**
   * Queues a response with {@code status} whose body is {@code head}, then {@code repeated} again
   * and again until {@link #ENDLESS} bytes were sent (or the client hangs up).
   */
  public HostileServer endless(int status, String head, String repeated) {
    server.enqueue(
        new MockResponse.Builder()
            .code(status)
            .setHeader("content-type", status == 200 ? "text/event-stream" : "application/json")
            .setHeader("request-id", "req_hostile")
            .body(endlessBody(head, repeated))
            .build());
    return this;
  }

  /** Returns a client of this server with {@code limits}, no retries. */
  public MessagesClient client(StreamLimits limits) {
    return MessagesClient.builder()
        .apiKey("test-key")
        .baseUrl(server.url("/").toString())
        .maxRetries(0)
        .limits(limits)
        .build();
  }

  /** Returns a request to send. */
  public static MessageRequest request() {
    return MessageRequest.builder().model("claude-sonnet-4-6").maxTokens(1024).addUserMessage("Hi").build();
  }

  /** Returns the number of requests the server received. */
  public int requestCount() {
    return server.getRequestCount();
  }

  @Override
  public void close() {
    server.close();
  }

  private static MockResponseBody endlessBody(String head, String repeated) {
    ByteString chunk = ByteString.encodeUtf8(repeated.repeat(Math.max(1, 8192 / repeated.length())));
    return new MockResponseBody() {
      @Override
      public long getContentLength() {
        return -1;
      }

      @Override
      public void writeTo(BufferedSink sink) throws IOException {
        sink.writeUtf8(head);
        for (long sent = head.length(); sent < ENDLESS; sent += chunk.size()) {
          sink.write(chunk);
        }
        sink.flush();
      }
    };
  }
}
