package dev.toolstream.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.toolstream.agent.AgentException;
import dev.toolstream.agent.ToolOutput;
import dev.toolstream.agent.ToolSpec;
import dev.toolstream.internal.json.Json;
import dev.toolstream.internal.tools.ToolErrorMessages;
import dev.toolstream.messages.MessageParam;
import dev.toolstream.testkit.Turn;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
/**
 * Runs that another instance finishes: after a crash (saved results kept, interrupted calls
 * reported or re-run), after a lost lease, after a shutdown, after a failed save. Run on H2 and
 * PostgreSQL by the subclasses.
 */
abstract class RecoveryContract extends DurableTestSupport {
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
  void aRunWhoseFinalReplyWasSavedEndsWithoutCallingTheModelAgain() {
    store.create("run-1", null, 0, List.of(MessageParam.user("Hi")), "dead", Duration.ofSeconds(30));
    store.append("run-1", "dead", new RunStep.Turn(1, Messages.answer("Hello.")));
    clock.advance(Duration.ofMinutes(1));

    DurableResult result = durable("alpha", agent().build()).resume("run-1");

    assertThat(result.status()).isEqualTo(RunStatus.DONE);
    assertThat(result.text()).isEqualTo("Hello.");
    assertThat(claude.requests()).isEmpty();
    assertThat(store.find("run-1").orElseThrow().status()).isEqualTo(RunStatus.DONE);
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
  void aStepTheStoreCannotSaveFailsTheRunAndLeavesItToRecovery() throws Exception {
    replies.add(calling("mail"));
    RunStore failingOnResults = new FailingStore(store, RunStep.ToolCompleted.class);
    DurableAgent flaky = durable("flaky", agent(tool("mail", false, false)).build(), failingOnResults);

    assertThatThrownBy(() -> flaky.start("Mail it"))
        .isInstanceOf(AgentException.class)
        .hasMessageContaining("could not save");

    RunRecord run = store.list(RunStatus.RUNNING, 10).get(0);
    assertThat(run.owner()).isEqualTo("flaky");
    clock.advance(Duration.ofMinutes(1));
    replies.add(Turn.text("The mail may have gone out."));
    DurableResult recovered =
        durable("rescuer", agent(tool("mail", false, false)).build()).recoverAbandoned().get(0)
            .get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(recovered.text()).isEqualTo("The mail may have gone out.");
    assertThat(callsOf("mail")).isEqualTo(1);
    assertThat(resultText(resultsOfRequest(1), "toolu_mail"))
        .isEqualTo("error: " + ToolErrorMessages.interrupted());
  }

  @Test
  void aRestartedInstanceWithTheSameOwnerIdTakesItsRunBackAtOnce() throws Exception {
    store.create("run-1", null, 0, List.of(MessageParam.user("Look")), "weather@host:8080", Duration.ofSeconds(30));
    replies.add(Turn.text("Recovered."));
    DurableAgent restarted = durable("weather@host:8080", agent().build());

    List<CompletableFuture<DurableResult>> recovered = restarted.recoverAbandoned();

    assertThat(recovered).hasSize(1);
    assertThat(recovered.get(0).get(WAIT.toSeconds(), TimeUnit.SECONDS).text()).isEqualTo("Recovered.");
    assertThat(store.find("run-1").orElseThrow().status()).isEqualTo(RunStatus.DONE);
    assertThat(store.find("run-1").orElseThrow().claims()).isEqualTo(1);
  }

  @Test
  void anotherOwnerIdWaitsForTheLeaseToExpire() throws Exception {
    store.create("run-1", null, 0, List.of(MessageParam.user("Look")), "weather@host:8080", Duration.ofSeconds(30));
    replies.add(Turn.text("Recovered."));
    DurableAgent other = durable("weather@host:8081", agent().build());

    assertThat(other.recoverAbandoned()).as("the lease is live").isEmpty();
    assertThat(store.find("run-1").orElseThrow().owner()).isEqualTo("weather@host:8080");
    clock.advance(Duration.ofSeconds(31));
    List<CompletableFuture<DurableResult>> recovered = other.recoverAbandoned();

    assertThat(recovered).hasSize(1);
    assertThat(recovered.get(0).get(WAIT.toSeconds(), TimeUnit.SECONDS).text()).isEqualTo("Recovered.");
    assertThat(store.find("run-1").orElseThrow().claims()).isEqualTo(1);
  }

  @Test
  void onlyTheFirstRecoveryTakesOwnRunsWithoutWaiting() {
    DurableAgent restarted = durable("weather@host:8080", agent().build());
    assertThat(restarted.recoverAbandoned()).isEmpty();
    // A run created under the same id after the first recovery is a live one of this instance's.
    store.create("run-1", null, 0, List.of(MessageParam.user("Look")), "weather@host:8080", Duration.ofSeconds(30));

    assertThat(restarted.recoverAbandoned()).isEmpty();
    assertThat(store.find("run-1").orElseThrow().claims()).isZero();
  }
}
