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

/**
 * An {@link Error} from a handler stops the run, reaches the listeners as an AgentException's
 * cause and is rethrown unwrapped; whatever a handler does, the run never hangs.
 */
class FatalErrorsTest extends AgentTestSupport {
  private final ExecutorService executor = Executors.newFixedThreadPool(4);
  private final CountDownLatch release = new CountDownLatch(1);
  private final List<AgentException> errors = new CopyOnWriteArrayList<>();
  private final CountDownLatch ended = new CountDownLatch(1);

  @AfterEach
  void stopExecutor() {
    release.countDown();
    executor.shutdownNow();
  }

  private final AgentListener recorder =
      new AgentListener() {
        @Override
        public void onError(AgentException error) {
          errors.add(error);
          ended.countDown();
        }
      };

  private static ToolSpec tool(String name, ToolHandler handler) {
    return ToolSpec.builder(name)
        .description("A tool of the test.")
        .inputSchema(json("{\"type\":\"object\"}"))
        .handler(handler)
        .build();
  }

  private static ToolSpec throwing(AssertionError error) {
    return tool(
        "fail",
        (input, context) -> {
          throw error;
        });
  }

  /** A tool that keeps going until the test ends, whatever interrupts it. */
  private ToolSpec stubborn(CountDownLatch started) {
    return tool(
        "stubborn",
        (input, context) -> {
          started.countDown();
          while (true) {
            try {
              release.await();
              return ToolOutput.text("released");
            } catch (InterruptedException ignored) {
              // It does not stop.
            }
          }
        });
  }

  @Test
  void aHandlerThatThrowsAnErrorNeverHangsTheRun() throws Exception {
    AssertionError error = new AssertionError("broken invariant");
    enqueue(Turn.builder().toolUse("toolu_1", "fail", "{}").build());

    CompletableFuture<AgentResult> run =
        agent(throwing(error)).toolExecutor(executor).build().runAsync("Go");

    Throwable thrown = catchThrowable(() -> run.get(WAIT.toSeconds(), TimeUnit.SECONDS));
    assertThat(thrown).isInstanceOf(ExecutionException.class).hasCause(error);
  }

  @Test
  void aHandlerThatThrowsAThrowableOfItsOwnIsAnsweredAsFailed() throws Exception {
    enqueue(Turn.builder().toolUse("toolu_1", "odd", "{}").build(), Turn.text("Done."));
    ToolSpec odd =
        tool(
            "odd",
            (input, context) -> {
              throw FatalErrorsTest.<RuntimeException>sneaky(new Throwable("neither kind"));
            });

    CompletableFuture<AgentResult> run = agent(odd).build().runAsync("Go");

    assertThat(run.get(WAIT.toSeconds(), TimeUnit.SECONDS).text()).isEqualTo("Done.");
    nextRequestBody();
    assertThat(nextRequestBody().get("messages").get(2).get("content").get(0).get("content").asString())
        .isEqualTo("Tool odd failed: neither kind");
  }

  @SuppressWarnings("unchecked")
  private static <T extends Throwable> T sneaky(Throwable t) throws T {
    throw (T) t;
  }

  @Test
  void anErrorFromAHandlerIsRethrownUnwrappedAfterOnError() {
    AssertionError error = new AssertionError("broken invariant");
    enqueue(Turn.builder().toolUse("toolu_1", "fail", "{}").build());

    Throwable thrown =
        catchThrowable(() -> agent(throwing(error)).listener(recorder).build().run("Go"));

    assertThat(thrown).isSameAs(error);
    assertThat(errors).hasSize(1);
    assertThat(errors.get(0)).isExactlyInstanceOf(AgentException.class).hasCause(error);
    assertThat(errors.get(0).history()).hasSize(1);
  }

  @Test
  void anErrorFromAHandlerOnAnExecutorIsRethrownUnwrappedAfterOnError() throws Exception {
    AssertionError error = new AssertionError("broken invariant");
    enqueue(Turn.builder().toolUse("toolu_1", "fail", "{}").build());
    Agent agent = agent(throwing(error)).toolExecutor(executor).listener(recorder).build();

    CompletableFuture<AgentResult> run =
        CompletableFuture.supplyAsync(() -> agent.run("Go"), executor);

    Throwable thrown = catchThrowable(() -> run.get(WAIT.toSeconds(), TimeUnit.SECONDS));
    assertThat(thrown).isInstanceOf(ExecutionException.class).hasCause(error);
    assertThat(errors).singleElement().satisfies(e -> assertThat(e).hasCause(error));
  }

  @Test
  void anErrorFromAHandlerCancelsTheRunsOtherCalls() throws Exception {
    AssertionError error = new AssertionError("broken invariant");
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    ToolSpec waiting =
        tool(
            "wait",
            (input, context) -> {
              started.countDown();
              try {
                release.await();
              } catch (InterruptedException e) {
                interrupted.countDown();
              }
              return ToolOutput.text("done");
            });
    ToolSpec failsOnceTheOtherRuns =
        tool(
            "fail",
            (input, context) -> {
              started.await();
              throw error;
            });
    enqueue(
        Turn.builder().toolUse("toolu_1", "wait", "{}").toolUse("toolu_2", "fail", "{}").build());

    CompletableFuture<AgentResult> run =
        agent(waiting, failsOnceTheOtherRuns).toolExecutor(executor).build().runAsync("Go");

    Throwable thrown = catchThrowable(() -> run.get(WAIT.toSeconds(), TimeUnit.SECONDS));
    assertThat(thrown).isInstanceOf(ExecutionException.class).hasCause(error);
    assertThat(interrupted.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(requestCount()).isEqualTo(1);
  }

  @Test
  void cancellingARunEndsItWhileAHandlerIgnoresInterrupts() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    enqueue(Turn.builder().toolUse("toolu_1", "stubborn", "{}").build());

    CompletableFuture<AgentResult> run =
        agent(stubborn(started)).listener(recorder).build().runAsync("Go");
    assertThat(started.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    run.cancel(true);

    assertThat(ended.await(WAIT.toSeconds(), TimeUnit.SECONDS))
        .as("the run's thread ends without waiting for the handler")
        .isTrue();
    assertThat(errors).singleElement().isInstanceOf(AgentCancelledException.class);
  }

  @Test
  void cancellingARunEndsItWhenAHandlerThrewAnErrorOnAnExecutor() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    AssertionError error = new AssertionError("broken invariant");
    ToolSpec failsAfterTheOther =
        tool(
            "fail",
            (input, context) -> {
              started.await();
              throw error;
            });
    enqueue(
        Turn.builder()
            .toolUse("toolu_1", "fail", "{}")
            .toolUse("toolu_2", "stubborn", "{}")
            .build());

    CompletableFuture<AgentResult> run =
        agent(stubborn(started), failsAfterTheOther)
            .toolExecutor(executor)
            .listener(recorder)
            .build()
            .runAsync("Go");
    assertThat(started.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    run.cancel(true);

    assertThat(ended.await(WAIT.toSeconds(), TimeUnit.SECONDS))
        .as("no thread is left waiting for the calls")
        .isTrue();
    assertThat(errors).hasSize(1);
  }
}
