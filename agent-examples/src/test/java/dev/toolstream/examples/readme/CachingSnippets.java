package dev.toolstream.examples.readme;

// region caching-imports
import dev.toolstream.agent.Agent;
import dev.toolstream.agent.AgentResult;
import dev.toolstream.agent.ToolSpec;
import dev.toolstream.client.MessagesClient;
import dev.toolstream.messages.CacheControl;
import dev.toolstream.messages.ContentBlock;
import dev.toolstream.messages.Message;
import dev.toolstream.messages.MessageRequest;
import dev.toolstream.messages.TokenCount;
import dev.toolstream.messages.Usage;
import java.time.Duration;
import java.util.List;
// endregion

/** The README's prompt-caching and token-counting snippets, compiled and run by the build. */
final class CachingSnippets {
  private CachingSnippets() {}

  static AgentResult cachingAgent(MessagesClient client, ToolSpec weather) {
    // region caching-agent
    Agent agent = Agent.builder()
        .client(client)
        .model("claude-sonnet-4-6")
        .system("You answer questions about the weather.")
        .tool(weather)
        // Automatic caching is on by default. promptCaching(false) turns it off;
        // promptCaching(CacheControl.ephemeral(Duration.ofHours(1))) keeps the cache an hour.
        .build();

    AgentResult result = agent.run("What's the weather in Tokyo?");
    Usage usage = result.usage();                      // every turn added up
    System.out.println(usage.cacheReadInputTokens() + " input tokens read from the cache, "
        + usage.cacheCreationInputTokens() + " written to it");
    Usage.CacheCreation split = usage.cacheCreation();  // null if the API sent no split
    if (split != null) {
      System.out.println(split.ephemeral5mInputTokens() + " kept for 5 minutes, "
          + split.ephemeral1hInputTokens() + " for an hour");
    }
    // endregion
    return result;
  }

  static MessageRequest breakpoints(String instructions) {
    // region caching-breakpoints
    MessageRequest request = MessageRequest.builder()
        .model("claude-sonnet-4-6")
        .maxTokens(1024)
        .system(List.of(ContentBlock.text(instructions)     // a breakpoint of its own, kept an hour
            .withCacheControl(CacheControl.ephemeral(Duration.ofHours(1)))))
        .addUserMessage("Which rule matters most?")
        .cacheControl(CacheControl.ephemeral())   // automatic: the last block, as the talk grows
        .build();                                 // more than 4 breakpoints in all: refused here
    // endregion
    return request;
  }

  static Message countThenSend(MessagesClient client, MessageRequest request) {
    // region count-tokens
    TokenCount count = client.countTokens(request);   // nothing is generated, nothing is cached
    if (count.inputTokens() > 100_000) {
      throw new IllegalStateException("too long to send: " + count.inputTokens() + " tokens");
    }
    Message message = client.create(request);
    // endregion
    return message;
  }
}
