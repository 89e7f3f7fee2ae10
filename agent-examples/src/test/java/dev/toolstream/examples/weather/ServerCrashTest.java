package dev.toolstream.examples.weather;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolstream.agent.Agent;
import dev.toolstream.client.MessagesClient;
import dev.toolstream.examples.weather.web.WeatherServer;
import dev.toolstream.store.DurableAgent;
import dev.toolstream.store.DurableResult;
import dev.toolstream.store.JdbcRunStore;
import dev.toolstream.store.PostgresServer;
import dev.toolstream.store.RunRecord;
import dev.toolstream.store.RunStatus;
import dev.toolstream.testkit.Reply;
import dev.toolstream.testkit.ScriptedClaude;
import dev.toolstream.testkit.Turn;
import dev.toolstream.tools.AnnotatedTools;
import java.io.IOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code weather-agent --serve} on PostgreSQL, killed with SIGKILL while get_weather waits for
 * Open-Meteo: restarted on its port it finishes the run at once, and otherwise another server on
 * the same database takes the run over once its lease has expired. get_weather is idempotent, so
 * the interrupted call runs again.
 */
final class ServerCrashTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  /** Less than the servers' 30 s lease: only a server taking its own run back finishes in time. */
  private static final Duration BEFORE_THE_LEASE_EXPIRES = Duration.ofSeconds(20);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Queue<Reply> replies = new ConcurrentLinkedQueue<>();
  private final OkHttpClient client = new OkHttpClient.Builder().retryOnConnectionFailure(false).build();
  private ScriptedClaude claude;
  private BlockingOpenMeteo openMeteo;
  private PostgresServer.Database database;
  private JdbcRunStore store;
  private Connection runChanges;

  @BeforeEach
  void start() throws SQLException {
    replies.add(
        Turn.builder()
            .text("Let me check.")
            .toolUse("toolu_1", "get_weather", "{\"city\":\"Tokyo\"}")
            .build());
    replies.add(Turn.text("Sunny in Tokyo."));
    claude = ScriptedClaude.start(request -> replies.remove());
    openMeteo = new BlockingOpenMeteo();
    database = PostgresServer.newDatabase();
    store = JdbcRunStore.open(database.url());
    runChanges = listenToRunChanges();
  }

  /**
   * Makes PostgreSQL notify {@code run_changed} whenever a run's row changes, and listens: a test
   * waits for a run of another process by blocking on the notifications, not by polling.
   */
  private Connection listenToRunChanges() throws SQLException {
    try (Connection connection = database.connect();
        Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE FUNCTION notify_run_changed() RETURNS trigger AS $$ BEGIN"
              + " PERFORM pg_notify('run_changed', NEW.run_id); RETURN NEW; END $$"
              + " LANGUAGE plpgsql");
      statement.execute(
          "CREATE TRIGGER run_changed AFTER UPDATE ON toolstream_runs"
              + " FOR EACH ROW EXECUTE FUNCTION notify_run_changed()");
    }
    Connection listening = database.connect();
    try (Statement statement = listening.createStatement()) {
      statement.execute("LISTEN run_changed");
    }
    return listening;
  }

  @AfterEach
  void stop() throws SQLException {
    runChanges.close();
    store.close();
    openMeteo.close();
    claude.close();
    client.dispatcher().executorService().shutdownNow();
    client.connectionPool().evictAll();
  }

  @Test
  void aServerKilledInAToolCallFinishesTheRunWhenRestartedOnItsPort() throws Exception {
    String cookie;
    RunRecord interrupted;
    int port;
    try (ServerProcess first = ServerProcess.start(0, database.url(), claude.baseUrl(), openMeteo.baseUrl())) {
      URI url = first.awaitUrl(WAIT);
      port = url.getPort();
      cookie = cookieOf(url);
      interrupted = killInTheToolCall(first, url, cookie);
    }

    try (ServerProcess restarted = ServerProcess.start(port, database.url(), claude.baseUrl(), openMeteo.baseUrl())) {
      URI url = restarted.awaitUrl(WAIT);
      RunRecord done = awaitDone(interrupted.runId(), BEFORE_THE_LEASE_EXPIRES);

      assertThat(done.claims()).as("claims of the run").isEqualTo(1);
      assertThat(openMeteo.forecasts()).as("get_weather ran again: it is idempotent").isEqualTo(2);
      assertThat(lastText(conversation(url, cookie))).isEqualTo("Sunny in Tokyo.");
    }
  }

  @Test
  void anotherServerOnTheDatabaseTakesOverTheRunOfOneThatDied() throws Exception {
    String cookie;
    RunRecord interrupted;
    try (ServerProcess first = ServerProcess.start(0, database.url(), claude.baseUrl(), openMeteo.baseUrl())) {
      URI url = first.awaitUrl(WAIT);
      cookie = cookieOf(url);
      interrupted = killInTheToolCall(first, url, cookie);
    }
    // The second server's clock is past the dead server's lease: no waiting for it to expire.
    Clock later = Clock.fixed(Instant.now().plus(Duration.ofMinutes(5)), ZoneOffset.UTC);
    AtomicReference<DurableAgent> durable = new AtomicReference<>();
    try (JdbcRunStore laterStore = JdbcRunStore.builder().url(database.url()).clock(later).build();
        WeatherServer second =
            WeatherServer.builder()
                .durableAgent(
                    port -> {
                      durable.set(DurableAgent.builder(agent(), laterStore).owner("second@" + port).build());
                      return durable.get();
                    })
                .port(0)
                .start()) {
      List<CompletableFuture<DurableResult>> recovered = durable.get().recoverAbandoned();

      assertThat(recovered).hasSize(1);
      DurableResult result = recovered.get(0).get(WAIT.toSeconds(), TimeUnit.SECONDS);
      assertThat(result.runId()).isEqualTo(interrupted.runId());
      assertThat(result.status()).isEqualTo(RunStatus.DONE);
      assertThat(result.text()).isEqualTo("Sunny in Tokyo.");
      assertThat(store.find(interrupted.runId()).orElseThrow().claims()).as("claims of the run").isEqualTo(1);
      assertThat(openMeteo.forecasts()).as("get_weather ran again: it is idempotent").isEqualTo(2);
      assertThat(lastText(conversation(second.url(), cookie)))
          .as("the browser's cookie names its conversation on any server")
          .isEqualTo("Sunny in Tokyo.");
    }
  }

  /**
   * Asks a question on the server's stream and kills the server while get_weather waits for the
   * forecast; returns the run as the dead server left it.
   */
  private RunRecord killInTheToolCall(ServerProcess server, URI url, String cookie) throws Exception {
    Request stream =
        new Request.Builder()
            .url(url.resolve("/stream?prompt=Weather%20in%20Tokyo%3F").toString())
            .header("Cookie", cookie)
            .build();
    List<String> streamed = new CopyOnWriteArrayList<>();
    client.newCall(stream).enqueue(new Callback() {
      @Override
      public void onFailure(Call call, IOException e) {
        streamed.add(e.toString()); // The server is killed mid-stream.
      }

      @Override
      public void onResponse(Call call, Response response) {
        try (response) {
          streamed.add(response.code() + " " + response.body().string());
        } catch (IOException e) {
          streamed.add(response.code() + " then " + e); // Killed mid-stream.
        }
      }
    });
    assertThat(openMeteo.awaitFirstForecast(WAIT))
        .as("get_weather asked for the forecast; the stream: %s; Claude's requests: %s; the"
            + " server's stderr: %s", streamed, claude.requests().size(), server.lines())
        .isTrue();
    server.kill();
    List<RunRecord> running = store.list(RunStatus.RUNNING, 10);
    assertThat(running).hasSize(1);
    assertThat(running.get(0).owner()).endsWith(":" + url.getPort());
    return running.get(0);
  }

  /**
   * Waits until the run is done, for at most {@code timeout}: each change of a run's row wakes the
   * wait (PostgreSQL's notifications), and the run is looked at again.
   */
  private RunRecord awaitDone(String runId, Duration timeout) throws SQLException {
    long deadline = System.nanoTime() + timeout.toNanos();
    PGConnection notifications = runChanges.unwrap(PGConnection.class);
    while (true) {
      RunRecord run = store.find(runId).orElseThrow();
      if (run.status() == RunStatus.DONE) {
        return run;
      }
      long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      assertThat(left > 0).as("run %s is done within %s; it is %s", runId, timeout, run).isTrue();
      notifications.getNotifications((int) Math.max(1, left));
    }
  }

  private Agent agent() {
    OkHttpClient upstream = new OkHttpClient();
    return Agent.builder()
        .client(
            MessagesClient.builder()
                .okHttpClient(upstream)
                .baseUrl(claude.baseUrl())
                .apiKey("test")
                .maxRetries(0)
                .build())
        .model("claude-sonnet-4-6")
        .tools(
            AnnotatedTools.from(
                new WeatherTools(upstream, openMeteo.baseUrl(), openMeteo.baseUrl())))
        .build();
  }

  /** Returns the {@code name=value} of the conversation cookie the page sets. */
  private String cookieOf(URI url) throws IOException {
    try (Response page = client.newCall(new Request.Builder().url(url.toString()).build()).execute()) {
      String header = page.header("Set-Cookie");
      assertThat(header).isNotNull();
      return header.substring(0, header.indexOf(';'));
    }
  }

  private JsonNode conversation(URI url, String cookie) throws IOException {
    Request request =
        new Request.Builder().url(url.resolve("/conversation").toString()).header("Cookie", cookie).build();
    try (Response response = client.newCall(request).execute()) {
      assertThat(response.code()).isEqualTo(200);
      return JSON.readTree(response.body().string());
    }
  }

  private static String lastText(JsonNode conversation) {
    JsonNode messages = conversation.get("messages");
    return messages.get(messages.size() - 1).get("text").asString();
  }
}
