package dev.toolstream.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.toolstream.messages.ContentBlock;
import dev.toolstream.messages.Message;
import dev.toolstream.messages.MessageParam;
import dev.toolstream.messages.StopReason;
import dev.toolstream.messages.Usage;
import dev.toolstream.testkit.Turn;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A run resumed from a checkpoint goes on where it stood: results recorded are kept, a call that
 * started without a result runs again only if its tool is idempotent, and turns count on.
 */
class ResumeTest extends AgentTestSupport {
  private final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();

  /** A tool that counts its calls by name and answers "<name> done". */
  private ToolSpec tool(String name, boolean idempotent) {
    return ToolSpec.builder(name)
        .description("A test tool.")
        .inputSchema(json("{\"type\":\"object\"}"))
        .idempotent(idempotent)
        .handler(
            (input, context) -> {
              runs.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
              return ToolOutput.text(name + " done");
            })
        .build();
  }

  private int runsOf(String name) {
    AtomicInteger count = runs.get(name);
    return count == null ? 0 : count.get();
  }

  /** The reply of turn 1, calling "book" (toolu_a) and "lookup" (toolu_b). */
  private static Message turnOne() {
    return new Message(
        "msg_1",
        "claude-sonnet-4-6",
        List.of(
            ContentBlock.text("Booking."),
            toolUse("toolu_a", "book"),
            toolUse("toolu_b", "lookup")),
        StopReason.TOOL_USE,
        null,
        null,
        new Usage(10, 5, 0, 0),
        Map.of());
  }

  private static ContentBlock.ToolUse toolUse(String id, String name) {
    return new ContentBlock.ToolUse(id, name, json("{}"));
  }

  /** A run that saved turn 1 and nothing after it. */
  private static RunState afterTurnOne() {
    return RunState.start("run-7", List.of(MessageParam.user("Book it"))).afterTurn(turnOne());
  }

  private static ContentBlock.ToolResult result(String id, String text) {
    return ContentBlock.ToolResult.text(id, text, false);
  }

  /** Returns the tool results the second request (the first after the resume) carried. */
  private JsonNode resultsSent() throws InterruptedException {
    JsonNode messages = nextRequestBody().get("messages");
    return messages.get(messages.size() - 1).get("content");
  }

  @Test
  void anOpenTurnWithNothingStartedRunsEveryCallBeforeTheModelIsCalled() throws Exception {
    enqueue(Turn.text("Booked."));

    AgentResult result =
        agent(tool("book", false), tool("lookup", false)).build().resume(afterTurnOne());

    assertThat(result.text()).isEqualTo("Booked.");
    assertThat(runsOf("book")).isEqualTo(1);
    assertThat(runsOf("lookup")).isEqualTo(1);
    JsonNode results = resultsSent();
    assertThat(results.get(0).get("tool_use_id").asString()).isEqualTo("toolu_a");
    assertThat(results.get(0).get("content").asString()).isEqualTo("book done");
    assertThat(results.get(1).get("tool_use_id").asString()).isEqualTo("toolu_b");
    assertThat(result.turns()).isEqualTo(2);
  }

  @Test
  void aRecordedResultIsSentAsItIsAndNeverComputedAgain() throws Exception {
    enqueue(Turn.text("Booked."));
    RunState state = afterTurnOne().withStarted("toolu_a").withResult(result("toolu_a", "room 12"));
    RecordingJournal journal = new RecordingJournal();

    agent(tool("book", false), tool("lookup", false)).build().resume(state, journal, null);

    assertThat(runsOf("book")).isZero();
    assertThat(runsOf("lookup")).isEqualTo(1);
    JsonNode results = resultsSent();
    assertThat(results.get(0).get("content").asString()).isEqualTo("room 12");
    assertThat(results.get(1).get("content").asString()).isEqualTo("lookup done");
    assertThat(journal.steps())
        .containsExactly(
            "toolStarted toolu_b", "toolCompleted toolu_b", "turnCompleted 2", "runEnded");
  }

