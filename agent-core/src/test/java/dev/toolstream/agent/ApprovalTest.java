package dev.toolstream.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolstream.messages.ContentBlock;
import dev.toolstream.messages.MessageParam;
import dev.toolstream.messages.Role;
import dev.toolstream.testkit.Turn;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A call of a tool that requires approval waits for a person: the run stops before it, and goes on
 * when resumed with the decision.
 */
class ApprovalTest extends AgentTestSupport {
  private final AtomicInteger sent = new AtomicInteger();
  private final AtomicInteger lookups = new AtomicInteger();

  private final ToolSpec sendMail =
      ToolSpec.builder("send_mail")
          .description("Sends a mail.")
          .inputSchema(json("{\"type\":\"object\"}"))
          .requiresApproval(true)
          .handler(
              (input, context) -> {
                sent.incrementAndGet();
                return ToolOutput.text("sent");
              })
          .build();

  private final ToolSpec lookup =
      ToolSpec.builder("lookup")
          .description("Looks an address up.")
          .inputSchema(json("{\"type\":\"object\"}"))
          .handler(
              (input, context) -> {
                lookups.incrementAndGet();
                return ToolOutput.text("ann@example.com");
              })
          .build();

  private void enqueueMailTurn() {
    enqueue(Turn.builder().text("Mailing.").toolUse("toolu_m", "send_mail", "{}").build());
  }

  /** Returns the tool results of the request after {@code skipped} others. */
  private JsonNode resultsOfRequest(int skipped) throws InterruptedException {
    for (int i = 0; i < skipped; i++) {
      nextRequestBody();
    }
    JsonNode messages = nextRequestBody().get("messages");
    return messages.get(messages.size() - 1).get("content");
  }

  @Test
  void theRunStopsBeforeACallThatNeedsApproval() {
    enqueueMailTurn();

    AgentResult result = agent(sendMail).build().run("Mail Ann");

    assertThat(result.isAwaitingApproval()).isTrue();
    assertThat(result.awaitingApproval()).extracting(ContentBlock.ToolUse::id).containsExactly("toolu_m");
    assertThat(result.text()).isEqualTo("Mailing.");
    assertThat(sent).hasValue(0);
    assertThat(requestCount()).isEqualTo(1);
    assertThat(result.history()).hasSize(2);
    assertThat(result.history().get(1).role()).isEqualTo(Role.ASSISTANT);
    assertThat(result.paused().unansweredCalls()).extracting(ContentBlock.ToolUse::id).containsExactly("toolu_m");
  }

  @Test
  void anApprovedCallRunsWhenTheRunIsResumed() throws Exception {
    enqueueMailTurn();
    Agent agent = agent(sendMail).build();
    AgentResult waiting = agent.run("Mail Ann");
    enqueue(Turn.text("Sent."));

    AgentResult done = agent.resume(waiting.paused().approve("toolu_m"));

    assertThat(done.text()).isEqualTo("Sent.");
    assertThat(done.isAwaitingApproval()).isFalse();
    assertThat(done.awaitingApproval()).isEmpty();
    assertThat(sent).hasValue(1);
    assertThat(resultsOfRequest(1).get(0).get("content").asString()).isEqualTo("sent");
    assertThat(done.turns()).isEqualTo(2);
  }

  @Test
  void aDenialGoesToTheModelAsAnErrorWithTheReason() throws Exception {
    enqueueMailTurn();
    Agent agent = agent(sendMail).build();
    AgentResult waiting = agent.run("Mail Ann");
    enqueue(Turn.text("I did not send it."));
    RecordingJournal journal = new RecordingJournal();

    agent.resume(waiting.paused().deny("toolu_m", "Ann is on leave"), journal, null);

    assertThat(sent).hasValue(0);
    JsonNode denied = resultsOfRequest(1).get(0);
    assertThat(denied.get("is_error").asBoolean()).isTrue();
    assertThat(denied.get("content").asString())
        .isEqualTo("A person did not approve this call: Ann is on leave");
    assertThat(journal.steps())
        .containsExactly("toolCompleted toolu_m", "turnCompleted 2", "runEnded");
  }

  @Test
  void theOtherCallsOfTheTurnRunAndAreNotRunAgainAfterTheDecision() throws Exception {
    enqueue(
        Turn.builder()
            .toolUse("toolu_l", "lookup", "{}")
            .toolUse("toolu_m", "send_mail", "{}")
            .build());
    Agent agent = agent(lookup, sendMail).build();
    RecordingJournal firstPart = new RecordingJournal();
    AgentResult waiting =
        agent.resume(
            RunState.start("run-3", List.of(MessageParam.user("Mail Ann"))),
            firstPart,
            null);
    enqueue(Turn.text("Sent."));
    RecordingJournal secondPart = new RecordingJournal();

    agent.resume(waiting.paused().approve("toolu_m"), secondPart, null);

    assertThat(lookups).hasValue(1);
    assertThat(sent).hasValue(1);
    assertThat(waiting.paused().results()).containsOnlyKeys("toolu_l");
    assertThat(firstPart.steps())
        .containsExactly(
            "turnCompleted 1", "toolStarted toolu_l", "toolCompleted toolu_l", "runEnded");
    assertThat(firstPart.ended).isSameAs(waiting);
    assertThat(secondPart.steps())
        .containsExactly(
            "toolStarted toolu_m", "toolCompleted toolu_m", "turnCompleted 2", "runEnded");
    JsonNode results = resultsOfRequest(1);
    assertThat(results.get(0).get("tool_use_id").asString()).isEqualTo("toolu_l");
    assertThat(results.get(1).get("tool_use_id").asString()).isEqualTo("toolu_m");
  }

  @Test
  void aDenialStandsEvenIfTheToolNoLongerAsksForApproval() throws Exception {
    enqueueMailTurn();
    AgentResult waiting = agent(sendMail).build().run("Mail Ann");
    ToolSpec ungated =
        ToolSpec.builder("send_mail")
            .description("Sends a mail.")
            .inputSchema(json("{\"type\":\"object\"}"))
            .handler(sendMail.handler())
            .build();
    enqueue(Turn.text("Not sent."));

    agent(ungated).build().resume(waiting.paused().deny("toolu_m", "Wrong address"));

    assertThat(sent).hasValue(0);
    assertThat(resultsOfRequest(1).get(0).get("content").asString())
        .isEqualTo("A person did not approve this call: Wrong address");
  }

  @Test
  void aResumedRunWithoutADecisionWaitsAgain() {
    enqueueMailTurn();
    Agent agent = agent(sendMail).build();
    AgentResult waiting = agent.run("Mail Ann");

    AgentResult still = agent.resume(waiting.paused());

    assertThat(still.isAwaitingApproval()).isTrue();
    assertThat(still.awaitingApproval()).extracting(ContentBlock.ToolUse::id).containsExactly("toolu_m");
    assertThat(still.finalMessage().content()).isEqualTo(waiting.history().get(1).content());
    assertThat(sent).hasValue(0);
    assertThat(requestCount()).isEqualTo(1);
  }

  @Test
  void aJournalReplayOfAPausedRunGivesItsPausedState() {
    enqueue(
        Turn.builder()
            .toolUse("toolu_l", "lookup", "{}")
            .toolUse("toolu_m", "send_mail", "{}")
            .build());
    RunState start =
        RunState.start("run-4", List.of(MessageParam.user("Mail Ann")));
    RecordingJournal journal = new RecordingJournal();

    AgentResult waiting = agent(lookup, sendMail).build().resume(start, journal, null);

    assertThat(journal.replay(start)).isEqualTo(waiting.paused());
  }
}
