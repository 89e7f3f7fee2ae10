package dev.toolstream.client;

import dev.toolstream.internal.http.RetryClock;
import dev.toolstream.internal.http.RetryingCaller;
import java.time.Duration;

/** Reaches agent-core's package-private test seams from agent-otel's tests. */
public final class ClientSeams {
  private ClientSeams() {}

  /** Makes the client retry at once: its waits between attempts take no time. */
  public static MessagesClient.Builder retryAtOnce(MessagesClient.Builder client) {
    return client.retryClock(
        new RetryClock() {
          @Override
          public long nanoTime() {
            return System.nanoTime();
          }

          @Override
          public void sleep(Duration wait, RetryingCaller.CallHolder holder) {}
        });
  }
}
