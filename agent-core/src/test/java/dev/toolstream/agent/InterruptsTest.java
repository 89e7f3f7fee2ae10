package dev.toolstream.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.toolstream.client.MessagesClient;
import dev.toolstream.testkit.Turn;
import java.util.concurrent.CompletableFuture;
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
}
