package dev.toolstream.examples.weather;

import dev.toolstream.agent.Agent;
import dev.toolstream.client.MessagesClient;
import dev.toolstream.examples.weather.offline.OpenMeteoStandIn;
import dev.toolstream.examples.weather.offline.SimulatedClaude;
import dev.toolstream.testkit.ScriptedClaude;
import dev.toolstream.tools.AnnotatedTools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.function.Function;
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
  private final String forecast;
  private final String geocoding;
  private final @Nullable Simulation simulation;

  private WeatherBackend(
      OkHttpClient http,
      MessagesClient client,
      String forecast,
      String geocoding,
      @Nullable Simulation simulation) {
    this.http = http;
    this.client = client;
    this.forecast = forecast;
    this.geocoding = geocoding;
    this.simulation = simulation;
  }

  /**
   * Returns the backend the environment asks for, starting the simulation if it is the one.
   *
   * @throws IllegalStateException or IllegalArgumentException if the environment's API settings
   *     are unusable; the message says which
   * @throws UncheckedIOException if the simulation cannot listen on loopback
   */
  static WeatherBackend open(Function<String, String> env) {
    OkHttpClient http = new OkHttpClient();
    try {
      if (isBlank(env.apply("ANTHROPIC_API_KEY")) && isBlank(env.apply("ANTHROPIC_BASE_URL"))) {
        Simulation simulation = Simulation.start();
        MessagesClient client =
            MessagesClient.builder()
                .okHttpClient(http)
                .baseUrl(simulation.claude.baseUrl())
                .apiKey("simulated")
                .build();
        String standIn = simulation.openMeteo.baseUrl();
        return new WeatherBackend(http, client, standIn, standIn, simulation);
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
        .tools(AnnotatedTools.from(new WeatherTools(http, forecast, geocoding)));
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
