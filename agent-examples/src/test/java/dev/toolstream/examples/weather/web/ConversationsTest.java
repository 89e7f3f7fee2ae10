package dev.toolstream.examples.weather.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolstream.agent.Agent;
import dev.toolstream.client.MessagesClient;
import dev.toolstream.examples.weather.WeatherTools;
import dev.toolstream.examples.weather.offline.OpenMeteoStandIn;
import dev.toolstream.store.DurableAgent;
import dev.toolstream.store.JdbcRunStore;
import dev.toolstream.store.RunStatus;
import dev.toolstream.store.RunStore;
import dev.toolstream.testkit.Reply;
import dev.toolstream.testkit.ScriptedClaude;
import dev.toolstream.testkit.StreamGate;
import dev.toolstream.testkit.Turn;
import dev.toolstream.tools.AnnotatedTools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A server with a durable agent keeps each browser's conversation, named by a cookie. */
final class ConversationsTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir Path folder;
  private final Queue<Reply> replies = new ConcurrentLinkedQueue<>();
  private final OkHttpClient client = new OkHttpClient();
  /** Runs once, on the server's thread, right after it next reads a conversation's messages. */
  private final AtomicReference<@Nullable Runnable> afterConversationRead =
      new AtomicReference<>();
  private ScriptedClaude claude;
  private OpenMeteoStandIn openMeteo;
  private JdbcRunStore store;
  private WeatherServer server;

  @BeforeEach
  void start() throws IOException {
    claude = ScriptedClaude.start(request -> replies.remove());
    openMeteo = OpenMeteoStandIn.start();
    store = JdbcRunStore.h2(folder.resolve("runs"));
    OkHttpClient upstream = new OkHttpClient();
    Agent agent =
        Agent.builder()
            .client(
                MessagesClient.builder()
                    .okHttpClient(upstream)
                    .baseUrl(claude.baseUrl())
                    .apiKey("test-key")
                    .maxRetries(0)
                    .build())
            .model("claude-sonnet-4-6")
            .tools(
                AnnotatedTools.from(
                    new WeatherTools(upstream, openMeteo.baseUrl(), openMeteo.baseUrl())))
            .build();
    server =
        WeatherServer.builder()
            .durableAgent(
                port ->
                    DurableAgent.builder(agent, interleaved(store)).owner("test@" + port).build())
            .port(0)
            .start();
  }

  @AfterEach
  void stop() {
    server.close();
    store.close();
    claude.close();
    openMeteo.close();
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }

  @Test
  void thePageGivesTheBrowserAConversationCookie() throws IOException {
    try (Response page = get("/", null)) {
      String cookie = page.header("Set-Cookie");

      assertThat(cookie).matches(Conversations.COOKIE + "=[0-9a-f]{32}; Path=/; HttpOnly; SameSite=Strict");
    }
  }

  @Test
  void theSecondQuestionOfABrowserCarriesTheFirstExchange() throws IOException {
    replies.add(Turn.builder().text("Let me check.").toolUse("toolu_1", "get_weather", "{\"city\":\"Tokyo\"}").build());
    replies.add(Turn.text("Sunny in Tokyo."));
    replies.add(Turn.text("You asked about Tokyo."));
    String cookie = cookieOf("/");

    assertThat(stream("Weather in Tokyo?", cookie)).contains("event: done");
    assertThat(stream("What did I ask?", cookie)).contains("event: done");

    List<JsonNode> sent = claude.requests().get(2).messages();
    assertThat(sent).hasSize(5);
    assertThat(sent.get(0).get("content").get(0).get("text").asString()).isEqualTo("Weather in Tokyo?");
    assertThat(sent.get(3).get("content").get(0).get("text").asString()).isEqualTo("Sunny in Tokyo.");
    assertThat(store.list(RunStatus.DONE, 10)).hasSize(2);
  }

  @Test
  void theConversationEndpointReturnsTheStoredExchange() throws IOException {
    replies.add(Turn.builder().text("Let me check.").toolUse("toolu_1", "get_weather", "{\"city\":\"Tokyo\"}").build());
    replies.add(Turn.text("Sunny in Tokyo."));
    String cookie = cookieOf("/");
    stream("Weather in <b>Tokyo</b>?", cookie);

    JsonNode messages = conversation(cookie).get("messages");

    assertThat(messages).hasSize(4);
    assertThat(messages.get(0).get("role").asString()).isEqualTo("user");
    assertThat(messages.get(0).get("text").asString()).isEqualTo("Weather in <b>Tokyo</b>?");
    assertThat(messages.get(1).get("tool_calls").get(0).get("name").asString()).isEqualTo("get_weather");
    assertThat(messages.get(1).get("tool_calls").get(0).get("input").get("city").asString()).isEqualTo("Tokyo");
    assertThat(messages.get(2).get("tool_results").get(0).get("is_error").asBoolean()).isFalse();
    assertThat(messages.get(2).get("tool_results").get(0).get("content").asString()).contains("Tokyo");
    assertThat(messages.get(3).get("role").asString()).isEqualTo("assistant");
    assertThat(messages.get(3).get("text").asString()).isEqualTo("Sunny in Tokyo.");
  }

  @Test
  void aSecondBrowserGetsAConversationOfItsOwn() throws IOException {
    replies.add(Turn.text("Sunny in Tokyo."));
    replies.add(Turn.text("Rain in Paris."));
    String first = cookieOf("/");
    stream("Weather in Tokyo?", first);

    String second;
    try (Response response = get("/stream?prompt=" + encode("Weather in Paris?"), null)) {
      second = cookie(response);
      assertThat(response.body().string()).contains("event: done");
    }

    assertThat(second).isNotEqualTo(first);
    assertThat(claude.requests().get(1).messages()).hasSize(1);
    assertThat(conversation(second).get("messages")).hasSize(2);
    assertThat(conversation(first).get("messages").get(1).get("text").asString()).isEqualTo("Sunny in Tokyo.");
  }

  @Test
  void aQuestionWhileTheConversationsRunIsGoingIsRefusedWith409AndThatRunFinishes()
      throws Exception {
    StreamGate gate = new StreamGate();
    String cookie = cookieOf("/");
    CompletableFuture<String> first = askHeld("Weather in Tokyo?", cookie, gate);

    try (Response refused = get("/stream?prompt=" + encode("And in Paris?"), cookie)) {
      assertThat(refused.code()).isEqualTo(409);
      JsonNode error = JSON.readTree(refused.body().string()).get("error");
      assertThat(error.get("type").asString()).isEqualTo("conversation_busy");
      assertThat(error.get("message").asString()).isEqualTo(StreamHandler.BUSY);
    }
    JsonNode during = conversation(cookie);
    assertThat(during.get("answering").asBoolean()).isTrue();
    assertThat(during.get("messages")).hasSize(1);
    assertThat(during.get("messages").get(0).get("text").asString()).isEqualTo("Weather in Tokyo?");
    assertThat(during.get("messages").get(0).get("pending").asBoolean()).isTrue();
    gate.open();

    assertThat(first.get(30, TimeUnit.SECONDS)).contains("Sunny").contains("event: done");
    replies.add(Turn.text("Rain in Paris."));
    assertThat(stream("And in Paris?", cookie)).contains("event: done");
    assertThat(claude.requests()).as("the refused question never reached the model").hasSize(2);
    JsonNode after = conversation(cookie);
    assertThat(after.get("answering").asBoolean()).isFalse();
    assertThat(after.get("messages")).hasSize(4);
    assertThat(after.findValues("pending")).isEmpty();
  }

  @Test
  void aRunThatEndsWhileThePageLooksShowsWithItsAnswer() throws Exception {
    StreamGate gate = new StreamGate();
    String cookie = cookieOf("/");
    CompletableFuture<String> first = askHeld("Weather in Tokyo?", cookie, gate);
    // The run ends right after the server read the conversation's finished messages.
    afterConversationRead.set(
        () -> {
          gate.open();
          assertThat(first.join()).contains("event: done");
        });

    JsonNode looked = conversation(cookie);

    assertThat(afterConversationRead.get()).as("the run ended in between").isNull();
    assertThat(looked.get("answering").asBoolean()).isFalse();
    JsonNode messages = looked.get("messages");
    assertThat(messages).as("the question and its answer").hasSize(2);
    assertThat(messages.get(0).get("text").asString()).isEqualTo("Weather in Tokyo?");
    assertThat(messages.get(1).get("text").asString()).startsWith("Sunny").endsWith("in Tokyo.");
    assertThat(looked.findValues("pending")).isEmpty();
  }

  @Test
  void anotherSitesPageCannotReadTheConversation() throws IOException {
    String cookie = cookieOf("/");
    Request request =
        new Request.Builder()
            .url(server.url().resolve("/conversation").toString())
            .header("Cookie", cookie)
            .header("Origin", "https://evil.example")
            .build();

    try (Response response = client.newCall(request).execute()) {
      assertThat(response.code()).isEqualTo(403);
    }
  }

  /** Returns {@code store}, running {@link #afterConversationRead}'s task after a read. */
  private RunStore interleaved(RunStore store) {
    return (RunStore)
        Proxy.newProxyInstance(
            RunStore.class.getClassLoader(),
            new Class<?>[] {RunStore.class},
            (proxy, method, args) -> {
              Object result;
              try {
                result = method.invoke(store, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
              Runnable meanwhile =
                  method.getName().equals("conversation")
                      ? afterConversationRead.getAndSet(null)
                      : null;
              if (meanwhile != null) {
                meanwhile.run();
              }
              return result;
            });
  }

  /**
   * Asks {@code prompt} on another thread, its answer ("Sunny in Tokyo.") held at {@code gate}
   * after its first word, and returns the stream's text once the run has reached the hold.
   */
  private CompletableFuture<String> askHeld(String prompt, String cookie, StreamGate gate)
      throws InterruptedException {
    replies.add(Turn.builder().text("Sunny").hold(gate).text(" in Tokyo.").build());
    CompletableFuture<String> asked =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return stream(prompt, cookie);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    assertThat(gate.awaitReached(Duration.ofSeconds(30))).as("the first run is under way").isTrue();
    return asked;
  }

  private String stream(String prompt, String cookie) throws IOException {
    try (Response response = get("/stream?prompt=" + encode(prompt), cookie)) {
      assertThat(response.code()).isEqualTo(200);
      assertThat(response.header("Set-Cookie")).as("the browser has its conversation").isNull();
      return response.body().string();
    }
  }

  private JsonNode conversation(String cookie) throws IOException {
    try (Response response = get("/conversation", cookie)) {
      assertThat(response.code()).isEqualTo(200);
      assertThat(response.header("Content-Type")).startsWith("application/json");
      return JSON.readTree(response.body().string());
    }
  }

  /** Returns the {@code name=value} of the conversation cookie that {@code path} sets. */
  private String cookieOf(String path) throws IOException {
    try (Response response = get(path, null)) {
      return cookie(response);
    }
  }

  private static String cookie(Response response) {
    String header = response.header("Set-Cookie");
    assertThat(header).isNotNull();
    return header.substring(0, header.indexOf(';'));
  }

  private Response get(String path, @Nullable String cookie) throws IOException {
    Request.Builder request = new Request.Builder().url(server.url().resolve(path).toString());
    if (cookie != null) {
      request.header("Cookie", cookie);
    }
    return client.newCall(request.build()).execute();
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
