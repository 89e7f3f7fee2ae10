package dev.toolstream.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.toolstream.messages.Message;
import dev.toolstream.testkit.Turn;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** runAsync runs on the executor it is given, or on the library's run threads. */
class RunAsyncTest extends AgentTestSupport {
  private final ExecutorService runner =
      Executors.newSingleThreadExecutor(task -> new Thread(task, "users-runner"));
  private final List<String> calls = new CopyOnWriteArrayList<>();

  @AfterEach
  void stopRunner() {
    runner.shutdownNow();
  }

  /** Records each callback with the name of the thread it came on. */
  private final AgentListener recorder =
      new AgentListener() {
        @Override
        public void onToolResult(ToolExecution execution) {
          record("onToolResult");
        }

        @Override
        public void onTurnComplete(int turn, Message message) {
          record("onTurnComplete");
        }

        @Override
        public void onComplete(AgentResult result) {
          record("onComplete");
        }

        @Override
        public void onError(AgentException error) {
          record("onError " + error.getClass().getSimpleName());
        }

        private void record(String callback) {
          calls.add(callback + " on " + Thread.currentThread().getName());
        }
      };

  @Test
  void theRunAndItsListenersUseTheGivenExecutorsThread() throws Exception {
    enqueue(
        Turn.builder().toolUse("toolu_1", "get_weather", "{\"city\":\"Oslo\"}").build(),
        Turn.text("Sunny."));

    AgentResult result =
        agent(weatherTool())
            .listener(recorder)
            .build()
            .runAsync("Weather?", runner)
            .get(WAIT.toSeconds(), TimeUnit.SECONDS);

    assertThat(result.text()).isEqualTo("Sunny.");
    assertThat(calls)
        .containsExactly(
            "onToolResult on users-runner",
            "onTurnComplete on users-runner",
            "onTurnComplete on users-runner",
            "onComplete on users-runner");
  }

  @Test
  void withoutAnExecutorARunGoesOnTheLibrarysDaemonRunThreads() throws Exception {
    enqueue(Turn.text("Done."));
    CompletableFuture<Thread> thread = new CompletableFuture<>();
    AgentListener threadOfTheRun =
        new AgentListener() {
          @Override
          public void onComplete(AgentResult result) {
            thread.complete(Thread.currentThread());
          }
        };

    agent().listener(threadOfTheRun).build().runAsync("Hi").get(WAIT.toSeconds(), TimeUnit.SECONDS);

    assertThat(thread.get().getName()).startsWith("toolstream-run-");
    assertThat(thread.get().isDaemon()).isTrue();
  }

  @Test
  void aRunCancelledWhileQueuedNeverStartsAndItsListenersHearOfItOnce() {
    enqueue(Turn.text("Never sent."));
    List<Runnable> queue = new ArrayList<>();
    Executor queueing = queue::add;
    CompletableFuture<AgentResult> run =
        agent().listener(recorder).build().runAsync("Hi", queueing);

    run.cancel(true);
    queue.forEach(Runnable::run);

    assertThat(run).isCancelled();
    assertThat(requestCount()).isZero();
    assertThat(calls)
        .containsExactly("onError AgentCancelledException on " + Thread.currentThread().getName());
  }

  @Test
  void aRejectedRunFailsItsFutureAndItsListenersHearOfItOnce() {
    Executor full =
        task -> {
          throw new RejectedExecutionException("queue full");
        };

    CompletableFuture<AgentResult> run = agent().listener(recorder).build().runAsync("Hi", full);

    Throwable thrown = catchThrowable(run::get);
    assertThat(thrown).isInstanceOf(ExecutionException.class);
    assertThat(thrown.getCause())
        .isExactlyInstanceOf(AgentException.class)
        .hasMessageContaining("rejected")
        .hasCauseInstanceOf(RejectedExecutionException.class);
    assertThat(requestCount()).isZero();
    assertThat(calls)
        .containsExactly("onError AgentException on " + Thread.currentThread().getName());
  }

  @Test
  void anExecutorThatFailsToStartTheRunFailsItsFutureAndItsListenersHearOfItOnce() {
    // Not a RejectedExecutionException: an executor of the application's, shut down its own way.
    Executor exhausted =
        task -> {
          throw new IllegalStateException("the pool is shut down");
        };

    CompletableFuture<AgentResult> run =
        agent().listener(recorder).build().runAsync("Hi", exhausted);

    Throwable thrown = catchThrowable(run::get);
    assertThat(thrown).isInstanceOf(ExecutionException.class);
    assertThat(thrown.getCause())
        .isExactlyInstanceOf(AgentException.class)
        .hasMessageContaining("could not start the run")
        .hasCauseInstanceOf(IllegalStateException.class);
    assertThat(requestCount()).isZero();
    assertThat(calls)
        .containsExactly("onError AgentException on " + Thread.currentThread().getName());
  }
}
