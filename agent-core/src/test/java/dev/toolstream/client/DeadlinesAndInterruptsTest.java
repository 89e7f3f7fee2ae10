package dev.toolstream.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.toolstream.errors.ApiTimeoutException;
import dev.toolstream.errors.IncompleteStreamException;
import dev.toolstream.errors.RequestCancelledException;
import dev.toolstream.internal.http.RetryClock;
import dev.toolstream.internal.http.RetryingCaller;
import dev.toolstream.messages.ContentBlock;
import dev.toolstream.messages.MessageRequest;
import dev.toolstream.stream.Fixtures;
import dev.toolstream.stream.MessageStream;
import dev.toolstream.stream.StreamListener;
import dev.toolstream.testkit.ScriptedClaude;
import dev.toolstream.testkit.StreamGate;
import dev.toolstream.testkit.Turn;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.SocketFactory;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The deadline bounds a whole call, retries and waits included; interrupts end calls typed. */
class DeadlinesAndInterruptsTest {
  private final MockWebServer server = new MockWebServer();
  private final FakeRetryClock clock = new FakeRetryClock();
  private final ExecutorService runner = Executors.newSingleThreadExecutor();

  @BeforeEach
  void start() throws Exception {
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
    runner.shutdownNow();
  }

  /** Returns a client of the MockWebServer on {@link #clock}; a test may give another base URL. */
  private MessagesClient.Builder client() {
    return MessagesClient.builder()
        .apiKey("test-key")
        .baseUrl(server.url("/").toString())
        .retryClock(clock);
  }

  private static MessageRequest request() {
    return MessageRequest.builder()
        .model("claude-sonnet-4-6")
        .maxTokens(64)
        .addUserMessage("Hi")
        .build();
  }

  @Test
  void theDeadlineBoundsRetries() {
    for (int i = 0; i < 50; i++) {
      server.enqueue(ApiServer.error(500, "api_error", "storm").build());
    }
    MessagesClient client = client().maxRetries(40).deadline(Duration.ofSeconds(5)).build();

    Throwable thrown = catchThrowable(() -> client.stream(request()).finalMessage());

    assertThat(thrown).isInstanceOf(ApiTimeoutException.class).hasMessageContaining("deadline");
    assertThat(clock.slept()).isLessThanOrEqualTo(Duration.ofSeconds(5));
    assertThat(server.getRequestCount()).isLessThan(10);
  }

