package dev.toolstream.bench;

import dev.toolstream.client.MessagesClient;
import dev.toolstream.messages.Message;
import dev.toolstream.messages.MessageRequest;
import dev.toolstream.stream.MessageStream;
import dev.toolstream.stream.StreamListener;
import okhttp3.OkHttpClient;

/**
 * Reads a whole stream with Toolstream, as a user would: {@link MessagesClient#stream} and {@link
 * MessageStream#finalMessage()}. Not thread-safe; one per benchmark thread.
 */
public final class ToolstreamReader implements AutoCloseable {
  private final OkHttpClient http = new OkHttpClient();
  private final MessagesClient client;

  /** Returns a reader of the stream served at {@code baseUrl}. */
  public ToolstreamReader(String baseUrl) {
    this.client =
        MessagesClient.builder()
            .apiKey("sk-ant-bench")
            .baseUrl(baseUrl)
            .maxRetries(0)
            .okHttpClient(http)
            .build();
  }

  /** Returns the request every contender sends. */
  static MessageRequest request() {
    return MessageRequest.builder()
        .model("claude-sonnet-4-6")
        .maxTokens(1024)
        .addUserMessage("Hello")
        .build();
  }

  /** Reads the stream to its end and returns the final message. */
  public Message read() {
    return read(StreamListener.NONE);
  }

  /** Reads the stream to its end with {@code listener} added, and returns the final message. */
  public Message read(StreamListener listener) {
    try (MessageStream stream = client.stream(request())) {
      return stream.addListener(listener).finalMessage();
    }
  }

  @Override
  public void close() {
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }
}
