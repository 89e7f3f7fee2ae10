package dev.toolstream.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.toolstream.agent.AgentException;
import dev.toolstream.agent.AgentListener;
import dev.toolstream.agent.ToolOutput;
import dev.toolstream.agent.ToolSpec;
import dev.toolstream.internal.json.Json;
import dev.toolstream.internal.tools.ToolErrorMessages;
import dev.toolstream.messages.MessageParam;
import dev.toolstream.testkit.ErrorReply;
import dev.toolstream.testkit.Turn;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
/**
 * Durable runs through {@link DurableAgent}, with a scripted Claude: checkpoints, approvals across
 * instances, failures and conversations. Run on H2 and PostgreSQL by the subclasses.
 */
abstract class DurableRunsContract extends DurableTestSupport {
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
  void aQuestionWhileTheConversationsRunWaitsForApprovalIsRefusedAndTheRunGoesOnAfterwards() {
    replies.add(calling("book"));
    ToolSpec book = tool("book", false, true);
    DurableAgent durable = durable("alpha", agent(book).build());
    DurableResult waiting = durable.chat("conv-1", "Book a room");
    assertThat(waiting.isAwaitingApproval()).isTrue();

    assertThatThrownBy(() -> durable.chatAsync("conv-1", "And a taxi?", null))
        .isInstanceOfSatisfying(
            ConversationBusyException.class,
            busy -> {
              assertThat(busy.conversationId()).isEqualTo("conv-1");
              assertThat(busy.run().runId()).isEqualTo(waiting.runId());
            })
        .hasMessageContaining("waiting for approval of [toolu_book]")
        .hasMessageContaining("approve or deny those calls");
    assertThat(store.list(RunStatus.RUNNING, 10)).as("the refused question is not stored").isEmpty();

    replies.add(Turn.text("Booked."));
    durable.approve(waiting.runId(), "toolu_book");
    assertThat(durable.resume(waiting.runId()).text()).isEqualTo("Booked.");
    replies.add(Turn.text("No taxi here."));
    assertThat(durable.chat("conv-1", "And a taxi?").text()).isEqualTo("No taxi here.");
    assertThat(store.conversation("conv-1")).hasSize(6);
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
  void aQuestionAskedAsTheConversationsRunEndsGoesToTheModelAfterThatRunsExchange() {
    List<ConversationWindow> windows =
        List.of(ConversationWindow.all(), ConversationWindow.lastTurns(5));
    for (int i = 0; i < windows.size(); i++) {
      String conversation = "conv-" + i;
      String other = "run-other-" + i;
      // Another instance's run of the conversation ends after this instance looked at the
      // conversation and before it stores its own run, which the store then lets in.
      store.create(other, conversation, 0, List.of(MessageParam.user("I am Ada")), "beta", WAIT);
      RunStore racing =
          beforeFirstCreate(
              store,
              () -> {
                store.append(other, "beta", new RunStep.Turn(1, Messages.answer("Hello Ada.")));
                store.append(other, "beta", new RunStep.Ended(RunStatus.DONE, List.of(), null));
              });
      replies.add(Turn.text("You are Ada."));
      DurableAgent durable =
          DurableAgent.builder(agent().build(), racing)
              .owner("alpha")
              .window(windows.get(i))
              .build();
      closing.add(durable);

      DurableResult answer = durable.chat(conversation, "Who am I?");

      List<JsonNode> sent = claude.requests().get(i).messages();
      assertThat(sent)
          .as("window %s: the model sees the exchange the question follows", windows.get(i))
          .extracting(message -> message.get("content").get(0).get("text").asString())
          .containsExactly("I am Ada", "Hello Ada.", "Who am I?");
      assertThat(answer.result().history()).isEqualTo(store.state(answer.runId()).history());
      assertThat(store.conversation(conversation)).hasSize(4);
    }
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

  @Test
  void chatAsyncStreamsToTheListenerAndStoresTheConversation() throws Exception {
    replies.add(Turn.text("Hello Ada."));
    replies.add(Turn.text("You are Ada."));
    DurableAgent durable = durable("alpha", agent().build());
    List<String> texts = new CopyOnWriteArrayList<>();
    AgentListener listener =
        new AgentListener() {
          @Override
          public void onText(String text) {
            texts.add(text);
          }
        };

    durable.chatAsync("conv-1", "I am Ada", listener).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    DurableResult second =
        durable.chatAsync("conv-1", "Who am I?", listener).get(WAIT.toSeconds(), TimeUnit.SECONDS);

    assertThat(String.join("", texts)).isEqualTo("Hello Ada.You are Ada.");
    assertThat(second.status()).isEqualTo(RunStatus.DONE);
    assertThat(claude.requests().get(1).messages()).hasSize(3);
    assertThat(store.conversation("conv-1")).hasSize(4);
    assertThat(store.find(second.runId()).orElseThrow().status()).isEqualTo(RunStatus.DONE);
  }

  @Test
  void cancellingChatAsyncStoresTheRunAsCancelledAndLeavesTheConversation() throws Exception {
    replies.add(Turn.text("Hello Ada."));
    replies.add(calling("slow"));
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch never = new CountDownLatch(1);
    ToolSpec slow =
        ToolSpec.builder("slow")
            .description("Waits until interrupted.")
            .inputSchema(Json.parse("{\"type\":\"object\"}"))
            .handler(
                (input, context) -> {
                  started.countDown();
                  never.await();
                  return ToolOutput.text("never");
                })
            .build();
    DurableAgent durable = durable("alpha", agent(slow).build());
    durable.chat("conv-1", "I am Ada");

    // The loop saves the cancellation before it tells the listeners: onError means it is stored.
    CountDownLatch ended = new CountDownLatch(1);
    AgentListener endings =
        new AgentListener() {
          @Override
          public void onError(AgentException error) {
            ended.countDown();
          }
        };
    CompletableFuture<DurableResult> run = durable.chatAsync("conv-1", "Wait for me", endings);
    assertThat(started.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    String runId = store.list(RunStatus.RUNNING, 10).get(0).runId();
    run.cancel(true);

    assertThatThrownBy(() -> run.get(WAIT.toSeconds(), TimeUnit.SECONDS))
        .isInstanceOf(CancellationException.class);
    assertThat(ended.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(store.find(runId).orElseThrow().status()).isEqualTo(RunStatus.CANCELLED);
    assertThat(store.conversation("conv-1")).hasSize(2);
    assertThat(store.find(runId).orElseThrow().owner()).isNull();
  }
}
