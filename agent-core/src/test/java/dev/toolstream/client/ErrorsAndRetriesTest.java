package dev.toolstream.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.toolstream.errors.ApiConnectionException;
import dev.toolstream.errors.ApiException;
import dev.toolstream.errors.ApiTimeoutException;
import dev.toolstream.errors.AuthenticationException;
import dev.toolstream.errors.IncompleteStreamException;
import dev.toolstream.errors.MalformedStreamException;
import dev.toolstream.errors.OverloadedException;
import dev.toolstream.errors.RateLimitException;
import dev.toolstream.errors.StreamErrorException;
import dev.toolstream.messages.MessageRequest;
import dev.toolstream.stream.Fixtures;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ErrorsAndRetriesTest {
  private final MockWebServer server = new MockWebServer();
  private final LinkedBlockingQueue<MockResponse> responses = new LinkedBlockingQueue<>();
  private final FakeRetryClock clock = new FakeRetryClock();

  @BeforeEach
  void start() throws Exception {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            MockResponse next = responses.poll(5, TimeUnit.SECONDS);
            return next != null ? next : ApiServer.error(500, "api_error", "no scripted response").build();
          }
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private MessagesClient client(int maxRetries) {
    return MessagesClient.builder()
        .apiKey("sk-ant-very-secret-key")
        .baseUrl(server.url("/").toString())
        .maxRetries(maxRetries)
        .retryClock(clock)
        .build();
  }

  private static MessageRequest request() {
    return MessageRequest.builder().model("claude-sonnet-4-6").maxTokens(64).addUserMessage("Hi").build();
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "400, invalid_request_error, ApiException",
    "401, authentication_error, AuthenticationException",
    "403, permission_error, ApiException",
    "404, not_found_error, ApiException",
    "413, request_too_large, ApiException",
    "429, rate_limit_error, RateLimitException",
    "500, api_error, ApiException",
    "503, api_error, ApiException",
    "529, overloaded_error, OverloadedException",
    "422, invalid_request_error, ApiException",
  })
  void eachErrorStatusHasItsExceptionWithTypeMessageAndRequestId(int status, String type, String exception) {
    responses.add(ApiServer.error(status, type, "it failed").build());
    assertThatThrownBy(() -> client(0).stream(request()).finalMessage())
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.getClass().getSimpleName()).isEqualTo(exception);
              assertThat(e.status()).isEqualTo(status);
              assertThat(e.errorType()).isEqualTo(type);
              assertThat(e.errorMessage()).isEqualTo("it failed");
              assertThat(e.requestId()).isEqualTo("req_err_" + status);
              assertThat(e).hasMessage(status + " " + type + ": it failed (request-id req_err_" + status + ")");
            });
  }

  @ParameterizedTest(name = "{0} is never retried")
  @CsvSource({"400", "401", "403", "404", "413"})
  void clientErrorsAreNeverRetried(int status) {
    responses.add(ApiServer.error(status, "invalid_request_error", "no").build());
    assertThatThrownBy(() -> client(2).create(request())).isInstanceOf(ApiException.class);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @ParameterizedTest(name = "{0} is retried")
  @CsvSource({"408", "409", "429", "500", "502", "529"})
  void transientErrorsAreRetriedThenSucceed(int status) {
    responses.add(ApiServer.error(status, "api_error", "try again").setHeader("retry-after-ms", "10").build());
    responses.add(ApiServer.stream(Fixtures.text("text.sse")));
    assertThat(client(2).stream(request()).finalMessage().text()).startsWith("Quantum");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void overloadedTwiceThenSuccessTakesThreeAttempts() {
    responses.add(ApiServer.error(529, "overloaded_error", "Overloaded").setHeader("retry-after-ms", "5").build());
    responses.add(ApiServer.error(529, "overloaded_error", "Overloaded").setHeader("retry-after-ms", "5").build());
    responses.add(ApiServer.stream(Fixtures.text("text.sse")));
    assertThat(client(2).stream(request()).finalMessage().usage().outputTokens()).isEqualTo(52);
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void retriesStopAtTheConfiguredCount() {
    for (int i = 0; i < 4; i++) {
      responses.add(ApiServer.error(529, "overloaded_error", "Overloaded").setHeader("retry-after-ms", "1").build());
    }
    assertThatThrownBy(() -> client(2).stream(request()).finalMessage()).isInstanceOf(OverloadedException.class);
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void retryAfterMsHeaderDelaysTheRetry() {
    responses.add(ApiServer.error(429, "rate_limit_error", "slow down").setHeader("retry-after-ms", "300").build());
    responses.add(ApiServer.stream(Fixtures.text("text.sse")));
    client(2).stream(request()).finalMessage();
    assertThat(clock.sleeps()).containsExactly(Duration.ofMillis(300));
  }

  @Test
  void retryAfterSecondsHeaderDelaysTheRetry() {
    responses.add(ApiServer.error(429, "rate_limit_error", "slow down").setHeader("retry-after", "1").build());
    responses.add(ApiServer.stream(Fixtures.text("text.sse")));
    client(2).stream(request()).finalMessage();
    assertThat(clock.sleeps()).containsExactly(Duration.ofSeconds(1));
  }

  @Test
  void rateLimitExceptionCarriesTheRetryAfterItWasGiven() {
    responses.add(ApiServer.error(429, "rate_limit_error", "slow down").setHeader("retry-after", "7").build());
    assertThatThrownBy(() -> client(0).create(request()))
        .isInstanceOfSatisfying(RateLimitException.class, e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7)));
  }

  @Test
  void shouldRetryFalseHeaderIsObeyed() {
    responses.add(ApiServer.error(529, "overloaded_error", "Overloaded").setHeader("x-should-retry", "false").build());
    assertThatThrownBy(() -> client(2).create(request())).isInstanceOf(OverloadedException.class);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void shouldRetryTrueHeaderRetriesEvenAClientError() {
    responses.add(ApiServer.error(400, "invalid_request_error", "flaky").setHeader("x-should-retry", "true").setHeader("retry-after-ms", "1").build());
    responses.add(ApiServer.stream(Fixtures.text("text.sse")));
    client(2).stream(request()).finalMessage();
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void spendLimitRateLimitIsNotRetried() {
    responses.add(new MockResponse.Builder().code(429).body(
        "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"spend limit\",\"details\":{\"error_code\":\"spend_limit\"}}}").build());
    assertThatThrownBy(() -> client(2).create(request())).isInstanceOf(RateLimitException.class);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void errorEventMidStreamIsNotRetriedAndKeepsPartialText() {
    responses.add(ApiServer.stream(Fixtures.text("error_midstream.sse")));
    assertThatThrownBy(() -> client(2).stream(request()).finalMessage())
        .isInstanceOfSatisfying(StreamErrorException.class, e -> {
          assertThat(e.errorType()).isEqualTo("overloaded_error");
          assertThat(e.partialMessage().text()).isEqualTo("Partial answer befor");
          assertThat(e.requestId()).isEqualTo("req_stream_1");
        });
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void truncatedStreamIsReportedWithThePartialMessage() {
    String text = Fixtures.text("tool_use.sse");
    responses.add(ApiServer.stream(text.substring(0, text.lastIndexOf("event: content_block_delta"))));
    assertThatThrownBy(() -> client(2).stream(request()).finalMessage())
        .isInstanceOfSatisfying(IncompleteStreamException.class, e -> {
          assertThat(e).hasMessageContaining("ended before message_stop");
          assertThat(e.partialMessage().text()).isNotEmpty();
          assertThat(e.partialMessage().toolUses().get(0).invalidInput()).isNotNull();
        });
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void malformedEventDataIsATypedError() {
    responses.add(ApiServer.stream("event: message_start\ndata: {not json\n\n"));
    assertThatThrownBy(() -> client(0).stream(request()).finalMessage())
        .isInstanceOf(MalformedStreamException.class)
        .hasMessageContaining("not valid JSON");
  }

  @Test
  void connectionFailureIsRetriedThenReported() throws Exception {
    int port = server.getPort();
    server.close();
    MessagesClient offline = MessagesClient.builder().apiKey("sk-ant-very-secret-key")
        .baseUrl("http://127.0.0.1:" + port + "/").maxRetries(1).retryClock(clock).build();
    assertThatThrownBy(() -> offline.create(request()))
        .isInstanceOf(ApiConnectionException.class)
        .hasMessageContaining("after 2 attempts");
  }

  @Test
  void idleTimeoutBetweenBytesIsReported() {
    responses.add(new MockResponse.Builder().code(200).setHeader("content-type", "application/json")
        .body("{}").headersDelay(2, TimeUnit.SECONDS).build());
    MessagesClient impatient = MessagesClient.builder().apiKey("k").baseUrl(server.url("/").toString())
        .maxRetries(0).idleTimeout(Duration.ofMillis(1)).build(); // The real timer: kept tiny
    assertThatThrownBy(() -> impatient.create(request())).isInstanceOf(ApiTimeoutException.class)
        .hasMessageContaining("no byte arrived for 1 ms (idleTimeout)");
  }

  @Test
  void apiKeyNeverAppearsInExceptionsOrToString() {
    responses.add(ApiServer.error(401, "authentication_error", "invalid x-api-key").build());
    MessagesClient client = client(0);
    Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> client.create(request()));
    assertThat(thrown).hasMessageNotContaining("very-secret");
    assertThat(client.toString()).doesNotContain("very-secret").contains("api key");
  }
}
