package dev.toolstream.bench;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * Reads a whole stream with the official SDK, as its documentation shows: {@code
 * messages().createStreaming(params)} with each event given to a {@link MessageAccumulator}. Not
 * thread-safe; one per benchmark thread.
 */
public final class SdkReader implements AutoCloseable {
  /** The SDK's version, as the build resolved it ({@code anthropic-java.version} in the parent pom). */
  public static final String VERSION = sdkVersion();

  private final AnthropicClient client;
  private final MessageCreateParams params =
      MessageCreateParams.builder()
          .model("claude-sonnet-4-6")
          .maxTokens(1024)
          .addUserMessage("Hello")
          .build();

  /** Returns a reader of the stream served at {@code baseUrl}. */
  public SdkReader(String baseUrl) {
    this.client =
        AnthropicOkHttpClient.builder()
            .apiKey("sk-ant-bench")
            .baseUrl(baseUrl)
            .maxRetries(0)
            .build();
  }

  /** Reads the stream to its end and returns the accumulated message. */
  public Message read() {
    MessageAccumulator accumulator = MessageAccumulator.create();
    try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(params)) {
      stream.stream().forEach(accumulator::accumulate);
    }
    return accumulator.message();
  }

  @Override
  public void close() {
    client.close();
  }

  private static String sdkVersion() {
    Properties properties = new Properties();
    try (InputStream in = SdkReader.class.getResourceAsStream("bench.properties")) {
      properties.load(in);
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("bench.properties is missing: build agent-bench with Maven", e);
    }
    return properties.getProperty("sdk.version");
  }
}
