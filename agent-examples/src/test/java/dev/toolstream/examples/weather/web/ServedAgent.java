package dev.toolstream.examples.weather.web;

import dev.toolstream.agent.Agent;
import dev.toolstream.client.MessagesClient;
import dev.toolstream.examples.weather.WeatherTools;
import dev.toolstream.examples.weather.offline.OpenMeteoStandIn;
import dev.toolstream.testkit.Script;
import dev.toolstream.testkit.ScriptedClaude;
import dev.toolstream.tools.AnnotatedTools;
import java.io.IOException;
import java.io.UncheckedIOException;
import dev.toolstream.store.DurableAgent;
import dev.toolstream.store.RunStore;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The server under test on a free port: its agent talks to a scripted Claude (no retries, so an
 * error reply is final) and the Open-Meteo stand-in. Holds an OkHttp client for the server.
 */
final class ServedAgent implements AutoCloseable {
  final ScriptedClaude claude;
  final WeatherServer server;
  final OkHttpClient client = new OkHttpClient.Builder().retryOnConnectionFailure(false).build();
  private final OpenMeteoStandIn openMeteo;
  private final OkHttpClient upstream = new OkHttpClient();

  private ServedAgent(
      ScriptedClaude claude,
      Consumer<Agent.Builder> configureAgent,
      BiConsumer<Agent, WeatherServer.Builder> configure) {
    this.claude = claude;
    try {
      this.openMeteo = OpenMeteoStandIn.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    MessagesClient messages =
        MessagesClient.builder()
            .okHttpClient(upstream)
            .baseUrl(claude.baseUrl())
            .apiKey("test-key")
            .maxRetries(0)
            .build();
    Agent.Builder agentBuilder =
        Agent.builder()
            .client(messages)
            .model("claude-sonnet-4-6")
            .maxTurns(4)
            .tools(
                AnnotatedTools.from(
                    new WeatherTools(upstream, openMeteo.baseUrl(), openMeteo.baseUrl())));
    configureAgent.accept(agentBuilder);
    Agent agent = agentBuilder.build();
    WeatherServer.Builder builder = WeatherServer.builder().agent(agent).port(0);
    configure.accept(agent, builder);
    this.server = builder.start();
  }

  /** Serves an agent whose Claude follows {@code script}. */
  static ServedAgent start(Script script) {
    return start(ScriptedClaude.start(script), builder -> {});
  }

  /** Serves an agent talking to {@code claude}, with the server configured by {@code configure}. */
  static ServedAgent start(ScriptedClaude claude, Consumer<WeatherServer.Builder> configure) {
    return start(claude, agent -> {}, configure);
  }

  /**
   * Serves an agent talking to {@code claude} and configured further by {@code configureAgent}
   * (a listener, say), with the server configured by {@code configure}.
   */
  static ServedAgent start(
      ScriptedClaude claude,
      Consumer<Agent.Builder> configureAgent,
      Consumer<WeatherServer.Builder> configure) {
    return new ServedAgent(claude, configureAgent, (agent, builder) -> configure.accept(builder));
  }

  /**
   * Serves an agent whose Claude follows {@code script} as a durable one on {@code store}, so
   * that the server keeps each browser's conversation.
   */
  static ServedAgent durable(Script script, RunStore store) {
    return new ServedAgent(
        ScriptedClaude.start(script),
        agent -> {},
        (agent, builder) ->
            builder.durableAgent(
                port -> DurableAgent.builder(agent, store).owner("test@" + port).build()));
  }

  /** Returns the absolute URL of {@code path}, such as {@code /stream?prompt=Hi}. */
  String url(String path) {
    return server.url().resolve(path).toString();
  }

  /** Sends a GET; the caller closes the response. */
  Response get(String path) throws IOException {
    return client.newCall(new Request.Builder().url(url(path)).build()).execute();
  }

  /** Sends a POST of {@code json}; the caller closes the response. */
  Response post(String path, String json) throws IOException {
    RequestBody body = RequestBody.create(json, MediaType.get("application/json"));
    return client.newCall(new Request.Builder().url(url(path)).post(body).build()).execute();
  }

  /** Sends {@code method} with no body; the caller closes the response. */
  Response call(String method, String path) throws IOException {
    RequestBody body = method.equals("POST") ? RequestBody.create(new byte[0]) : null;
    Request request = new Request.Builder().url(url(path)).method(method, body).build();
    return client.newCall(request).execute();
  }

  @Override
  public void close() {
    server.close();
    claude.close();
    openMeteo.close();
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
    upstream.dispatcher().executorService().shutdown();
    upstream.connectionPool().evictAll();
  }
}
