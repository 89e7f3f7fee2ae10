package dev.toolstream.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.toolstream.messages.ContentBlock;
import dev.toolstream.messages.Message;
import dev.toolstream.messages.MessageParam;
import dev.toolstream.testkit.Turn;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A run with a journal writes each step before it goes on, on the run's thread, in order. */
class JournaledRunTest extends AgentTestSupport {
  private final ExecutorService pool = Executors.newFixedThreadPool(4);
  private final RecordingJournal journal = new RecordingJournal();

  @AfterEach
  void stopPool() {
    pool.shutdownNow();
  }

  /** Hands calls to the pool, noting each hand-off in the journal's sequence. */
  private final Executor notingExecutor =
      task -> {
        journal.note("submitted");
        pool.execute(task);
      };

  private static ToolSpec tool(String name, ToolHandler handler) {
    return ToolSpec.builder(name)
        .description("A test tool.")
        .inputSchema(json("{\"type\":\"object\"}"))
        .handler(handler)
        .build();
  }

  private static RunState start(String prompt) {
    return RunState.start("run-1", List.of(MessageParam.user(prompt)));
  }

  private void enqueueTwoCallsThenDone() {
    enqueue(
        Turn.builder().toolUse("toolu_a", "slow", "{}").toolUse("toolu_b", "fast", "{}").build(),
        Turn.text("Done."));
  }

  @Test
  void eachStepOfATwoTurnRunIsSavedInOrderAndResultsAsTheyArrive() {
    CountDownLatch fastSaved = new CountDownLatch(1);
    RecordingJournal journal =
        new RecordingJournal() {
          @Override
          public synchronized void toolCompleted(String runId, ContentBlock.ToolResult result) {
            super.toolCompleted(runId, result);
            fastSaved.countDown();
          }
        };
    ToolSpec slow =
        tool(
            "slow",
            (input, context) -> {
              // Answers only after the other call's result is saved: results are saved as they
              // arrive, not in call order.
              fastSaved.await(5, TimeUnit.SECONDS);
              return ToolOutput.text("slow done");
            });
    ToolSpec fast = tool("fast", (input, context) -> ToolOutput.text("fast done"));
    enqueueTwoCallsThenDone();

    AgentResult result =
        agent(slow, fast).toolExecutor(pool).build().resume(start("Go"), journal, null);

    assertThat(result.text()).isEqualTo("Done.");
    assertThat(journal.steps())
        .containsExactly(
            "turnCompleted 1",
            "toolStarted toolu_a",
            "toolStarted toolu_b",
            "toolCompleted toolu_b",
            "toolCompleted toolu_a",
            "turnCompleted 2",
            "runEnded");
    assertThat(journal.ended).isSameAs(result);
  }

  @Test
  void noCallIsHandedToTheExecutorBeforeItsTurnIsSaved() {
    ToolSpec slow = tool("slow", (input, context) -> ToolOutput.text("slow done"));
    ToolSpec fast = tool("fast", (input, context) -> ToolOutput.text("fast done"));
    enqueueTwoCallsThenDone();

    agent(slow, fast).toolExecutor(notingExecutor).build().resume(start("Go"), journal, null);

    assertThat(journal.steps().subList(0, 5))
        .containsExactly(
            "turnCompleted 1", "toolStarted toolu_a", "submitted", "toolStarted toolu_b", "submitted");
  }

  @Test
  void withoutAToolExecutorEachCallStartsAfterTheResultBeforeItIsSaved() {
    ToolSpec slow = tool("slow", (input, context) -> ToolOutput.text("slow done"));
    ToolSpec fast = tool("fast", (input, context) -> ToolOutput.text("fast done"));
    enqueueTwoCallsThenDone();

    agent(slow, fast).build().resume(start("Go"), journal, null);

    assertThat(journal.steps())
        .containsExactly(
            "turnCompleted 1",
            "toolStarted toolu_a",
            "toolCompleted toolu_a",
            "toolStarted toolu_b",
            "toolCompleted toolu_b",
            "turnCompleted 2",
            "runEnded");
  }

  @Test
  void everyStepComesOnTheRunsThreadWithTheStatesRunId() {
    ToolSpec slow = tool("slow", (input, context) -> ToolOutput.text("slow done"));
    ToolSpec fast = tool("fast", (input, context) -> ToolOutput.text("fast done"));
    enqueueTwoCallsThenDone();

    agent(slow, fast).toolExecutor(pool).build().resume(start("Go"), journal, null);

    assertThat(journal.threads).hasSize(7).containsOnly(Thread.currentThread());
    assertThat(journal.runIds).containsOnly("run-1");
  }

