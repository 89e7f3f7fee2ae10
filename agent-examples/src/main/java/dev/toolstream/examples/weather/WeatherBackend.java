package dev.toolstream.examples.weather;

import dev.toolstream.agent.Agent;
import dev.toolstream.agent.ToolSpec;
import dev.toolstream.client.MessagesClient;
import dev.toolstream.examples.weather.offline.OpenMeteoStandIn;
import dev.toolstream.examples.weather.offline.SimulatedClaude;
import dev.toolstream.testkit.ScriptedClaude;
import dev.toolstream.tools.AnnotatedTools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import okhttp3.ConnectionSpec;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * What the weather agent talks to, chosen from the environment: the Messages API and Open-Meteo,
 * or, with neither {@code ANTHROPIC_API_KEY} nor {@code ANTHROPIC_BASE_URL} set, a scripted Claude
 * and an Open-Meteo stand-in on loopback. The command line and the server both build their agent
 * here, so they run the same agent through the same code path. Close it to stop the simulation
 * and release the HTTP client's threads.
 */
final class WeatherBackend implements AutoCloseable {
  private static final Duration SIMULATED_DELTA_DELAY = Duration.ofMillis(15);

  private final OkHttpClient http;
  private final MessagesClient client;
  private final List<ToolSpec> tools;
  private final @Nullable Simulation simulation;

  private WeatherBackend(
      OkHttpClient http,
      MessagesClient client,
      String forecast,
      String geocoding,
      @Nullable Simulation simulation) {
    this.http = http;
    this.client = client;
    this.tools = AnnotatedTools.from(new WeatherTools(http, forecast, geocoding));
    this.simulation = simulation;
  }

  /**
   * Opens the backend on a new daemon thread, so that the work of starting up (the simulation,
   * the HTTP client, the tools' schemas) overlaps with reading the command line. The future
   * fails with what {@link #open} throws.
   */
  static CompletableFuture<WeatherBackend> openInBackground(Function<String, String> env) {
    return CompletableFuture.supplyAsync(
        () -> open(env),
        task -> {
          Thread thread = new Thread(task, "weather-agent-startup");
          thread.setDaemon(true);
          thread.start();
        });
  }

  /**
   * Closes the backend {@code opening} yields, for a run that ends before it needs it; null, for a
   * run that never opened one, is ignored.
   */
  static void discard(@Nullable CompletableFuture<WeatherBackend> opening) {
    if (opening != null) {
      opening.thenAccept(WeatherBackend::close);
    }
  }

  /**
   * Returns the backend the environment asks for, starting the simulation if it is the one.
   *
   * @throws IllegalStateException or IllegalArgumentException if the environment's API settings
   *     are unusable; the message says which
   * @throws UncheckedIOException if the simulation cannot listen on loopback
   */
  static WeatherBackend open(Function<String, String> env) {
    boolean simulated =
        isBlank(env.apply("ANTHROPIC_API_KEY")) && isBlank(env.apply("ANTHROPIC_BASE_URL"));
    // The simulation is plain HTTP on loopback: without TLS specs OkHttp skips setting up TLS,
    // which is a fifth of the agent's start-up.
    OkHttpClient http =
        simulated
            ? new OkHttpClient.Builder().connectionSpecs(List.of(ConnectionSpec.CLEARTEXT)).build()
            : new OkHttpClient();
    try {
      if (simulated) {
        Simulation simulation = Simulation.start();
        try {
          MessagesClient client =
              MessagesClient.builder()
                  .okHttpClient(http)
                  .baseUrl(simulation.claude.baseUrl())
                  .apiKey("simulated")
                  .build();
          String standIn = simulation.openMeteo.baseUrl();
          return new WeatherBackend(http, client, standIn, standIn, simulation);
        } catch (RuntimeException e) {
          simulation.close();
          throw e;
        }
      }
      MessagesClient client = MessagesClient.fromEnv(env::apply).okHttpClient(http).build();
      return new WeatherBackend(
          http,
          client,
          orDefault(env.apply("OPEN_METEO_URL"), "https://api.open-meteo.com"),
          orDefault(env.apply("OPEN_METEO_GEOCODING_URL"), "https://geocoding-api.open-meteo.com"),
          null);
    } catch (RuntimeException e) {
      shutDown(http);
      throw e;
    }
  }

  /**
   * Returns a note saying that Claude and Open-Meteo are simulated and where, or null when they
   * are real.
   */
  @Nullable String simulationNote() {
    if (simulation == null) {
      return null;
    }
    return "note: ANTHROPIC_API_KEY is not set, so Claude and Open-Meteo are simulated on loopback ("
        + simulation.claude.baseUrl()
        + ", "
        + simulation.openMeteo.baseUrl()
        + ")";
  }

  /** Returns a builder for the weather agent on this backend; add listeners and build it. */
  Agent.Builder agent(String model, int maxTokens, int maxTurns) {
    return Agent.builder()
        .client(client)
        .model(model)
        .maxTokens(maxTokens)
        .maxTurns(maxTurns)
        .system(WeatherAgent.SYSTEM)
        .tools(tools);
  }

  /** Stops the simulation, if any, and the HTTP client's threads; idempotent. */
  @Override
  public void close() {
    if (simulation != null) {
      simulation.close();
    }
    shutDown(http);
  }

  private static void shutDown(OkHttpClient http) {
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }

  private static boolean isBlank(@Nullable String value) {
    return value == null || value.isBlank();
  }

  private static String orDefault(@Nullable String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }

  /** The offline world: a scripted Claude and an Open-Meteo stand-in. */
  private static final class Simulation implements AutoCloseable {
    final ScriptedClaude claude;
    final OpenMeteoStandIn openMeteo;

    private Simulation(ScriptedClaude claude, OpenMeteoStandIn openMeteo) {
      this.claude = claude;
      this.openMeteo = openMeteo;
    }

    static Simulation start() {
      ScriptedClaude claude = SimulatedClaude.start(SIMULATED_DELTA_DELAY);
      try {
        return new Simulation(claude, OpenMeteoStandIn.start());
      } catch (IOException e) {
        claude.close();
        throw new UncheckedIOException("cannot start the offline simulator on loopback", e);
      }
    }

    @Override
    public void close() {
      claude.close();
      openMeteo.close();
    }
  }
}
