package dev.toolstream.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.toolstream.client.MessagesClient;
import dev.toolstream.internal.http.Watchdog;
import dev.toolstream.messages.ContentBlock;
import dev.toolstream.testkit.ScriptedClaude;
import dev.toolstream.testkit.StreamGate;
import dev.toolstream.testkit.Turn;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Interrupting a run's thread ends the run as cancelled, wherever the thread is. */
class InterruptsTest extends AgentTestSupport {
  private final ExecutorService runner = Executors.newSingleThreadExecutor();

  @AfterEach
  void stopRunner() {
    runner.shutdownNow();
  }

  /** Returns a client whose calls interrupt their own thread as they start to connect. */
  private MessagesClient interruptedWhileConnecting() {
    OkHttpClient http =
        new OkHttpClient.Builder()
            .eventListener(
                new EventListener() {
                  @Override
                  public void callStart(Call call) {
                    Thread.currentThread().interrupt();
                  }
                })
            .build();
    return MessagesClient.builder()
        .apiKey("test-key")
        .baseUrl(claude.baseUrl())
        .maxRetries(2)
        .okHttpClient(http)
        .build();
  }

  @Test
  void interruptingARunWhileConnectingEndsItAsCancelled() throws Exception {
    enqueue(Turn.text("Never read."));
    Agent agent = agent().client(interruptedWhileConnecting()).build();

    CompletableFuture<Object> outcome =
        CompletableFuture.supplyAsync(
            () -> {
              Throwable thrown = catchThrowable(() -> agent.run("Go"));
              return new Object[] {thrown, Thread.currentThread().isInterrupted()};
            },
            runner);

    Object[] ended = (Object[]) outcome.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat((Throwable) ended[0]).isInstanceOf(AgentCancelledException.class);
    assertThat((Boolean) ended[1]).as("the thread is still marked interrupted").isTrue();
  }

  @Test
  void eachOfSeveralSilentRunsIsCancelledByItsOwnThreadsInterruptOnly() throws Exception {
    // Three streams, each held after its first delta: the runs' threads sit in socket reads.
    List<StreamGate> gates = List.of(new StreamGate(), new StreamGate(), new StreamGate());
    List<Turn> turns = new ArrayList<>();
    for (StreamGate gate : gates) {
      turns.add(Turn.builder().text("Thinking").hold(gate).text(" done.").build());
    }
    try (ScriptedClaude streamer = ScriptedClaude.start(turns.toArray(new Turn[0]))) {
      Agent agent = agent().client(client(streamer.baseUrl())).build();
      List<Thread> threads = new ArrayList<>();
      List<AtomicReference<Throwable>> thrown = new ArrayList<>();
      for (StreamGate gate : gates) {
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread thread = new Thread(() -> outcome.set(catchThrowable(() -> agent.run("Go"))));
        thread.start();
        assertThat(gate.awaitReached(WAIT)).isTrue();
        threads.add(thread);
        thrown.add(outcome);
      }

      threads.get(0).interrupt();
      threads.get(2).interrupt();
      threads.get(0).join(WAIT.toMillis());
      threads.get(2).join(WAIT.toMillis());
      gates.get(1).open();
      threads.get(1).join(WAIT.toMillis());

      assertThat(thrown.get(0).get()).isInstanceOf(AgentCancelledException.class);
      assertThat(thrown.get(2).get()).isInstanceOf(AgentCancelledException.class);
      assertThat(threads.get(1).isAlive()).isFalse();
      assertThat(thrown.get(1).get()).as("the run nobody interrupted ends as scripted").isNull();
    }
  }

  /** Returns an empty body whose close throws, as a stream's does whose OkHttp listener throws. */
  private static InputStream closeThrows() {
    return new InputStream() {
      @Override
      public int read() {
        return -1;
      }

      @Override
      public void close() {
        throw new IllegalStateException("a close that throws");
      }
    };
  }

  /**
   * The timer that watches the interrupts of all runs outlives a run whose cancel throws on it, as
   * closing the run's stream does when its OkHttp listener throws on the cancel. The runs' threads
   * wait for a lock, which keeps their interrupts: only the watch can see them.
   */
  @Test
  void aRunWhoseCancelThrowsOnTheTimerLeavesLaterRunsWatched() throws Exception {
    RunControl throwing = new RunControl();
    throwing.attach(MessagesClient.streamOf(closeThrows()));
    RunControl later = new RunControl();
    Object held = new Object();
    List<Thread> threads = new ArrayList<>();
    synchronized (held) {
      for (RunControl control : List.of(throwing, later)) {
        CountDownLatch watched = new CountDownLatch(1);
        Thread thread =
            new Thread(
                () -> {
                  try (InterruptWatch.Handle watch = InterruptWatch.watchCurrentThread(control)) {
                    watched.countDown();
                    synchronized (held) {
                      // Waits for the test to let go, interrupted or not.
                    }
                  }
                });
        threads.add(thread);
        thread.start();
        assertThat(watched.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();

        thread.interrupt();

        assertThat(control.stopped()).succeedsWithin(WAIT);
      }
    }
    for (Thread thread : threads) {
      thread.join(WAIT.toMillis());
    }
  }

  @Test
  void aRunWhoseStreamThrowsOnClosingStillAnswersItsPendingToolCallsWhenCancelled() {
    RunControl control = new RunControl();
    control.attach(MessagesClient.streamOf(closeThrows()));
    ToolInvocation pending =
        new ToolInvocation(
            weatherTool(),
            new ContentBlock.ToolUse("toolu_1", "get_weather", json("{}"), null, Map.of()),
            new TurnHistory(List.of()),
            WAIT,
            Watchdog.TIMER,
            control,
            new TurnTrace("run_1", 1, AgentObserver.Run.NONE));
    control.track(pending);

    Throwable thrown = catchThrowable(control::cancel);

    assertThat(thrown).hasMessage("a close that throws");
    assertThat(pending.result()).isDone();
  }

  @Test
  void aRunStartedAfterEveryOtherEndedIsStillWatched() throws Exception {
    enqueue(Turn.text("Done."));
    assertThat(agent().build().run("First").text()).isEqualTo("Done.");
    StreamGate gate = new StreamGate();
    try (ScriptedClaude streamer =
        ScriptedClaude.start(Turn.builder().text("Thinking").hold(gate).text(" done.").build())) {
      Agent agent = agent().client(client(streamer.baseUrl())).build();
      AtomicReference<Throwable> thrown = new AtomicReference<>();
      Thread thread = new Thread(() -> thrown.set(catchThrowable(() -> agent.run("Go"))));

      thread.start();
      assertThat(gate.awaitReached(WAIT)).isTrue();
      thread.interrupt();
      thread.join(WAIT.toMillis());

      assertThat(thrown.get()).isInstanceOf(AgentCancelledException.class);
    }
  }
}
