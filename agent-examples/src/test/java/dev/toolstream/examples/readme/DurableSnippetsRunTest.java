package dev.toolstream.examples.readme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolstream.agent.Agent;
import dev.toolstream.client.MessagesClient;
import dev.toolstream.store.DurableAgent;
import dev.toolstream.store.DurableResult;
import dev.toolstream.store.RunStatus;
import dev.toolstream.testkit.RecordedRequest;
import dev.toolstream.testkit.ScriptedClaude;
import dev.toolstream.testkit.Turn;
import dev.toolstream.tools.AnnotatedTools;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/** The README's durable-runs snippets, run against the test kit on an H2 file. */
@ResourceLock(Resources.SYSTEM_OUT)
final class DurableSnippetsRunTest {
  @TempDir Path directory;
  @RegisterExtension final CapturedStdout out = new CapturedStdout();

  private static Agent agent(ScriptedClaude claude) {
    return Agent.builder()
        .client(MessagesClient.builder().baseUrl(claude.baseUrl()).apiKey("test-key").build())
        .model("claude-sonnet-4-6")
        .tools(AnnotatedTools.from(new DurableSnippets.Booking()))
        .build();
  }

  @Test
  void theBookingWaitsForApprovalAndRunsOnceApproved() {
    try (ScriptedClaude claude =
            ScriptedClaude.start(
                Turn.builder()
                    .toolUse("bookRoom", "{\"hotel\":\"Ritz\",\"date\":\"Friday\"}")
                    .stopReason("tool_use")
                    .build(),
                Turn.text("Your room at the Ritz is booked for Friday."));
        DurableAgent durable = DurableSnippets.setUp(agent(claude), directory)) {
      DurableResult done = DurableSnippets.bookWithApproval(durable);

      assertThat(done.status()).isEqualTo(RunStatus.DONE);
      assertThat(out.printed()).contains("Your room at the Ritz is booked for Friday.");
      assertThat(claude.requests()).hasSize(2);
      assertThat(claude.requests().get(1).bodyText()).contains("Booked Ritz on Friday");
      assertThat(durable.store().find(done.runId()).orElseThrow().status())
          .isEqualTo(RunStatus.DONE);
    }
  }

  @Test
  void theSecondMessageOfAConversationCarriesTheFirstExchange() {
    try (ScriptedClaude claude =
            ScriptedClaude.start(
                Turn.text("The Ritz has rooms on Friday."), Turn.text("On Saturday too."));
        DurableAgent durable = DurableSnippets.setUp(agent(claude), directory)) {
      DurableResult answer = DurableSnippets.chat(durable);

      assertThat(answer.text()).isEqualTo("On Saturday too.");
      RecordedRequest second = claude.requests().get(1);
      assertThat(second.bodyText())
          .contains("Which hotels have rooms on Friday?")
          .contains("The Ritz has rooms on Friday.")
          .contains("And on Saturday?");
    }
  }
}
