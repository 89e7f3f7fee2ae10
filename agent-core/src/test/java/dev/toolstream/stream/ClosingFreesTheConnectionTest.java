package dev.toolstream.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.toolstream.client.MessagesClient;
import dev.toolstream.errors.StreamErrorException;
import dev.toolstream.messages.MessageRequest;
import dev.toolstream.testkit.ScriptedClaude;
import dev.toolstream.testkit.Turn;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A stream that ends, fails or is closed early gives its connection back: no OkHttp call may keep
 * holding one, or a long-running application runs out of connections and logs leak warnings.
 */
class ClosingFreesTheConnectionTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final OkHttpClient http = new OkHttpClient();
  private ScriptedClaude claude;

  @AfterEach
  void stop() {
    if (claude != null) {
      claude.close();
    }
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }

  private MessageStream stream() {
    MessagesClient client =
        MessagesClient.builder().okHttpClient(http).baseUrl(claude.baseUrl()).apiKey("test").build();
    return client.stream(
        MessageRequest.builder().model("claude-sonnet-4-6").maxTokens(1024).addUserMessage("Hi").build());
  }

  private static Turn stalledAfter(int events) {
    return Turn.builder().textDeltas("one ", "two ", "three ", "four").stallAfter(events).build();
  }

  private int connectionsInUse() {
    ConnectionPool pool = http.connectionPool();
    return pool.connectionCount() - pool.idleConnectionCount();
  }

  @Test
  void closingAfterTheFirstEventFreesTheConnectionAndTheServerSeesTheStreamClosed() throws Exception {
    claude = ScriptedClaude.start(stalledAfter(4));
    MessageStream stream = stream();
    Iterator<StreamEvent> events = stream.iterator();
    assertThat(events.next()).isInstanceOf(StreamEvent.MessageStart.class);

    stream.close();

    assertThat(connectionsInUse()).isZero();
    assertThat(claude.awaitClientDisconnect(WAIT)).isTrue();
    assertThat(events.hasNext()).isFalse();
  }

  @Test
  void closingFromAnotherThreadEndsABlockedReadQuietlyAndFreesTheConnection() throws Exception {
    claude = ScriptedClaude.start(stalledAfter(3));
    MessageStream stream = stream();
    CountDownLatch textArrived = new CountDownLatch(1);
    stream.addListener(StreamListener.onText(text -> textArrived.countDown()));
    CompletableFuture<Long> reader =
        CompletableFuture.supplyAsync(() -> stream.events().count()); // Blocks in the stall.
    assertThat(textArrived.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

    stream.close();

    assertThat(reader.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(3); // start, block start, first delta
    assertThat(connectionsInUse()).isZero();
  }

  @Test
  void aStreamThatFailsWithAnErrorEventFreesTheConnection() {
    claude =
        ScriptedClaude.start(
            Turn.builder().textDeltas("one ", "two").errorEventAfter(3, "overloaded_error", "Overloaded").build());
    MessageStream stream = stream();

    assertThatThrownBy(stream::finalMessage).isInstanceOf(StreamErrorException.class);

    assertThat(connectionsInUse()).isZero();
  }

  @Test
  void aStreamReadToItsEndReturnsItsConnectionToThePoolForTheNextRequest() {
    claude = ScriptedClaude.start(Turn.text("first"), Turn.text("second"));

    assertThat(stream().finalMessage().text()).isEqualTo("first");
    assertThat(http.connectionPool().idleConnectionCount()).isEqualTo(1);
    assertThat(stream().finalMessage().text()).isEqualTo("second");

    assertThat(connectionsInUse()).isZero();
    assertThat(http.connectionPool().connectionCount()).isEqualTo(1);
  }

  @Test
  void aThousandEarlyClosesLeaveNoConnectionHeld() {
    Turn[] replies = new Turn[1000];
    java.util.Arrays.fill(replies, stalledAfter(3));
    claude = ScriptedClaude.start(replies);

    for (int i = 0; i < replies.length; i++) {
      try (MessageStream stream = stream()) {
        stream.iterator().next();
      }
      assertThat(connectionsInUse()).as("connections held after close %d", i + 1).isZero();
    }
  }
}
