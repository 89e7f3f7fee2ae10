package dev.toolstream.examples.weather.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.toolstream.agent.AgentListener;
import dev.toolstream.testkit.ScriptedClaude;
import dev.toolstream.testkit.Turn;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import okhttp3.Response;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The threads a stream runs on: requests on the threads of the factory given, runs on the run
 * executor given, and without either the same threads as before (platform threads of the server's
 * own and the library's run threads).
 */
final class ServerThreadsTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  /** The names of the threads the agent's listener heard the run's text on. */
  private final ConcurrentLinkedQueue<String> textThreads = new ConcurrentLinkedQueue<>();
  private ServedAgent served;

  @AfterEach
  void stop() {
    if (served != null) {
      served.close();
    }
  }

  private void serve(Consumer<WeatherServer.Builder> configure) {
    served =
        ServedAgent.start(
            ScriptedClaude.start(request -> Turn.text("Sunny.")),
            agent ->
                agent.listener(
                    new AgentListener() {
                      @Override
                      public void onText(String text) {
                        textThreads.add(Thread.currentThread().getName());
                      }
                    }),
            configure);
  }

  /** Streams one prompt and returns the names of its events. */
  private List<String> stream() throws Exception {
    try (Response response = served.get("/stream?prompt=Tokyo")) {
      assertThat(response.code()).isEqualTo(200);
      return SseEvents.names(new SseEvents(response.body().source()).remaining());
    }
  }

  /** A factory of daemon platform threads named {@code prefix} and a number, counting them. */
  private static final class NamedThreads implements ThreadFactory {
    private final String prefix;
    private final AtomicInteger made = new AtomicInteger();

    NamedThreads(String prefix) {
      this.prefix = prefix;
    }

    @Override
    public Thread newThread(Runnable task) {
      Thread thread = new Thread(task, prefix + made.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    }
  }

  @Test
  void requestsAreServedOnTheFactorysThreadsAndRunsRunOnTheRunExecutor() throws Exception {
    NamedThreads handlerThreads = new NamedThreads("test-handler-");
    NamedThreads runThreads = new NamedThreads("test-run-");
    ConcurrentLinkedQueue<String> startedFrom = new ConcurrentLinkedQueue<>();
    Executor runs =
        task -> {
          startedFrom.add(Thread.currentThread().getName());
          runThreads.newThread(task).start();
        };
    serve(builder -> builder.threadFactory(handlerThreads).runExecutor(runs));

    assertThat(stream()).containsExactly("text", "turn", "done");

    // The stream's handler, on a thread of the factory, started the run on the executor...
    assertThat(startedFrom)
        .singleElement(InstanceOfAssertFactories.STRING)
        .startsWith("test-handler-");
    // ...and the run, its listeners included, ran on the executor's thread.
    assertThat(textThreads)
        .singleElement(InstanceOfAssertFactories.STRING)
        .startsWith("test-run-");
    assertThat(served.server.awaitIdle(WAIT)).isTrue();
  }

  @Test
  void byDefaultRunsRunOnTheLibrarysRunThreads() throws Exception {
    serve(builder -> {});

    assertThat(stream()).containsExactly("text", "turn", "done");

    assertThat(textThreads)
        .singleElement(InstanceOfAssertFactories.STRING)
        .startsWith("toolstream-run-");
    assertThat(served.server.awaitIdle(WAIT)).isTrue();
  }

  @Test
  void byDefaultRequestsAreServedOnTheServersOwnThreads() throws Exception {
    ConcurrentLinkedQueue<String> startedFrom = new ConcurrentLinkedQueue<>();
    NamedThreads runThreads = new NamedThreads("test-run-");
    serve(
        builder ->
            builder.runExecutor(
                task -> {
                  startedFrom.add(Thread.currentThread().getName());
                  runThreads.newThread(task).start();
                }));

    assertThat(stream()).containsExactly("text", "turn", "done");

    assertThat(startedFrom)
        .singleElement(InstanceOfAssertFactories.STRING)
        .startsWith("weather-server-");
    assertThat(served.server.awaitIdle(WAIT)).isTrue();
  }

  @Test
  void aRunExecutorThatRejectsTheRunEndsTheStreamWithAnError() throws Exception {
    serve(
        builder ->
            builder.runExecutor(
                task -> {
                  throw new RejectedExecutionException("full");
                }));

    assertThat(stream()).containsExactly("error");

    assertThat(served.claude.requests()).isEmpty();
    assertThat(served.server.awaitIdle(WAIT)).isTrue();
  }

  @Test
  void aMissingFactoryOrExecutorIsAClearError() {
    WeatherServer.Builder builder = WeatherServer.builder();

    assertThatThrownBy(() -> builder.threadFactory(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("threadFactory == null");
    assertThatThrownBy(() -> builder.runExecutor(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("runExecutor == null");
  }
}
