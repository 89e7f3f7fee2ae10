package dev.toolstream.examples.readme;

// region context-imports
import dev.toolstream.agent.Agent;
import dev.toolstream.agent.AgentListener;
import dev.toolstream.agent.AgentResult;
import dev.toolstream.agent.ToolSpec;
import dev.toolstream.client.MessagesClient;
import dev.toolstream.messages.ContentBlock;
import dev.toolstream.messages.ContextManagement;
import dev.toolstream.messages.Message;
import dev.toolstream.messages.MessageRequest;
import dev.toolstream.messages.StopDetails;
import dev.toolstream.messages.ThinkingConfig;
import java.util.List;
// endregion

/**
 * The README's snippets for context management, compaction and thinking, compiled by the build
 * and run against the test kit by {@link ContextSnippetsRunTest}.
 */
final class ContextSnippets {
  private ContextSnippets() {}

  static AgentResult longRun(MessagesClient client, ToolSpec tool) {
    // region context-agent
    Agent agent = Agent.builder()
        .client(client)
        .model("claude-opus-4-6")
        .maxTokens(16_000)
        .thinking(ThinkingConfig.adaptive())   // thinks between tool calls too, no beta needed
        .compactAt(100_000)                    // past 100k input tokens, the API summarizes
        .tool(tool)
        .listener(new AgentListener() {
          @Override public void onCompaction(ContentBlock.Compaction compaction) {
            System.out.println("[compacted] " + compaction.content());
          }
        })
        .build();

    AgentResult result = agent.run("Audit every service in the inventory.");
    if (result.isRefusal()) {
      StopDetails details = result.stopDetails();   // the category and explanation, if any
      System.out.println("refused: " + (details == null ? "?" : details.category()));
    } else if (result.isTruncated()) {             // max_tokens or a full context window
      System.out.println("cut short: " + result.stopReason());
    } else {
      System.out.println(result.text());
    }
    // endregion
    return result;
  }

  static Message clearing(MessagesClient client) {
    // region context-edits
    MessageRequest request = MessageRequest.builder()
        .model("claude-sonnet-4-6")
        .maxTokens(8192)
        .thinking(ThinkingConfig.enabled(4096).interleaved())   // with a budget, needs a beta
        .contextManagement(ContextManagement.of(
            ContextManagement.clearToolUses()
                .withTrigger(ContextManagement.Trigger.inputTokens(30_000))
                .withKeep(3)                             // the latest three tool results stay
                .withExcludeTools(List.of("memory")),
            ContextManagement.clearThinking().withKeepTurns(2)))
        .addUserMessage("Go on with the audit.")
        .build();   // sent with the context-management and interleaved-thinking betas, unasked

    Message reply = client.stream(request).finalMessage();
    for (ContextManagement.AppliedEdit edit : reply.appliedEdits()) {
      System.out.println(edit.type() + " freed " + edit.clearedInputTokens() + " input tokens");
    }
    // endregion
    return reply;
  }
}
