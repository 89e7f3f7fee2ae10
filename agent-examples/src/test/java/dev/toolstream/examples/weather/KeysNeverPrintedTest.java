package dev.toolstream.examples.weather;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolstream.testkit.ErrorReply;
import dev.toolstream.testkit.Script;
import dev.toolstream.testkit.ScriptedClaude;
import dev.toolstream.testkit.Turn;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Keys with each character a copy-paste can bring along go through the command line and {@code
 * --serve}, against a Claude that echoes the key it received: the key's text appears in none of the
 * output, whatever fails.
 */
final class KeysNeverPrintedTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String KEY = "sk-ant-api03-Zq7XsecretVALUE9876";
  private static final Pattern SERVING = Pattern.compile("serving on (http://\\S+/)");

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final Output err = new Output();
  private final OkHttpClient client = new OkHttpClient();
  private ScriptedClaude claude;
  private Thread serving;

  @AfterEach
  void stop() throws InterruptedException {
    if (serving != null) {
      serving.interrupt();
      serving.join(WAIT.toMillis());
    }
    if (claude != null) {
      claude.close();
    }
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }

  static Stream<Arguments> badKeys() {
    return Stream.of(
        Arguments.of("trailing no-break space", KEY + "\u00a0"),
        Arguments.of("leading byte-order mark", "\ufeff" + KEY),
        Arguments.of("smart quotes", "\u201c" + KEY + "\u201d"),
        Arguments.of("inner newline", "sk-ant-api03-Zq7X\nsecretVALUE9876"),
        Arguments.of("inner carriage return", "sk-ant-api03-Zq7X\rsecretVALUE9876"),
        Arguments.of("tab", "sk-ant-api03-Zq7X\tsecretVALUE9876"),
        Arguments.of("DEL", "sk-ant-api03-Zq7X\u007fsecretVALUE9876"),
        Arguments.of("non-ASCII letter", "sk-ant-api03-Zq7XsecretVAL\u00dcE9876"),
        Arguments.of("zero-width space", "sk-ant-api03-Zq7X\u200bsecretVALUE9876"),
        Arguments.of("inner space", "sk-ant-api03-Zq7X secretVALUE9876"));
  }

  /** Collects stderr and signals when the server says where it is. */
  private static final class Output extends OutputStream {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final CountDownLatch ready = new CountDownLatch(1);

    @Override
    public synchronized void write(int b) {
      bytes.write(b);
      if (b == '\n' && SERVING.matcher(text()).find()) {
        ready.countDown();
      }
    }

    synchronized String text() {
      return bytes.toString(StandardCharsets.UTF_8);
    }
  }

  /** A Claude that refuses every key, quoting back the one it received. */
  private static ScriptedClaude echoingClaude() {
    return ScriptedClaude.start(
        request ->
            ErrorReply.of(
                401,
                "authentication_error",
                "invalid x-api-key: " + request.header("x-api-key")));
  }

  private Map<String, String> env(String key) {
    Map<String, String> env = new HashMap<>();
    env.put("ANTHROPIC_API_KEY", key);
    env.put("ANTHROPIC_BASE_URL", claude.baseUrl());
    env.put("NO_COLOR", "1");
    return env;
  }

  private int run(Map<String, String> env, String... args) {
    return WeatherAgent.run(
        args,
        env::get,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String everything() {
    return out.toString(StandardCharsets.UTF_8) + err.text();
  }

  private static void assertNoKeyIn(String text) {
    assertThat(text).doesNotContain(KEY).doesNotContain("secretVALUE").doesNotContain("Zq7X");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badKeys")
  void aBadKeyIsNeverPrintedByTheCommandLine(String name, String key) {
    claude = echoingClaude();

    int status = run(env(key), "--verbose", "What's the weather in Tokyo?");

    assertThat(status).isIn(Failures.USAGE, Failures.API_ERROR);
    assertThat(err.text()).contains("error: ");
    assertNoKeyIn(everything());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badKeys")
  void aBadKeyIsNeverPrintedByTheServer(String name, String key) throws Exception {
    claude = echoingClaude();
    AtomicInteger status = new AtomicInteger(-1);
    CountDownLatch ended = new CountDownLatch(1);
    serving =
        new Thread(
            () -> {
              status.set(run(env(key), "--serve", "--port", "0"));
              ended.countDown();
              err.ready.countDown();
            },
            "serve-test");
    serving.start();
    assertThat(err.ready.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();

    if (ended.getCount() == 0) {
      assertThat(status.get()).isEqualTo(Failures.USAGE); // Refused at start-up, in words.
      assertThat(err.text()).startsWith("error: the API key has ");
    } else {
      Matcher url = SERVING.matcher(err.text());
      assertThat(url.find()).isTrue();
      String page = get(url.group(1));
      String events = get(url.group(1) + "stream?prompt=Tokyo%3F");
      assertThat(events).contains("event: error\ndata: {\"type\":\"authentication_error\"");
      assertNoKeyIn(page + events);
    }
    assertNoKeyIn(everything());
  }

  @Test
  void aKeyWithANoBreakSpaceIsNeverPrinted() {
    claude = echoingClaude();

    int status = run(env(KEY + "\u00a0"), "What's the weather in Tokyo?");

    assertThat(status).isEqualTo(Failures.API_ERROR);
    assertThat(claude.requests().get(0).header("x-api-key")).isEqualTo(KEY); // Trimmed, and sent.
    assertThat(err.text()).contains("invalid x-api-key: [redacted]");
    assertNoKeyIn(everything());
  }

  @Test
  void aKeyEchoedInAStreamErrorEventIsBlankedOutOfTheCommandLine() {
    // The library passes an error event's message through; the command line still blanks the key.
    claude =
        ScriptedClaude.start(
            Script.of(
                Turn.builder()
                    .text("Let me")
                    .errorEventAfter(3, "api_error", "upstream said: your key is " + KEY)
                    .build()));

    int status = run(env(KEY), "--verbose", "What's the weather in Tokyo?");

    assertThat(status).isEqualTo(Failures.STREAM_ERROR);
    assertThat(err.text()).contains("your key is [redacted]");
    assertNoKeyIn(everything());
  }

  private String get(String url) throws IOException {
    try (Response response = client.newCall(new Request.Builder().url(url).build()).execute()) {
      return response.code() + "\n" + response.headers() + "\n" + response.body().string();
    }
  }
}