  @Test
  void aRetryAfterPastTheDeadlineFailsAtOnceWithApiTimeout() {
    server.enqueue(
        ApiServer.error(429, "rate_limit_error", "slow down")
            .setHeader("retry-after-ms", "20000")
            .build());
    MessagesClient client = client().deadline(Duration.ofSeconds(3)).build();

    Throwable thrown = catchThrowable(() -> client.create(request()));

    assertThat(thrown)
        .isInstanceOf(ApiTimeoutException.class)
        .hasMessageContaining("wait of 20000 ms")
        .hasMessageContaining("deadline of 3000 ms");
    assertThat(clock.sleeps()).isEmpty();
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @ParameterizedTest(name = "retry-after: {0}")
  @ValueSource(strings = {"NaN", "-1", "soon", "Infinity", "1e300", "-Infinity"})
  void anUnusableRetryAfterFallsBackToTheBackoff(String retryAfter) {
    server.enqueue(
        ApiServer.error(529, "overloaded_error", "Overloaded")
            .setHeader("retry-after", retryAfter)
            .build());
    server.enqueue(ApiServer.error(400, "invalid_request_error", "stop here").build());

    catchThrowable(() -> client().maxRetries(1).build().create(request()));

    // The first backoff is 0.5 s less up to 25% jitter.
    assertThat(clock.sleeps())
        .singleElement()
        .satisfies(
            wait ->
                assertThat(wait)
                    .isBetween(Duration.ofMillis(375), Duration.ofMillis(500)));
  }

  @Test
  void aDeadlineThatPassesMidStreamIsAnApiTimeoutWithThePartialMessage() throws Exception {
    // The connection drops after the first delta, by which time the deadline has passed.
    try (ScriptedClaude claude =
        ScriptedClaude.start(Turn.builder().text("Part one.").disconnectAfter(3).build())) {
      MessagesClient client =
          client().baseUrl(claude.baseUrl()).deadline(Duration.ofSeconds(3)).build();
      MessageStream stream =
          client.stream(request()).addListener(new StreamListener() {
            @Override
            public void onText(String text) {
              clock.advance(Duration.ofSeconds(4));
            }
          });

      Throwable thrown = catchThrowable(stream::finalMessage);

      assertThat(thrown).isInstanceOf(ApiTimeoutException.class);
      assertThat(thrown.getCause())
          .isInstanceOfSatisfying(
              IncompleteStreamException.class,
              e -> assertThat(e.partialMessage().text()).isEqualTo("Part one."));
    }
  }

  /** An idle timeout of zero does not mean "none", as OkHttp's does: it is refused at once. */
  @ParameterizedTest(name = "idleTimeout: {0} ms")
  @ValueSource(longs = {0, -1})
  void anIdleTimeoutOfZeroOrLessIsRefused(long millis) {
    Throwable thrown = catchThrowable(() -> client().idleTimeout(Duration.ofMillis(millis)));

    assertThat(thrown)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("idleTimeout must be positive");
  }

  /** A time limit longer than the client keeps counts as the longest it keeps: calls still work. */
  @Test
  void timeLimitsTooLongForOkHttpCountAsTheLongestItKeeps() {
    Duration forever = ChronoUnit.FOREVER.getDuration();
    server.enqueue(ApiServer.stream(Fixtures.text("text.sse")));
    MessagesClient patient =
        client().connectTimeout(forever).idleTimeout(forever).deadline(forever).build();

    assertThat(patient.stream(request()).finalMessage().text()).startsWith("Quantum");
  }

  /**
   * An idle timeout under a millisecond is a limit all the same; OkHttp, whose write timeout it
   * also sets, takes none shorter than a millisecond and refused it at build time.
   */
  @Test
  void anIdleTimeoutUnderAMillisecondIsTaken() {
    assertThatCode(() -> client().idleTimeout(Duration.ofNanos(999_999)).build())
        .doesNotThrowAnyException();
  }

  @Test
  void timeAListenerTakesBetweenReadsIsNotIdleTime() throws Exception {
    try (ScriptedClaude claude =
        ScriptedClaude.start(Turn.builder().text("Part one. ").text("Part two.").build())) {
      MessagesClient client =
          client().baseUrl(claude.baseUrl()).idleTimeout(Duration.ofMillis(10)).build();
      MessageStream stream =
          client.stream(request()).addListener(new StreamListener() {
            @Override
            public void onText(String text) {
              clock.advance(Duration.ofMinutes(1)); // A slow listener, on the reading thread.
            }
          });

      assertThat(stream.finalMessage().text()).isEqualTo("Part one. Part two.");
    }
  }

  @Test
  void aStreamThatGoesQuietMidwayIsCutAtTheIdleTimeoutWithWhatArrived() throws Exception {
    StreamGate gate = new StreamGate();
    try (ScriptedClaude claude =
        ScriptedClaude.start(Turn.builder().text("Part one.").hold(gate).text("Two").build())) {
      MessagesClient client =
          client().baseUrl(claude.baseUrl()).idleTimeout(Duration.ofMillis(10)).build();
      MessageStream stream =
          client.stream(request()).addListener(new StreamListener() {
            @Override
            public void onContentBlock(int index, ContentBlock block) {
              // The server sent all before its hold: the read that waits next waits long.
              clock.tick(Duration.ofMinutes(1));
            }
          });

      Throwable thrown = catchThrowable(stream::finalMessage);

      gate.open();
      assertThat(thrown)
          .isInstanceOfSatisfying(
              IncompleteStreamException.class,
              e -> assertThat(e.partialMessage().text()).isEqualTo("Part one."))
          .hasMessageContaining("no byte arrived for 10 ms (idleTimeout)")
          .hasRootCauseInstanceOf(java.io.IOException.class);
    }
  }

  /**
   * A whole-message call whose body stops coming is cut at the idle timeout as a timeout, as a
   * call whose response never comes is: the server sends the headers and the body's first bytes,
   * then nothing, and time passes only once the headers are in.
   */
  @Test
  void aMessageWhoseBodyGoesQuietIsCutAsATimeout() throws Exception {
    CountDownLatch done = new CountDownLatch(1);
    try (ServerSocket listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CompletableFuture<Void> server =
          CompletableFuture.runAsync(
              () -> {
                try (Socket socket = listening.accept()) {
                  socket.getInputStream().read(new byte[8192]); // The request; it is small.
                  socket.getOutputStream().write(
                      ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                              + "Content-Length: 500\r\n\r\n{\"id\":\"msg_1\",")
                          .getBytes(StandardCharsets.US_ASCII));
                  socket.getOutputStream().flush();
                  done.await(10, TimeUnit.SECONDS); // Until the test has its answer.
                } catch (IOException | InterruptedException e) {
                  throw new IllegalStateException(e);
                }
              });
      MessagesClient client =
          client()
              .baseUrl("http://127.0.0.1:" + listening.getLocalPort() + "/")
              .okHttpClient(
                  new OkHttpClient.Builder()
                      .eventListener(
                          new EventListener() {
                            @Override
                            public void responseHeadersEnd(Call call, okhttp3.Response response) {
                              clock.tick(Duration.ofMinutes(1)); // From here on, waits are long.
                            }
                          })
                      .build())
              .idleTimeout(Duration.ofMillis(10))
              .maxRetries(0)
              .build();

      Throwable thrown = catchThrowable(() -> client.create(request()));

      done.countDown();
      server.join();
      assertThat(thrown)
          .isInstanceOf(ApiTimeoutException.class)
          .hasMessageContaining("no byte arrived for 10 ms (idleTimeout)");
    }
  }

