package dev.toolstream.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.toolstream.testkit.Turn;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every run ends with exactly one terminal callback: onComplete or onError, whatever ends it. */
class OneTerminalCallbackTest extends AgentTestSupport {
  private final ExecutorService runner = Executors.newSingleThreadExecutor();
  private final Recorder recorder = new Recorder();

  @AfterEach
  void stopRunner() {
    runner.shutdownNow();
  }

  /** Records the terminal callbacks, and the thread the run streams on. */
  static final class Recorder implements AgentListener {
    final List<String> terminals = new CopyOnWriteArrayList<>();
    final CountDownLatch streaming = new CountDownLatch(1);
    volatile Thread streamingThread;

    @Override
    public void onText(String text) {
      streamingThread = Thread.currentThread();
      streaming.countDown();
    }

    @Override
    public void onComplete(AgentResult result) {
      terminals.add("onComplete");
    }

    @Override
    public void onError(AgentException error) {
      terminals.add("onError " + error.getClass().getSimpleName());
    }
  }

  /** Waits until the run's thread has finished everything it was given. */
  private void awaitRunnerIdle() throws InterruptedException {
    runner.shutdown();
    assertThat(runner.awaitTermination(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void aRunThatCompletesGetsOnlyOnComplete() {
    enqueue(Turn.text("Done."));

    agent().listener(recorder).build().run("Hi");

    assertThat(recorder.terminals).containsExactly("onComplete");
  }

  @Test
  void aRunTheApiFailsGetsOnlyOnError() {
    // Nothing queued: the scripted Claude answers 500.
    catchThrowable(() -> agent().listener(recorder).build().run("Hi"));

    assertThat(recorder.terminals).containsExactly("onError AgentException");
  }

  @Test
  void cancellingTheFutureGetsOneOnErrorAndNoOnComplete() throws Exception {
    enqueue(Turn.builder().textDeltas("Thinking about it").stallAfter(3).build());
    CompletableFuture<AgentResult> run = agent().listener(recorder).build().runAsync("Go", runner);
    assertThat(recorder.streaming.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

    run.cancel(true);
    awaitRunnerIdle();

    assertThat(recorder.terminals).containsExactly("onError AgentCancelledException");
  }

  @Test
  void interruptingTheRunsThreadGetsOneOnError() throws Exception {
    enqueue(Turn.builder().textDeltas("Thinking about it").stallAfter(3).build());
    CompletableFuture<AgentResult> run = agent().listener(recorder).build().runAsync("Go", runner);
    assertThat(recorder.streaming.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

    recorder.streamingThread.interrupt();

    Throwable thrown = catchThrowable(() -> run.get(WAIT.toSeconds(), TimeUnit.SECONDS));
    assertThat(thrown).isInstanceOf(ExecutionException.class);
    assertThat(thrown.getCause()).isInstanceOf(AgentCancelledException.class);
    assertThat(recorder.terminals).containsExactly("onError AgentCancelledException");
  }

  @Test
  void theTurnLimitGetsOneOnError() {
    enqueue(Turn.builder().toolUse("toolu_1", "get_weather", "{\"city\":\"Oslo\"}").build());

    catchThrowable(() -> agent(weatherTool()).maxTurns(1).listener(recorder).build().run("Go"));

    assertThat(recorder.terminals).containsExactly("onError TurnLimitException");
  }

  @Test
  void maxTokensInsideAToolCallGetsOneOnError() {
    enqueue(Turn.builder().toolUse("toolu_1", "get_weather", "{").stopReason("max_tokens").build());

    catchThrowable(() -> agent(weatherTool()).listener(recorder).build().run("Go"));

    assertThat(recorder.terminals).containsExactly("onError MaxTokensException");
  }

  @Test
  void aFatalErrorGetsOneOnErrorAndIsThenRethrown() {
    AssertionError error = new AssertionError("broken invariant");
    ToolSpec failing =
        ToolSpec.builder("fail")
            .description("Fails.")
            .inputSchema(json("{\"type\":\"object\"}"))
            .handler(
                (input, context) -> {
                  throw error;
                })
            .build();
    enqueue(Turn.builder().toolUse("toolu_1", "fail", "{}").build());

    Throwable thrown = catchThrowable(() -> agent(failing).listener(recorder).build().run("Go"));

    assertThat(thrown).isSameAs(error);
    assertThat(recorder.terminals).containsExactly("onError AgentException");
  }

  @Test
  void aListenerThatThrowsInOnTextNeitherEndsNorChangesTheRun() {
    enqueue(Turn.text("Done."));
    AgentListener throwing =
        new AgentListener() {
          @Override
          public void onText(String text) {
            throw new IllegalStateException("listener bug");
          }
        };

    AgentResult result = agent().listener(throwing).listener(recorder).build().run("Hi");

    assertThat(result.text()).isEqualTo("Done.");
    assertThat(recorder.streaming.getCount()).as("the next listener still got the text").isZero();
    assertThat(recorder.terminals).containsExactly("onComplete");
  }

  @Test
  void aListenerThatThrowsInOnCompleteLetsTheRunReturnAndTheOthersHearOfIt() {
    enqueue(Turn.text("Done."));
    List<String> throwingTerminals = new CopyOnWriteArrayList<>();
    AgentListener throwing =
        new AgentListener() {
          @Override
          public void onComplete(AgentResult result) {
            throwingTerminals.add("onComplete");
            throw new IllegalStateException("listener bug");
          }

          @Override
          public void onError(AgentException error) {
            throwingTerminals.add("onError");
          }
        };

    AgentResult result = agent().listener(throwing).listener(recorder).build().run("Hi");

    assertThat(result.text()).isEqualTo("Done.");
    assertThat(throwingTerminals).containsExactly("onComplete");
    assertThat(recorder.terminals).containsExactly("onComplete");
  }
}
