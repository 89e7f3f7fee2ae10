package dev.toolstream.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolstream.messages.ContentBlock;
import dev.toolstream.testkit.Turn;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A tool's timeout answers its call at once and never cancels or holds up the run. */
class ToolTimeoutsTest extends AgentTestSupport {
  private final CountDownLatch release = new CountDownLatch(1);
  private final ExecutorService runner = Executors.newSingleThreadExecutor();
  private final TimeoutsFireAtOnce timer = new TimeoutsFireAtOnce();

  @AfterEach
  void releaseHandlers() {
    release.countDown();
    runner.shutdownNow();
    timer.shutdownNow();
  }

  private static ToolSpec tool(Duration timeout, ToolHandler handler) {
    return ToolSpec.builder("slow")
        .description("A tool of the test.")
        .inputSchema(json("{\"type\":\"object\"}"))
        .timeout(timeout)
        .handler(handler)
        .build();
  }

  /** Runs {@code agent} on "Go" on another thread and returns its result, failing if it hangs. */
  private AgentResult runGuarded(Agent agent) throws Exception {
    CompletableFuture<AgentResult> run = CompletableFuture.supplyAsync(() -> agent.run("Go"), runner);
    return run.get(WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  private String sentToolResult() throws InterruptedException {
    nextRequestBody();
    JsonNode result = nextRequestBody().get("messages").get(2).get("content").get(0);
    assertThat(result.get("is_error").asBoolean()).isTrue();
    return result.get("content").asString();
  }

  @Test
  void aToolTimeoutNeverCancelsTheRun() throws Exception {
    // The handler keeps its interrupt set and goes on: on the run's own thread, that would read
    // as the run being interrupted.
    ToolSpec keepsTheInterrupt =
        tool(
            Duration.ofMillis(50),
            (input, context) -> {
              while (release.getCount() > 0) {
                Thread.onSpinWait();
              }
              return ToolOutput.text("late");
            });
    enqueue(Turn.builder().toolUse("toolu_1", "slow", "{}").build(), Turn.text("Done."));

    AgentResult result = runGuarded(agent(keepsTheInterrupt).timer(timer).build());

    assertThat(result.text()).isEqualTo("Done.");
    assertThat(sentToolResult()).isEqualTo("Tool slow timed out after 50 ms and was stopped.");
  }

  @Test
  void aTimedOutHandlerThatIgnoresInterruptsDoesNotHoldUpTheRun() throws Exception {
    CountDownLatch interrupted = new CountDownLatch(1);
    ToolSpec ignoresInterrupts =
        tool(
            Duration.ofMillis(50),
            (input, context) -> {
              while (true) {
                try {
                  release.await();
                  return ToolOutput.text("late");
                } catch (InterruptedException ignored) {
                  interrupted.countDown();
                }
              }
            });
    enqueue(Turn.builder().toolUse("toolu_1", "slow", "{}").build(), Turn.text("Done."));

    AgentResult result = runGuarded(agent(ignoresInterrupts).timer(timer).build());

    assertThat(result.text()).isEqualTo("Done.");
    assertThat(sentToolResult()).contains("timed out after 50 ms");
    assertThat(interrupted.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void withoutAnExecutorCallsRunOneAtATimeInOrderOffTheRunsThread() throws Exception {
    List<String> calls = new CopyOnWriteArrayList<>();
    AtomicInteger running = new AtomicInteger();
    AtomicInteger mostAtOnce = new AtomicInteger();
    ToolSpec recording =
        tool(
            Duration.ofMinutes(1),
            (input, context) -> {
              mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
              calls.add(context.toolUseId() + "@" + Thread.currentThread().getName());
              running.decrementAndGet();
              return ToolOutput.text("ok");
            });
    enqueue(
        Turn.builder().toolUse("toolu_a", "slow", "{}").toolUse("toolu_b", "slow", "{}").build(),
        Turn.text("Done."));

    agent(recording).build().run("Go");

    assertThat(mostAtOnce).hasValue(1);
    assertThat(calls).hasSize(2);
    assertThat(calls.get(0)).startsWith("toolu_a@toolstream-tool-");
    assertThat(calls.get(1)).startsWith("toolu_b@toolstream-tool-");
  }

  @Test
  void aCallTheExecutorRejectsRunsOnTheLibrarysThreadsNotTheRunsThread() throws Exception {
    List<String> threads = new CopyOnWriteArrayList<>();
    ToolSpec recording =
        tool(
            Duration.ofMinutes(1),
            (input, context) -> {
              threads.add(Thread.currentThread().getName());
              return ToolOutput.text("ok");
            });
    Executor rejecting =
        task -> {
          throw new RejectedExecutionException("full");
        };
    enqueue(Turn.builder().toolUse("toolu_1", "slow", "{}").build(), Turn.text("Done."));

    agent(recording).toolExecutor(rejecting).build().run("Go");

    assertThat(threads).singleElement().asString().startsWith("toolstream-tool-");
  }

  @Test
  void aTimeoutTooLongToCountInNanosecondsNeverEndsTheCall() throws Exception {
    ToolSpec patient =
        tool(ChronoUnit.FOREVER.getDuration(), (input, context) -> ToolOutput.text("ready"));
    enqueue(Turn.builder().toolUse("toolu_1", "slow", "{}").build(), Turn.text("Done."));

    AgentResult result = runGuarded(agent(patient).build());

    assertThat(result.text()).isEqualTo("Done.");
    nextRequestBody();
    JsonNode sent = nextRequestBody().get("messages").get(2).get("content").get(0);
    assertThat(sent.path("is_error").asBoolean()).isFalse();
    assertThat(sent.get("content").toString()).contains("ready");
  }

  @Test
  void aTimerThatRefusesTheCallsTimeoutAnswersTheCallInsteadOfHangingTheRun() {
    ScheduledExecutorService shutDown = Executors.newSingleThreadScheduledExecutor();
    shutDown.shutdown();
    AtomicInteger called = new AtomicInteger();
    ToolInvocation invocation =
        new ToolInvocation(
            tool(WAIT, (input, context) -> ToolOutput.text("ran " + called.incrementAndGet())),
            new ContentBlock.ToolUse("toolu_1", "slow", json("{}"), null, Map.of()),
            new TurnHistory(List.of()),
            WAIT,
            shutDown,
            new RunControl(),
            new TurnTrace("run_1", 1, AgentObserver.Run.NONE));

    invocation.run();

    assertThat(invocation.result()).isCompleted();
    assertThat(invocation.result().join().isError()).isTrue();
    assertThat(called).hasValue(0);
  }
}