  @Test
  void aStartedCallOfAToolThatIsNotIdempotentIsReportedAsInterrupted() throws Exception {
    enqueue(Turn.text("I will check the booking."));
    RunState state = afterTurnOne().withStarted("toolu_a");
    RecordingJournal journal = new RecordingJournal();

    agent(tool("book", false), tool("lookup", false)).build().resume(state, journal, null);

    assertThat(runsOf("book")).isZero();
    JsonNode interrupted = resultsSent().get(0);
    assertThat(interrupted.get("is_error").asBoolean()).isTrue();
    assertThat(interrupted.get("content").asString())
        .isEqualTo(
            "This call was interrupted before its result was recorded (the process running it"
                + " stopped). It may or may not have taken effect; check before calling it again.");
    assertThat(journal.steps()).startsWith("toolCompleted toolu_a", "toolStarted toolu_b");
  }

  @Test
  void aStartedCallOfAnIdempotentToolRunsAgainOnce() throws Exception {
    enqueue(Turn.text("Found."));
    RunState state = afterTurnOne().withStarted("toolu_b");
    RecordingJournal journal = new RecordingJournal();

    agent(tool("book", false), tool("lookup", true)).build().resume(state, journal, null);

    assertThat(runsOf("lookup")).isEqualTo(1);
    assertThat(resultsSent().get(1).get("content").asString()).isEqualTo("lookup done");
    assertThat(journal.steps())
        .containsSubsequence("toolStarted toolu_b", "toolCompleted toolu_b", "turnCompleted 2");
  }

  @Test
  void aCallOfAToolTheAgentLacksGetsTheUsualError() throws Exception {
    enqueue(Turn.text("Sorry."));

    agent(tool("book", false)).build().resume(afterTurnOne());

    JsonNode unknown = resultsSent().get(1);
    assertThat(unknown.get("is_error").asBoolean()).isTrue();
    assertThat(unknown.get("content").asString())
        .isEqualTo("There is no tool named \"lookup\". Available tools: book.");
  }

  @Test
  void listenersHearOfTheCallsSettledNowOnly() {
    enqueue(Turn.text("Booked."));
    RunState state = afterTurnOne().withResult(result("toolu_a", "room 12"));
    List<String> heard = new java.util.ArrayList<>();

    agent(tool("book", false), tool("lookup", false))
        .build()
        .resume(
            state,
            RunJournal.NONE,
            new AgentListener() {
              @Override
              public void onToolCall(ContentBlock.ToolUse call) {
                heard.add("call " + call.id());
              }

              @Override
              public void onToolResult(ToolExecution execution) {
                heard.add("result " + execution.call().id());
              }
            });

    assertThat(heard).containsExactly("call toolu_b", "result toolu_b");
  }

  @Test
  void aStateWithoutAnOpenTurnCallsTheModelAndNumbersTurnsOn() throws Exception {
    RunState state =
        afterTurnOne().withResult(result("toolu_a", "room 12")).withResult(result("toolu_b", "ok"));
    enqueue(Turn.text("Booked."));
    RecordingJournal journal = new RecordingJournal();

    AgentResult result = agent().build().resume(state, journal, null);

    assertThat(journal.steps()).containsExactly("turnCompleted 2", "runEnded");
    assertThat(journal.runIds).containsOnly("run-7");
    assertThat(result.turns()).isEqualTo(2);
    assertThat(result.history()).hasSize(4).startsWith(state.history().toArray(MessageParam[]::new));
    assertThat(nextRequestBody().get("messages")).hasSize(3);
  }

  @Test
  void maxTurnsCountsTheTurnsTakenBeforeTheResume() throws Exception {
    enqueue(Turn.builder().toolUse("toolu_c", "lookup", "{}").build());

    TurnLimitException e =
        catchThrowableOfType(
            TurnLimitException.class,
            () ->
                agent(tool("book", false), tool("lookup", false))
                    .maxTurns(2)
                    .build()
                    .resume(afterTurnOne()));

    assertThat(requestCount()).isEqualTo(1);
    assertThat(e.turnUsage()).hasSize(2);
    assertThat(runsOf("lookup")).isEqualTo(2);
  }

  @Test
  void aRunThatUsedItsTurnsCallsNoModelOnceItsOpenTurnIsAnswered() {
    TurnLimitException e =
        catchThrowableOfType(
            TurnLimitException.class,
            () ->
                agent(tool("book", false), tool("lookup", false))
                    .maxTurns(1)
                    .build()
                    .resume(afterTurnOne()));

    assertThat(requestCount()).isZero();
    assertThat(runsOf("book")).isEqualTo(1);
    assertThat(e.history()).hasSize(3);
  }
}
