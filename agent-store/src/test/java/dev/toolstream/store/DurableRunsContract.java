package dev.toolstream.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.toolstream.agent.Agent;
import dev.toolstream.agent.AgentException;
import dev.toolstream.agent.ToolOutput;
import dev.toolstream.agent.ToolSpec;
import dev.toolstream.client.MessagesClient;
import dev.toolstream.internal.json.Json;
import dev.toolstream.internal.tools.ToolErrorMessages;
import dev.toolstream.messages.MessageParam;
import dev.toolstream.testkit.ErrorReply;
import dev.toolstream.testkit.RecordedRequest;
import dev.toolstream.testkit.Reply;
import dev.toolstream.testkit.ScriptedClaude;
import dev.toolstream.testkit.Turn;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Durable runs through {@link DurableAgent}, with a scripted Claude: checkpoints, resume after a
 * crash, approvals across instances, lost leases and conversations. Run on H2 and PostgreSQL by
 * the subclasses.
 */
abstract class DurableRunsContract {
  static final Duration WAIT = Duration.ofSeconds(20);

  final MutableClock clock = new MutableClock();
  final Queue<Reply> replies = new ConcurrentLinkedQueue<>();
  final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
  final List<AutoCloseable> closing = new ArrayList<>();
  ScriptedClaude claude;
  JdbcRunStore store;

  /** Returns a builder on this test's database (tables of its own), with no clock set. */
  abstract JdbcRunStore.Builder database();

