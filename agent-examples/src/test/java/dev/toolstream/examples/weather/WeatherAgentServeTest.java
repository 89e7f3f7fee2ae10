package dev.toolstream.examples.weather;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolstream.testkit.ErrorReply;
import dev.toolstream.testkit.ScriptedClaude;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code weather-agent --serve}: the command line's agent, served until the thread is stopped. */
final class WeatherAgentServeTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final Pattern SERVING = Pattern.compile("serving on (http://\\S+/)");

  private final Output err = new Output();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final OkHttpClient client = new OkHttpClient();
  private final AtomicInteger status = new AtomicInteger(-1);
  private Thread serving;
  @TempDir Path storeFolder;

  @AfterEach
  void stop() throws InterruptedException {
    if (serving != null) {
      serving.interrupt();
      serving.join(WAIT.toMillis());
    }
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }

  /** Collects stderr and lets the test wait for the "serving on" line. */
  private static final class Output extends OutputStream {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final CountDownLatch serving = new CountDownLatch(1);

    @Override
    public synchronized void write(int b) {
      bytes.write(b);
      if (b == '\n' && SERVING.matcher(text()).find()) {
        serving.countDown();
      }
    }

    synchronized String text() {
      return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Waits for the server to say where it is and returns that URL. */
    String awaitUrl() throws InterruptedException {
      assertThat(serving.await(WAIT.toMillis(), TimeUnit.MILLISECONDS))
          .as("stderr says where it serves: %s", text())
          .isTrue();
      Matcher matcher = SERVING.matcher(text());
      assertThat(matcher.find()).isTrue();
      return matcher.group(1);
    }
  }

  /** Runs the command line; a server keeps its conversations in this test's own H2 file. */
  private int run(Function<String, String> env, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    if (all.contains("--serve")) {
      all.addAll(List.of("--store", "jdbc:h2:file:" + storeFolder.resolve("runs")));
    }
    return WeatherAgent.run(
        all.toArray(String[]::new),
        env,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String serve(Function<String, String> env) throws InterruptedException {
    serving = new Thread(() -> status.set(run(env, "--serve", "--port", "0")), "serve-test");
    serving.start();
    return err.awaitUrl();
  }

  private String get(String url) throws IOException {
    try (Response response = client.newCall(new Request.Builder().url(url).build()).execute()) {
      assertThat(response.code()).isEqualTo(200);
      return response.body().string();
    }
  }

  @Test
  void servesThePageAndStreamsTheSimulatedAgent() throws Exception {
    String url = serve(name -> null);

    assertThat(get(url))
        .contains("<title>Weather agent</title>")
        .as("the person at the page is told the weather is made up, as stderr tells the console")
        .contains(
            "<p id=\"notice\" class=\"notice pending\">Simulated: no API key is set, so"
                + " Claude&#39;s answers are scripted and the weather is made up");
    String events = get(url + "stream?prompt=What%27s+the+weather+in+Paris%3F");

    assertThat(url).startsWith("http://127.0.0.1:");
    assertThat(err.text()).contains("simulated on loopback");
    assertThat(events)
        .contains("event: tool_call\ndata: {\"id\":")
        .contains("\"input\":{\"city\":\"Paris\"}")
        .contains("\"content\":\"Paris, France: 9.1 °C")
        .containsPattern(
            "event: done\ndata: \\{\"stop_reason\":\"end_turn\",\"turns\":2,.*\\}\n\n$");
  }

  @Test
  void interruptingTheServingThreadStopsTheServerAndReturnsZero() throws Exception {
    String url = serve(name -> null);

    serving.interrupt();
    serving.join(WAIT.toMillis());

    assertThat(serving.isAlive()).isFalse();
    assertThat(status.get()).isZero();
    int port = Integer.parseInt(url.replaceAll(".*:(\\d+)/$", "$1"));
    try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      assertThat(again.isBound()).isTrue(); // The port is free again.
    }
  }

  @Test
  void failuresAreDescribedForThePersonAtThePage() throws Exception {
    try (ScriptedClaude claude =
        ScriptedClaude.start(
            request ->
                ErrorReply.of(529, "overloaded_error", "Overloaded")
                    .retryAfterMillis(Duration.ofMillis(1)))) {
      Map<String, String> env =
          Map.of("ANTHROPIC_API_KEY", "sk-ant-test-secret", "ANTHROPIC_BASE_URL", claude.baseUrl());
      String url = serve(env::get);

      assertThat(get(url)).doesNotContain("id=\"notice\"").doesNotContain("Simulated");
      String events = get(url + "stream?prompt=Tokyo%3F");

      assertThat(events)
          .isEqualTo(
              "event: error\ndata: {\"type\":\"overloaded_error\","
                  + "\"message\":\"Claude is overloaded right now. Try again in a moment.\"}\n\n");
      assertThat(err.text()).contains("A run failed (overloaded_error)").doesNotContain("sk-ant");
    }
  }

  @Test
  void serveTakesNoQuestion() {
    assertThat(run(name -> null, "--serve", "Tokyo?")).isEqualTo(Failures.USAGE);
    assertThat(err.text())
        .isEqualTo("error: --serve takes no question; ask on the page it serves\n");
  }

  @Test
  void portAndHostGoWithServe() {
    assertThat(run(name -> null, "--port", "0", "Tokyo?")).isEqualTo(Failures.USAGE);
    assertThat(err.text()).isEqualTo("error: --port, --host, --allow-host and --allow-origin go with --serve\n".replace(" and --allow-origin", ", --allow-origin and --store"));
  }

  @Test
  void aPortInUseIsOneClearLine() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();

      int code = run(name -> null, "--serve", "--port", Integer.toString(port));

      assertThat(code).isEqualTo(Failures.USAGE);
      assertThat(err.text())
          .contains("error: cannot listen on 127.0.0.1:" + port)
          .contains("pick another port, or 0 for any free one")
          .doesNotContain("\tat ");
    }
  }

  @Test
  void anAllowedOriginThatIsNoOriginIsOneClearLine() {
    int code = run(name -> null, "--serve", "--port", "0", "--allow-origin", "app.example/page");

    assertThat(code).isEqualTo(Failures.USAGE);
    assertThat(err.text())
        .contains("error: an allowed origin is a scheme, a host and an optional port")
        .doesNotContain("\tat ");
  }

  @Test
  void helpNamesTheServeOptions() {
    assertThat(run(name -> null, "--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("--serve")
        .contains("--port=N")
        .contains("--host=ADDRESS")
        .contains("--allow-host=HOST")
        .contains("--allow-origin=ORIGIN")
        .contains("--store=URL")
        .contains("~/.toolstream/weather-agent");
  }
}
