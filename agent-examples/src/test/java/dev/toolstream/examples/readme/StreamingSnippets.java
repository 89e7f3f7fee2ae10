package dev.toolstream.examples.readme;

// region streaming-imports
import dev.toolstream.client.MessagesClient;
import dev.toolstream.messages.Message;
import dev.toolstream.messages.MessageRequest;
import dev.toolstream.stream.Delta;
import dev.toolstream.stream.MessageStream;
import dev.toolstream.stream.StreamEvent;
import dev.toolstream.stream.StreamListener;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
// endregion

/**
 * The README's streaming snippets, compiled by the build and run by {@link ReadmeSnippetsRunTest}
 * against the test kit. {@link ReadmeMatchesSnippetsTest} checks that the README holds the same
 * text, region by region.
 */
final class StreamingSnippets {
  private StreamingSnippets() {}

  static MessagesClient clientFromEnvironment() {
    // region streaming-client
    MessagesClient client = MessagesClient.fromEnv();
    // endregion
    return client;
  }

  static MessageRequest printText(MessagesClient client) {
    // region streaming-text
    MessageRequest request = MessageRequest.builder()
        .model("claude-sonnet-4-6")
        .maxTokens(1024)
        .addUserMessage("Write a haiku about rivers.")
        .build();

    try (MessageStream stream = client.stream(request)) {
      stream.textStream().forEach(System.out::print);
    }
    // endregion
    return request;
  }

  static Message finalMessage(MessagesClient client, MessageRequest request) {
    // region streaming-final-message
    try (MessageStream stream = client.stream(request)) {
      stream.addListener(StreamListener.onText(System.out::print));
      Message message = stream.finalMessage();
      System.out.println();
      System.out.println(message.stopReason() + ", " + message.usage().outputTokens() + " tokens out");
    }
    // endregion
    try (MessageStream stream = client.stream(request)) {
      return stream.finalMessage();
    }
  }

  static void events(MessagesClient client, MessageRequest request) {
    // region streaming-events
    try (MessageStream stream = client.stream(request)) {
      for (StreamEvent event : stream) {
        if (event instanceof StreamEvent.ContentBlockDelta d && d.delta() instanceof Delta.Text t) {
          System.out.print(t.text());
        } else if (event instanceof StreamEvent.MessageDelta m) {
          System.out.println("\nstop_reason: " + m.stopReason());
        }
      }
    }
    // endregion
  }

  static CompletableFuture<Void> async(MessagesClient client, MessageRequest request) {
    // region streaming-async
    ExecutorService executor = Executors.newFixedThreadPool(4);
    CompletableFuture<Message> future = client.stream(request)
        .addListener(StreamListener.onText(System.out::print))
        .finalMessageAsync(executor);
    CompletableFuture<Void> printed =
        future.thenAccept(message -> System.out.println("\n" + message.usage()));
    // endregion
    return printed.thenRun(executor::shutdown);
  }
}