  @BeforeEach
  void start() {
    claude = ScriptedClaude.start(request -> replies.remove());
    store = database().clock(clock).build();
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable resource : closing) {
      resource.close();
    }
    store.close();
    claude.close();
  }

  ToolSpec tool(String name, boolean idempotent, boolean requiresApproval) {
    return ToolSpec.builder(name)
        .description("A test tool.")
        .inputSchema(Json.parse("{\"type\":\"object\"}"))
        .idempotent(idempotent)
        .requiresApproval(requiresApproval)
        .handler(
            (input, context) -> {
              calls.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
              return ToolOutput.text(name + " done");
            })
        .build();
  }

  int callsOf(String name) {
    AtomicInteger count = calls.get(name);
    return count == null ? 0 : count.get();
  }

  Agent.Builder agent(ToolSpec... tools) {
    return Agent.builder()
        .client(MessagesClient.builder().apiKey("sk-test").baseUrl(claude.baseUrl()).maxRetries(0).build())
        .model("claude-sonnet-4-6")
        .maxTokens(1024)
        .tools(List.of(tools));
  }

  DurableAgent durable(String owner, Agent agent) {
    return durable(owner, agent, store);
  }

  DurableAgent durable(String owner, Agent agent, RunStore runStore) {
    DurableAgent durable = DurableAgent.builder(agent, runStore).owner(owner).build();
    closing.add(durable);
    return durable;
  }

  static Turn calling(String... tools) {
    Turn.Builder turn = Turn.builder().text("On it.");
    for (String tool : tools) {
      turn.toolUse("toolu_" + tool, tool, "{}");
    }
    return turn.build();
  }

  /** Returns the tool results of the request the scripted Claude got {@code index}-th (from 0). */
  JsonNode resultsOfRequest(int index) {
    RecordedRequest request = claude.requests().get(index);
    List<JsonNode> messages = request.messages();
    return messages.get(messages.size() - 1).get("content");
  }

  static String resultText(JsonNode results, String toolUseId) {
    for (JsonNode result : results) {
      if (result.get("tool_use_id").asString().equals(toolUseId)) {
        JsonNode content = result.get("content");
        return (result.path("is_error").asBoolean() ? "error: " : "")
            + (content.isString() ? content.asString() : content.get(0).get("text").asString());
      }
    }
    throw new AssertionError("no result for " + toolUseId + " in " + results);
  }

  @Test
  void everyStepOfARunIsSavedBeforeTheRunGoesOn() {
    replies.add(calling("lookup", "clock"));
    replies.add(Turn.text("Done."));
    DurableAgent durable = durable("alpha", agent(tool("lookup", false, false), tool("clock", false, false)).build());

    DurableResult result = durable.start("Look it up");

    assertThat(result.status()).isEqualTo(RunStatus.DONE);
    assertThat(result.text()).isEqualTo("Done.");
    List<RunStep> steps = store.steps(result.runId());
    assertThat(steps.stream().map(step -> step.getClass().getSimpleName()).toList())
        .startsWith("Start", "Turn")
        .endsWith("Turn", "Ended")
        .filteredOn(kind -> kind.startsWith("Tool"))
        .hasSize(4);
    RunRecord run = store.find(result.runId()).orElseThrow();
    assertThat(run.status()).isEqualTo(RunStatus.DONE);
    assertThat(run.turns()).isEqualTo(2);
    assertThat(run.owner()).isNull();
    assertThat(store.state(result.runId()).history()).isEqualTo(result.result().history());
  }

  @Test
  void aResumedRunUsesSavedResultsAndReportsTheInterruptedCall() {
    // What a dead instance left: turn 1 with three calls; "mail" finished, "book" started and
    // has no result, "lookup" never started.
    store.create("run-1", null, 0, List.of(MessageParam.user("Do all three")), "dead", Duration.ofSeconds(30));
    store.append("run-1", "dead", new RunStep.Turn(1, Messages.callingTools("mail", "book", "lookup")));
    store.append("run-1", "dead", new RunStep.ToolStarted("toolu_mail"));
    store.append("run-1", "dead", new RunStep.ToolCompleted(Messages.result("mail", "mail sent")));
    store.append("run-1", "dead", new RunStep.ToolStarted("toolu_book"));
    clock.advance(Duration.ofMinutes(1));
    replies.add(Turn.text("Mail sent; the booking may or may not exist."));
    DurableAgent durable =
        durable("alpha", agent(tool("mail", false, false), tool("book", false, false), tool("lookup", false, false)).build());

    DurableResult result = durable.resume("run-1");

    assertThat(result.status()).isEqualTo(RunStatus.DONE);
    assertThat(callsOf("mail")).as("a saved result is not recomputed").isZero();
    assertThat(callsOf("book")).as("an interrupted call that is not idempotent").isZero();
    assertThat(callsOf("lookup")).isEqualTo(1);
    JsonNode results = resultsOfRequest(0);
    assertThat(resultText(results, "toolu_mail")).isEqualTo("mail sent");
    assertThat(resultText(results, "toolu_book")).isEqualTo("error: " + ToolErrorMessages.interrupted());
    assertThat(resultText(results, "toolu_lookup")).isEqualTo("lookup done");
    assertThat(store.find("run-1").orElseThrow().claims()).isEqualTo(1);
  }

  @Test
  void anInterruptedIdempotentCallRunsAgainOnce() {
    store.create("run-1", null, 0, List.of(MessageParam.user("Look")), "dead", Duration.ofSeconds(30));
    store.append("run-1", "dead", new RunStep.Turn(1, Messages.callingTools("lookup")));
    store.append("run-1", "dead", new RunStep.ToolStarted("toolu_lookup"));
    clock.advance(Duration.ofMinutes(1));
    replies.add(Turn.text("Found."));

    DurableResult result = durable("alpha", agent(tool("lookup", true, false)).build()).resume("run-1");

    assertThat(result.text()).isEqualTo("Found.");
    assertThat(callsOf("lookup")).isEqualTo(1);
    assertThat(resultText(resultsOfRequest(0), "toolu_lookup")).isEqualTo("lookup done");
  }

  @Test
  void recoveryTakesOverTheRunsOfADeadInstanceOnce() throws Exception {
    store.create("run-1", null, 0, List.of(MessageParam.user("Look")), "dead", Duration.ofSeconds(30));
    store.create("run-2", null, 0, List.of(MessageParam.user("Look")), "alive", Duration.ofHours(1));
    clock.advance(Duration.ofMinutes(1));
    replies.add(Turn.text("Recovered."));
    DurableAgent rescuer = durable("rescuer", agent().build());

    List<CompletableFuture<DurableResult>> recovered = rescuer.recoverAbandoned();

    assertThat(recovered).hasSize(1);
    DurableResult result = recovered.get(0).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(result.runId()).isEqualTo("run-1");
    assertThat(result.text()).isEqualTo("Recovered.");
    assertThat(rescuer.recoverAbandoned()).isEmpty();
    assertThat(store.find("run-1").orElseThrow().claims()).isEqualTo(1);
    assertThat(store.find("run-2").orElseThrow().owner()).isEqualTo("alive");
  }

  @Test
  void startedRecoveryFindsARunWhoseLastDecisionWasRecorded() throws Exception {
    replies.add(calling("book"));
    CountDownLatch booked = new CountDownLatch(1);
    ToolSpec book =
        ToolSpec.builder("book")
            .description("Books.")
            .inputSchema(Json.parse("{\"type\":\"object\"}"))
            .requiresApproval(true)
            .handler(
                (input, context) -> {
                  booked.countDown();
                  return ToolOutput.text("booked");
                })
            .build();
    DurableAgent first = durable("first", agent(book).build());
    DurableResult waiting = first.start("Book a room");
    replies.add(Turn.text("Booked."));
    DurableAgent fleet = durable("fleet", agent(book).build());
    fleet.startRecovery(Duration.ofSeconds(1));

    first.approve(waiting.runId(), "toolu_book");

    assertThat(booked.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void aCallApprovedOnOneInstanceRunsWhenAnotherResumesTheRun() {
    replies.add(calling("book"));
    replies.add(Turn.text("Booked."));
    ToolSpec book = tool("book", false, true);
    DurableAgent first = durable("first", agent(book).build());
    DurableAgent second = durable("second", agent(book).build());

    DurableResult waiting = first.start("Book a room");
    assertThat(waiting.isAwaitingApproval()).isTrue();
    assertThat(waiting.awaitingApproval()).extracting(call -> call.id()).containsExactly("toolu_book");
    assertThat(store.find(waiting.runId()).orElseThrow().status())
        .isEqualTo(RunStatus.WAITING_FOR_APPROVAL);
    assertThat(callsOf("book")).isZero();

    first.approve(waiting.runId(), "toolu_book");
    DurableResult done = second.resume(waiting.runId());

    assertThat(done.status()).isEqualTo(RunStatus.DONE);
    assertThat(done.text()).isEqualTo("Booked.");
    assertThat(callsOf("book")).isEqualTo(1);
    assertThat(resultText(resultsOfRequest(1), "toolu_book")).isEqualTo("book done");
  }

  @Test
  void aDeniedCallGoesToTheModelWithTheReason() {
    replies.add(calling("book"));
    replies.add(Turn.text("I will not book it."));
    ToolSpec book = tool("book", false, true);
    DurableAgent durable = durable("alpha", agent(book).build());
    DurableResult waiting = durable.start("Book a room");

    durable.deny(waiting.runId(), "toolu_book", "over budget");
    DurableResult done = durable.resume(waiting.runId());

    assertThat(done.text()).isEqualTo("I will not book it.");
    assertThat(callsOf("book")).isZero();
    assertThat(resultText(resultsOfRequest(1), "toolu_book"))
        .isEqualTo("error: " + ToolErrorMessages.denied("over budget"));
  }

  @Test
  void anInstanceWhoseRunWasTakenOverStopsAndWritesNothingMore() throws Exception {
    CountDownLatch toolRunning = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    closing.add(release::countDown);
    ToolSpec slow =
        ToolSpec.builder("slow")
            .description("Waits.")
            .inputSchema(Json.parse("{\"type\":\"object\"}"))
            .handler(
                (input, context) -> {
                  toolRunning.countDown();
                  release.await();
                  return ToolOutput.text("late");
                })
            .build();
    replies.add(calling("slow"));
    DurableAgent first =
        DurableAgent.builder(agent(slow).build(), store).owner("first").lease(Duration.ofSeconds(1)).build();
    closing.add(first);
    CompletableFuture<DurableResult> run = CompletableFuture.supplyAsync(() -> first.start("Go"));
    assertThat(toolRunning.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    String runId = store.list(RunStatus.RUNNING, 10).get(0).runId();

    // Another instance, whose clock is a day ahead, finds the lease expired and takes the run.
    MutableClock later = new MutableClock(clock.instant().plus(Duration.ofDays(1)));
    try (JdbcRunStore elsewhere = database().clock(later).build()) {
      elsewhere.claim(runId, "second", Duration.ofHours(1));
    }
    int stepsAtTakeOver = store.steps(runId).size();

    assertThatThrownBy(() -> run.get(WAIT.toSeconds(), TimeUnit.SECONDS))
        .hasCauseInstanceOf(LeaseLostException.class);
    release.countDown();
    assertThat(store.steps(runId)).hasSize(stepsAtTakeOver);
    assertThat(store.find(runId).orElseThrow().owner()).isEqualTo("second");
  }

  @Test
  void closingAnInstanceHandsItsRunsToAnotherInsteadOfCancellingThem() throws Exception {
    CountDownLatch toolRunning = new CountDownLatch(1);
    ToolSpec slow =
        ToolSpec.builder("slow")
            .description("Waits until stopped.")
            .inputSchema(Json.parse("{\"type\":\"object\"}"))
            .idempotent(true)
            .handler(
                (input, context) -> {
                  calls.computeIfAbsent("slow", n -> new AtomicInteger()).incrementAndGet();
                  if (toolRunning.getCount() > 0) {
                    toolRunning.countDown();
                    new CountDownLatch(1).await(); // Until the instance is closed.
                  }
                  return ToolOutput.text("slow done");
                })
            .build();
    replies.add(calling("slow"));
    DurableAgent leaving = DurableAgent.builder(agent(slow).build(), store).owner("leaving").build();
    CompletableFuture<DurableResult> run = CompletableFuture.supplyAsync(() -> leaving.start("Go"));
    assertThat(toolRunning.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

    leaving.close();

    assertThatThrownBy(() -> run.get(WAIT.toSeconds(), TimeUnit.SECONDS))
        .hasCauseInstanceOf(LeaseLostException.class);
    RunRecord handedOver = store.list(RunStatus.RUNNING, 10).get(0);
    assertThat(handedOver.owner()).isNull();
    replies.add(Turn.text("Finished elsewhere."));
    List<CompletableFuture<DurableResult>> recovered =
        durable("staying", agent(slow).build()).recoverAbandoned();
    assertThat(recovered).hasSize(1);
    assertThat(recovered.get(0).get(WAIT.toSeconds(), TimeUnit.SECONDS).text())
        .isEqualTo("Finished elsewhere.");
    assertThat(callsOf("slow")).as("started here, run again there: it is idempotent").isEqualTo(2);
  }

  @Test
  void aFailedRunIsStoredAsFailed() {
    replies.add(ErrorReply.of(400, "invalid_request_error", "bad request"));
    DurableAgent durable = durable("alpha", agent().build());

    assertThatThrownBy(() -> durable.start("Hi")).isInstanceOf(AgentException.class);

    RunRecord run = store.list(RunStatus.FAILED, 10).get(0);
    assertThat(run.error()).contains("bad request");
    assertThat(run.owner()).isNull();
  }

  @Test
  void aConversationGoesOnFromItsStoredMessages() {
    replies.add(Turn.text("Hello Ada."));
    replies.add(Turn.text("You are Ada."));
    DurableAgent durable = durable("alpha", agent().build());

    durable.chat("conv-1", "I am Ada");
    DurableResult second = durable.chat("conv-1", "Who am I?");

    assertThat(second.text()).isEqualTo("You are Ada.");
    assertThat(claude.requests().get(1).messages()).hasSize(3);
    assertThat(store.conversation("conv-1")).hasSize(4);
  }

  @Test
  void aWindowSendsOnlyTheLastTurnsOfAConversation() {
    replies.add(Turn.text("One."));
    replies.add(Turn.text("Two."));
    replies.add(Turn.text("Three."));
    DurableAgent durable =
        DurableAgent.builder(agent().build(), store).owner("alpha").window(ConversationWindow.lastTurns(1)).build();
    closing.add(durable);

    durable.chat("conv-1", "first");
    durable.chat("conv-1", "second");
    durable.chat("conv-1", "third");

    List<JsonNode> sent = claude.requests().get(2).messages();
    assertThat(sent).hasSize(3);
    assertThat(sent.get(0).get("content").get(0).get("text").asString()).isEqualTo("second");
    assertThat(store.conversation("conv-1")).hasSize(6);
  }
}
