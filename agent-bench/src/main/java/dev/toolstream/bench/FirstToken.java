package dev.toolstream.bench;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import dev.toolstream.client.MessagesClient;
import dev.toolstream.stream.MessageStream;
import dev.toolstream.stream.StreamListener;
import java.io.PrintStream;

/**
 * A fresh-JVM program for the cold-start comparison: starts a loopback server with a short text
 * stream, streams it with Toolstream or the SDK, and prints each text delta to stdout as it
 * arrives. The time to its first stdout byte is the time to first token.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.toolstream.bench.FirstToken toolstream|sdk}.
 */
public final class FirstToken {
  private FirstToken() {}

  /** Streams one short message with the reader named in {@code args[0]}. */
  public static void main(String[] args) throws Exception {
    PrintStream out = System.out;
    try (LoopbackServer server = LoopbackServer.start()) {
      String baseUrl = server.serve("first", SyntheticStream.text(50).body());
      if (args.length > 0 && args[0].equals("sdk")) {
        sdk(baseUrl, out);
      } else {
        toolstream(baseUrl, out);
      }
    }
    out.println();
    System.exit(0);
  }

  private static void toolstream(String baseUrl, PrintStream out) {
    MessagesClient client =
        MessagesClient.builder().apiKey("sk-ant-bench").baseUrl(baseUrl).build();
    try (MessageStream stream = client.stream(ToolstreamReader.request())) {
      stream
          .addListener(
              StreamListener.onText(
                  text -> {
                    out.print(text);
                    out.flush();
                  }))
          .finalMessage();
    }
  }

  private static void sdk(String baseUrl, PrintStream out) {
    AnthropicClient client =
        AnthropicOkHttpClient.builder().apiKey("sk-ant-bench").baseUrl(baseUrl).build();
    MessageCreateParams params =
        MessageCreateParams.builder()
            .model("claude-sonnet-4-6")
            .maxTokens(1024)
            .addUserMessage("Hello")
            .build();
    try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(params)) {
      stream.stream()
          .forEach(
              event ->
                  event
                      .contentBlockDelta()
                      .flatMap(delta -> delta.delta().text())
                      .ifPresent(
                          text -> {
                            out.print(text.text());
                            out.flush();
                          }));
    }
  }
}
