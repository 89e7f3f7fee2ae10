package dev.toolstream.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.toolstream.errors.MalformedStreamException;
import dev.toolstream.messages.MessageRequest;
import dev.toolstream.stream.Fixtures;
import dev.toolstream.stream.StreamLimits;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** newBuilder() derives a client that keeps every setting it does not change. */
class DerivedClientTest {
  private final MockWebServer first = new MockWebServer();
  private final MockWebServer second = new MockWebServer();
  private final FakeRetryClock clock = new FakeRetryClock();

  @BeforeEach
  void start() throws Exception {
    first.start();
    second.start();
  }

  @AfterEach
  void stop() {
    first.close();
    second.close();
  }

  private static MessageRequest request() {
    return MessageRequest.builder()
        .model("claude-sonnet-4-6")
        .maxTokens(64)
        .addUserMessage("Hi")
        .build();
  }

  @Test
  void aDerivedClientKeepsKeyBetasRetriesAndRetryClockAndTheOriginalIsUnchanged() throws Exception {
    MessagesClient original =
        MessagesClient.builder()
            .apiKey("sk-test-derived")
            .baseUrl(first.url("/").toString())
            .addBeta("files-api-2025-04-14")
            .maxRetries(1)
            .retryClock(clock)
            .build();
    second.enqueue(ApiServer.error(500, "api_error", "try again").build());
    second.enqueue(ApiServer.stream(Fixtures.text("text.sse")));
    first.enqueue(ApiServer.stream(Fixtures.text("text.sse")));

    MessagesClient derived = original.newBuilder().baseUrl(second.url("/").toString()).build();
    derived.stream(request()).finalMessage();
    original.stream(request()).finalMessage();

    assertThat(second.getRequestCount()).as("one retry, as the original allows").isEqualTo(2);
    assertThat(clock.sleeps()).as("the retry waited on the original's clock").hasSize(1);
    second.takeRequest();
    RecordedRequest retried = second.takeRequest();
    assertThat(retried.getHeaders().get("x-api-key")).isEqualTo("sk-test-derived");
    assertThat(retried.getHeaders().get("anthropic-beta")).isEqualTo("files-api-2025-04-14");
    assertThat(first.getRequestCount()).as("the original still goes to its own URL").isEqualTo(1);
  }

  @Test
  void aDerivedClientKeepsTheStreamLimits() {
    MessagesClient original =
        MessagesClient.builder()
            .apiKey("sk-test-derived")
            .baseUrl(first.url("/").toString())
            .limits(StreamLimits.builder().maxContentBlocks(1).build())
            .build();
    second.enqueue(ApiServer.stream(Fixtures.text("parallel_tools.sse")));

    MessagesClient derived = original.newBuilder().baseUrl(second.url("/").toString()).build();

    assertThatThrownBy(() -> derived.stream(request()).finalMessage())
        .isInstanceOf(MalformedStreamException.class)
        .hasMessageContaining("maxContentBlocks");
  }
}
