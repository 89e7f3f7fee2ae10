package dev.toolstream.examples.weather.web;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import dev.toolstream.testkit.ErrorReply;
import dev.toolstream.testkit.RawReply;
import dev.toolstream.testkit.Reply;
import dev.toolstream.testkit.Script;
import dev.toolstream.testkit.ScriptedClaude;
import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

/**
 * A failed run ends with an {@code error} event whose message is written for the person at the
 * page: no class name, URL, address or key, whatever the upstream said; the details go to the log.
 */
final class ErrorEventsTest {
  /** What must never reach the page: class names, URLs, addresses, the key, stack frames. */
  private static final String INTERNALS =
      "(?s).*(Exception|java\\.|okhttp|https?://|\\d+\\.\\d+\\.\\d+\\.\\d+|test-key|\\bat [a-z]+\\.).*";

  private final ListAppender<ILoggingEvent> log = new ListAppender<>();
  private final Logger logger = (Logger) LoggerFactory.getLogger(StreamHandler.class);
  private ServedAgent served;

  @BeforeEach
  void captureTheLog() {
    log.start();
    logger.addAppender(log);
  }

  @AfterEach
  void stop() {
    logger.detachAppender(log);
    if (served != null) {
      served.close();
    }
  }

  /** Upstream failures, each saying internals out loud, and the message the page must show. */
  static Stream<Arguments> failures() {
    String leaky = "test-key rejected by http://10.0.0.7:8080/v1/messages: java.lang.IllegalStateException";
    return Stream.of(
        Arguments.of(
            "401 echoing the key",
            ErrorReply.of(401, "authentication_error", leaky),
            "authentication_error",
            "The server's API key was not accepted. Whoever runs this server should check"
                + " ANTHROPIC_API_KEY."),
        Arguments.of(
            "500 with a stack trace",
            ErrorReply.of(500, "api_error", leaky + "\n\tat com.example.Proxy.call(Proxy.java:1)"),
            "api_error",
            "Claude had a problem answering. Try again in a moment."),
        Arguments.of(
            "a body that is not the API's JSON",
            RawReply.of(502, "text/html", ("<h1>Bad gateway</h1> " + leaky).getBytes()),
            "api_error",
            "Claude had a problem answering. Try again in a moment."),
        Arguments.of(
            "a malformed stream",
            RawReply.eventStream("event: message_start\ndata: {not json " + leaky + "\n\n"),
            "malformed_stream",
            "Claude's reply could not be read. Try again; if it keeps happening, the server's log"
                + " has the details."));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("failures")
  void errorEventsSpeakToAPersonAndNameNoInternals(
      String name, Reply reply, String type, String message) throws IOException {
    served = ServedAgent.start(ScriptedClaude.start(Script.of(reply)), builder -> {});

    SseEvents.Event error = onlyEvent(stream());

    assertThat(error.name()).isEqualTo("error");
    assertThat(error.json().get("type").asString()).isEqualTo(type);
    assertThat(error.json().get("message").asString()).isEqualTo(message);
    assertThat(error.data()).doesNotMatch(INTERNALS);
    assertThat(logged()).contains("A run failed");
  }

  @Test
  void anUnreachableClaudeIsDescribedWithoutItsAddress() throws IOException {
    served = ServedAgent.start(ScriptedClaude.start(Script.of()), builder -> {});
    served.claude.close();

    SseEvents.Event error = onlyEvent(stream());

    assertThat(error.json().get("type").asString()).isEqualTo("connection_error");
    assertThat(error.json().get("message").asString())
        .isEqualTo("Claude could not be reached. Check the network connection and try again.");
    assertThat(error.data()).doesNotMatch(INTERNALS);
    assertThat(logged()).contains("could not reach POST http://127.0.0.1:"); // The detail is logged.
  }

  private List<SseEvents.Event> stream() throws IOException {
    try (Response response = served.get("/stream?prompt=Tokyo%3F")) {
      assertThat(response.code()).isEqualTo(200);
      return SseEvents.parse(response.body().string());
    }
  }

  private static SseEvents.Event onlyEvent(List<SseEvents.Event> events) {
    assertThat(events).hasSize(1);
    return events.get(0);
  }

  private String logged() {
    return log.list.stream()
        .map(
            event ->
                event.getFormattedMessage()
                    + (event.getThrowableProxy() == null
                        ? ""
                        : "\n" + ThrowableProxyUtil.asString(event.getThrowableProxy())))
        .collect(Collectors.joining("\n"));
  }
}