  @Test
  void replayingTheSavedStepsGivesTheRunsHistoryAndTurns() {
    ToolSpec slow = tool("slow", (input, context) -> ToolOutput.text("slow done"));
    ToolSpec fast = tool("fast", (input, context) -> ToolOutput.text("fast done"));
    enqueueTwoCallsThenDone();

    AgentResult result =
        agent(slow, fast).toolExecutor(pool).build().resume(start("Go"), journal, null);

    RunState replayed = journal.replay(start("Go"));
    assertThat(replayed.history()).isEqualTo(result.history());
    assertThat(replayed.turnUsage()).isEqualTo(result.turnUsage());
    assertThat(replayed.openCalls()).isEmpty();
  }

  @Test
  void aJournalThatCannotSaveAResultFailsTheRunAndStopsItsOtherCalls() throws Exception {
    CountDownLatch slowStarted = new CountDownLatch(1);
    CountDownLatch slowStopped = new CountDownLatch(1);
    RecordingJournal failing =
        new RecordingJournal() {
          @Override
          public synchronized void toolCompleted(String runId, ContentBlock.ToolResult result) {
            throw new IllegalStateException("disk full");
          }
        };
    ToolSpec slow =
        tool(
            "slow",
            (input, context) -> {
              slowStarted.countDown();
              try {
                new CountDownLatch(1).await(); // Until the run stops it.
                return ToolOutput.text("never");
              } finally {
                slowStopped.countDown();
              }
            });
    // The fast call answers once the slow one runs, so that the failed save has a call to stop.
    ToolSpec fast =
        tool(
            "fast",
            (input, context) -> {
              slowStarted.await(5, TimeUnit.SECONDS);
              return ToolOutput.text("fast done");
            });
    enqueueTwoCallsThenDone();
    Agent agent = agent(slow, fast).toolExecutor(pool).build();

    AgentException e =
        catchThrowableOfType(
            AgentException.class, () -> agent.resume(start("Go"), failing, null));

    assertThat(e)
        .hasMessageStartingWith("could not save the run's checkpoint")
        .hasMessageContaining("disk full");
    assertThat(e.getCause()).hasMessage("disk full");
    assertThat(slowStopped.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(failing.steps()).endsWith("runFailed AgentException");
    assertThat(requestCount()).isEqualTo(1);
  }

  @Test
  void aJournalThatCannotSaveTheTurnRunsNoTool() {
    AtomicInteger calls = new AtomicInteger();
    RecordingJournal failing =
        new RecordingJournal() {
          @Override
          public synchronized void turnCompleted(String runId, int turn, Message message) {
            throw new IllegalStateException("connection lost");
          }
        };
    ToolSpec slow = tool("slow", (input, context) -> ToolOutput.text("n" + calls.incrementAndGet()));
    ToolSpec fast = tool("fast", (input, context) -> ToolOutput.text("n" + calls.incrementAndGet()));
    enqueueTwoCallsThenDone();
    Agent agent = agent(slow, fast).toolExecutor(pool).build();

    AgentException e =
        catchThrowableOfType(
            AgentException.class, () -> agent.resume(start("Go"), failing, null));

    assertThat(e).hasMessageContaining("connection lost");
    assertThat(e.history()).containsExactly(MessageParam.user("Go"));
    assertThat(calls).hasValue(0);
    assertThat(failing.steps()).containsExactly("runFailed AgentException");
  }

  @Test
  void aRefusalIsNotSavedAsATurn() {
    enqueue(Turn.builder().text("I can't help").refusal("cyber", "Malware.").build());

    agent().build().resume(start("Go"), journal, null);

    assertThat(journal.steps()).containsExactly("runEnded");
  }

  @Test
  void maxTokensInsideAToolCallIsNotSavedAsATurn() {
    enqueue(Turn.builder().toolUse("toolu_1", "fast", "{").stopReason("max_tokens").build());
    ToolSpec fast = tool("fast", (input, context) -> ToolOutput.text("fast done"));

    catchThrowableOfType(
        MaxTokensException.class,
        () -> agent(fast).build().resume(start("Go"), journal, null));

    assertThat(journal.steps()).containsExactly("runFailed MaxTokensException");
  }

  @Test
  void aCancelledRunIsSavedAsFailed() throws Exception {
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch saved = new CountDownLatch(1);
    RecordingJournal journal =
        new RecordingJournal() {
          @Override
          public synchronized void runFailed(String runId, AgentException failure) {
            super.runFailed(runId, failure);
            saved.countDown();
          }
        };
    ToolSpec slow =
        tool(
            "slow",
            (input, context) -> {
              running.countDown();
              new CountDownLatch(1).await(); // Until the run stops it.
              return ToolOutput.text("never");
            });
    enqueue(Turn.builder().toolUse("toolu_a", "slow", "{}").build());
    CompletableFuture<AgentResult> run =
        agent(slow).build().resumeAsync(start("Go"), journal, null, pool);
    assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();

    run.cancel(true);

    assertThat(saved.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(journal.steps())
        .containsExactly(
            "turnCompleted 1", "toolStarted toolu_a", "runFailed AgentCancelledException");
    assertThat(catchThrowableOfType(CancellationException.class, run::join)).isNotNull();
  }
}
