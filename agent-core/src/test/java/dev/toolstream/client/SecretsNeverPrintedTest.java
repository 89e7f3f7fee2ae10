package dev.toolstream.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.toolstream.errors.ApiConnectionException;
import dev.toolstream.errors.ApiException;
import dev.toolstream.errors.AuthenticationException;
import dev.toolstream.errors.StreamErrorException;
import dev.toolstream.stream.Fixtures;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.stream.Stream;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A key or token that cannot be a header value is refused with a message that names the bad
 * character and its position, and the key's text never appears in any exception or toString.
 */
class SecretsNeverPrintedTest {
  private static final String SECRET = "sk-ant-api03-Zq7XsecretVALUE9876";
  /** A piece of the key that no message of ours could contain by chance. */
  private static final String DISTINCTIVE = "secretVALUE9876";

  private final MockWebServer server = new MockWebServer();

  @BeforeEach
  void start() throws Exception {
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** Each bad character, where it sits in the key, and what the message must call it. */
  static Stream<Arguments> badKeys() {
    return Stream.of(
        Arguments.of("no-break space at the end", SECRET + "\u00a0", "a no-break space (U+00A0", 33),
        Arguments.of("smart quote", "\u201c" + SECRET + "\u201d", "a typographic quote (U+201C", 1),
        Arguments.of("inner newline", "sk-ant-api03-Zq7X\nsecretVALUE9876", "a line break (U+000A", 18),
        Arguments.of("inner carriage return", "sk-ant-api03-Zq7X\rsecretVALUE9876", "a line break (U+000D", 18),
        Arguments.of("tab", "sk-ant-api03-Zq7X\tsecretVALUE9876", "a control character (U+0009", 18),
        Arguments.of("DEL", "sk-ant-api03-Zq7X\u007fsecretVALUE9876", "a control character (U+007F", 18),
        Arguments.of("NUL", "sk-ant-api03-Zq7X\u0000secretVALUE9876", "a control character (U+0000", 18),
        Arguments.of("non-ASCII letter", "sk-ant-api03-Zq7Xsécret" + "VALUE9876", "a non-ASCII character (U+00E9", 19),
        Arguments.of("zero-width space", "sk-ant-api03-Zq7X\u200bsecretVALUE9876", "an invisible character (U+200B", 18),
        Arguments.of("inner space", "sk-ant-api03-Zq7X secretVALUE9876", "a space (U+0020", 18),
        Arguments.of("figure space", "sk-ant-api03-Zq7X\u2007secretVALUE9876", "a no-break space (U+2007", 18));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badKeys")
  void aKeyThatCannotBeAHeaderIsRefusedByTheBuilderWithoutBeingPrinted(
      String name, String key, String kind, int position) {
    Throwable refused = catchFrom(() -> MessagesClient.builder().apiKey(key));

    assertThat(refused)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("the API key has " + kind)
        .hasMessageContaining(" at position " + position + " of ");
    assertNoSecretIn(everythingPrintedAbout(refused));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badKeys")
  void aTokenThatCannotBeAHeaderIsRefusedWithoutBeingPrinted(
      String name, String token, String kind, int position) {
    Throwable refused = catchFrom(() -> MessagesClient.builder().authToken(token));

    assertThat(refused)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("the auth token has " + kind);
    assertNoSecretIn(everythingPrintedAbout(refused));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badKeys")
  void aKeyFromTheEnvironmentIsNeverPrinted(String name, String key, String kind, int position) {
    Map<String, String> env =
        Map.of("ANTHROPIC_API_KEY", key, "ANTHROPIC_BASE_URL", server.url("/").toString());

    server.enqueue(ApiServer.stream(Fixtures.text("text.sse")));

    Throwable outcome =
        catchFrom(
            () ->
                MessagesClient.fromEnv(env::get)
                    .build()
                    .stream(MessagesClientTest.request())
                    .finalMessage());

    // Only a bad character at an end is trimmed away, and the key then works; any other is
    // refused before a request is made.
    if (outcome == null) {
      assertThat(server.getRequestCount()).isEqualTo(1);
    } else {
      assertThat(outcome).isInstanceOf(IllegalArgumentException.class);
      assertThat(server.getRequestCount()).isZero();
      assertNoSecretIn(everythingPrintedAbout(outcome));
    }
  }

  @Test
  void aKeyWithANoBreakSpaceIsNeverPrinted() throws Exception {
    server.enqueue(ApiServer.stream(Fixtures.text("text.sse")));
    MessagesClient client =
        MessagesClient.fromEnv(
                Map.of(
                        "ANTHROPIC_API_KEY", SECRET + "\u00a0",
                        "ANTHROPIC_BASE_URL", server.url("/").toString())
                    ::get)
            .build();

    client.stream(MessagesClientTest.request()).finalMessage();

    RecordedRequest recorded = server.takeRequest();
    assertThat(recorded.getHeaders().get("x-api-key")).isEqualTo(SECRET);
    assertNoSecretIn(client.toString());
  }

  @Test
  void fromEnvTrimsEveryKindOfWhitespaceACopyPasteLeaves() throws Exception {
    server.enqueue(ApiServer.stream(Fixtures.text("text.sse")));
    String padded = "\ufeff\u200b\u2007 " + SECRET + "\u00a0\u202f\u2060\u3000\r\n";

    MessagesClient.fromEnv(
            Map.of("ANTHROPIC_AUTH_TOKEN", padded, "ANTHROPIC_BASE_URL", server.url("/").toString())
                ::get)
        .build()
        .stream(MessagesClientTest.request())
        .finalMessage();

    assertThat(server.takeRequest().getHeaders().get("authorization")).isEqualTo("Bearer " + SECRET);
  }

  @Test
  void anErrorEventThatEchoesTheKeyIsRedacted() {
    server.enqueue(
        ApiServer.stream(
            "event: message_start\n"
                + "data: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\","
                + "\"type\":\"message\",\"role\":\"assistant\",\"content\":[],"
                + "\"model\":\"claude-sonnet-4-6\",\"stop_reason\":null,"
                + "\"usage\":{\"input_tokens\":1,\"output_tokens\":1}}}\n\n"
                + "event: error\n"
                + "data: {\"type\":\"error\",\"error\":{\"type\":\"authentication_error\","
                + "\"message\":\"invalid x-api-key: " + SECRET + "\"}}\n\n"));
    MessagesClient client =
        MessagesClient.builder().apiKey(SECRET).baseUrl(server.url("/").toString()).build();

    Throwable failure = catchFrom(() -> client.stream(MessagesClientTest.request()).finalMessage());

    assertThat(failure)
        .isInstanceOf(StreamErrorException.class)
        .hasMessageContaining("invalid x-api-key: [redacted]");
    assertNoSecretIn(everythingPrintedAbout(failure));
  }

  @Test
  void anErrorBodyThatEchoesTheKeyIsRedacted() {
    server.enqueue(
        ApiServer.error(401, "authentication_error", "invalid x-api-key: " + SECRET).build());
    MessagesClient client =
        MessagesClient.builder().apiKey(SECRET).baseUrl(server.url("/").toString()).build();

    Throwable failure = catchFrom(() -> client.create(MessagesClientTest.request()));

    assertThat(failure)
        .isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("invalid x-api-key: [redacted]");
    assertNoSecretIn(((ApiException) failure).errorMessage());
    assertNoSecretIn(everythingPrintedAbout(failure));
  }

  @Test
  void aPasswordInTheBaseUrlIsNeverPrintedWhenTheApiCannotBeReached() throws Exception {
    int closedPort = server.getPort();
    server.close();
    MessagesClient client =
        MessagesClient.builder()
            .apiKey("test-key")
            .baseUrl("http://proxy-user:" + SECRET + "@127.0.0.1:" + closedPort + "/")
            .maxRetries(0)
            .build();

    Throwable failure = catchFrom(() -> client.create(MessagesClientTest.request()));

    assertThat(failure)
        .isInstanceOf(ApiConnectionException.class)
        .hasMessageContaining("http://127.0.0.1:" + closedPort + "/v1/messages");
    assertNoSecretIn(everythingPrintedAbout(failure));
  }

  private static Throwable catchFrom(Runnable action) {
    try {
      action.run();
      return null;
    } catch (RuntimeException e) {
      return e;
    }
  }

  /** Returns what a log line with the exception would show: toString and the whole stack trace. */
  private static String everythingPrintedAbout(Throwable e) {
    StringWriter text = new StringWriter();
    e.printStackTrace(new PrintWriter(text));
    return e + "\n" + text;
  }

  private static void assertNoSecretIn(String text) {
    assertThat(text).doesNotContain(SECRET).doesNotContain(DISTINCTIVE).doesNotContain("Zq7X");
  }
}