  /**
   * Sending a request is not waiting for a byte: each write to the socket takes a minute of the
   * test's clock, as on a slow uplink, and the server holds its answer until the timer has looked
   * at the call since the request arrived, which would cut it then if the sending counted.
   */
  @Test
  void timeSpentSendingTheRequestIsNotIdleTime() throws Exception {
    CountDownLatch requestArrived = new CountDownLatch(1);
    CountDownLatch timerLooked = new CountDownLatch(1);
    RetryClock watchedClock =
        new RetryClock() {
          @Override
          public long nanoTime() {
            if (requestArrived.getCount() == 0
                && Thread.currentThread().getName().equals("toolstream-watchdog")) {
              timerLooked.countDown();
            }
            return clock.nanoTime();
          }

          @Override
          public void sleep(Duration wait, RetryingCaller.CallHolder holder) {
            clock.sleep(wait, holder);
          }
        };
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            requestArrived.countDown();
            timerLooked.await(5, TimeUnit.SECONDS);
            return ApiServer.stream(Fixtures.text("text.sse"));
          }
        });
    MessagesClient client =
        client()
            .okHttpClient(new OkHttpClient.Builder().socketFactory(slowUplink()).build())
            .retryClock(watchedClock)
            .idleTimeout(Duration.ofMillis(10))
            .maxRetries(0)
            .build();

    String text = client.stream(request()).finalMessage().text();

    assertThat(timerLooked.getCount()).as("the timer looked while the answer was held").isZero();
    assertThat(text).startsWith("Quantum");
  }

  /** Returns a factory of sockets each of whose writes takes a minute of {@link #clock}'s time. */
  private SocketFactory slowUplink() {
    return new SocketFactory() {
      @Override
      public Socket createSocket() {
        return new Socket() {
          @Override
          public OutputStream getOutputStream() throws IOException {
            OutputStream out = super.getOutputStream();
            return new FilterOutputStream(out) {
              @Override
              public void write(byte[] bytes, int offset, int length) throws IOException {
                clock.advance(Duration.ofMinutes(1));
                out.write(bytes, offset, length);
              }
            };
          }
        };
      }

      @Override
      public Socket createSocket(String host, int port) {
        throw new UnsupportedOperationException("OkHttp connects an unconnected socket");
      }

      @Override
      public Socket createSocket(String host, int port, InetAddress local, int localPort) {
        throw new UnsupportedOperationException("OkHttp connects an unconnected socket");
      }

      @Override
      public Socket createSocket(InetAddress host, int port) {
        throw new UnsupportedOperationException("OkHttp connects an unconnected socket");
      }

      @Override
      public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort) {
        throw new UnsupportedOperationException("OkHttp connects an unconnected socket");
      }
    };
  }

  /**
   * The one test here on OkHttp's own timer, which reads no injected clock: a stalled socket is
   * timed out by it. The deadline is a millisecond, so the test waits for nothing, and it holds for
   * any machine speed: whether the deadline passes while connecting or while the stream stalls,
   * the outcome is the same exception.
   */
  @Test
  void aStalledStreamEndsAtTheDeadlineWithApiTimeout() throws Exception {
    StreamGate gate = new StreamGate();
    try (ScriptedClaude claude =
        ScriptedClaude.start(Turn.builder().text("Part one.").hold(gate).text("Two").build())) {
      MessagesClient client =
          MessagesClient.builder()
              .apiKey("test-key")
              .baseUrl(claude.baseUrl())
              .deadline(Duration.ofMillis(1))
              .build();

      Throwable thrown = catchThrowable(() -> client.stream(request()).finalMessage());

      gate.open();
      assertThat(thrown).isInstanceOf(ApiTimeoutException.class);
    }
  }

  @Test
  void anInterruptWhileConnectingIsARequestCancelledExceptionNeverAChecked() throws Exception {
    server.enqueue(ApiServer.stream("event: ping\ndata: {\"type\":\"ping\"}\n\n"));
    OkHttpClient interrupting =
        new OkHttpClient.Builder()
            .eventListener(
                new EventListener() {
                  @Override
                  public void callStart(Call call) {
                    Thread.currentThread().interrupt();
                  }
                })
            .build();
    MessagesClient client = client().okHttpClient(interrupting).build();

    CompletableFuture<Object[]> outcome =
        CompletableFuture.supplyAsync(
            () -> {
              Throwable thrown = catchThrowable(() -> client.stream(request()).finalMessage());
              return new Object[] {thrown, Thread.interrupted()};
            },
            runner);

    Object[] ended = outcome.get(5, TimeUnit.SECONDS);
    assertThat((Throwable) ended[0]).isInstanceOf(RequestCancelledException.class);
    assertThat((Boolean) ended[1]).as("the interrupt status is kept").isTrue();
  }
}
