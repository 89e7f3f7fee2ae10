package dev.toolstream.examples.weather;

import dev.toolstream.agent.Agent;
import dev.toolstream.agent.ToolSpec;
import dev.toolstream.client.MessagesClient;
import dev.toolstream.examples.weather.offline.OpenMeteoStandIn;
import dev.toolstream.examples.weather.offline.SimulatedClaude;
import dev.toolstream.internal.schema.CompiledSchema;
import dev.toolstream.testkit.ScriptedClaude;
import dev.toolstream.tools.AnnotatedTools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import okhttp3.ConnectionSpec;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * What the weather agent talks to, chosen from the environment: the Messages API and Open-Meteo,
 * or, with none of {@code ANTHROPIC_API_KEY}, {@code ANTHROPIC_AUTH_TOKEN} and {@code
 * ANTHROPIC_BASE_URL} set, a scripted Claude and an Open-Meteo stand-in on loopback. The command line and the server both build their agent
 * here, so they run the same agent through the same code path. Close it to stop the simulation
 * and release the HTTP client's threads.
 */
final class WeatherBackend implements AutoCloseable {
  /**
   * The pause between the simulated Claude's deltas when someone watches them arrive: on a
   * terminal, and on the page {@code --serve} streams to. Written to a pipe or a file, the answer
   * comes without pauses, as fast as loopback and the agent allow.
   */
  static final Duration SIMULATED_DELTA_DELAY = Duration.ofMillis(15);

  /** What the page says when the server runs on the simulation: the person there sees no stderr. */
  static final String SIMULATED_PAGE_NOTICE =
      "Simulated: no API key is set, so Claude's answers are scripted and the weather is made up"
          + " (real cities, invented conditions).";

  private final OkHttpClient http;
  private final MessagesClient client;
  private final List<ToolSpec> tools;
  private final @Nullable Simulation simulation;

  private WeatherBackend(Transport transport, List<ToolSpec> tools) {
    this.http = transport.http;
    this.client = transport.client;
    this.tools = tools;
    this.simulation = transport.simulation;
  }

  /**
   * Starts opening the backend on two new daemon threads, so that the work overlaps with reading
   * the command line and with each other: one starts the HTTP client and the simulation, if it is
   * the one, then sets up schema validation, the other reads the weather tool (its schema and how
   * its input binds, a third of the start-up's work). {@code deltaDelay} is as {@link
   * Transport#open} takes it.
   */
  static Opening openInBackground(Function<String, String> env, Duration deltaDelay) {
    AtomicReference<WeatherTools> weather = new AtomicReference<>();
    // Calls come only once Opening.join has returned the backend, with the object set.
    CompletableFuture<List<ToolSpec>> tools =
        CompletableFuture.supplyAsync(
            () -> AnnotatedTools.from(WeatherTools.class, weather::get),
            daemon("weather-agent-tools"));
    CompletableFuture<Transport> transport =
        CompletableFuture.supplyAsync(
            () -> {
              Transport opened = Transport.open(env, deltaDelay);
              // Done before the tool is read, this thread sets up schema validation, which the
              // tool's thread would otherwise do last, alone, while the others wait for it.
              CompiledSchema.prepare();
              return opened;
            },
            daemon("weather-agent-startup"));
    return new Opening(transport, tools, weather);
  }

  private static Executor daemon(String name) {
    return task -> {
      Thread thread = new Thread(task, name);
      thread.setDaemon(true);
      thread.start();
    };
  }

  /**
   * Closes the backend {@code opening} yields, for a run that ends before it needs it; null, for a
   * run that never opened one, is ignored.
   */
  static void discard(@Nullable Opening opening) {
    if (opening != null) {
      opening.transport.thenAccept(Transport::close);
    }
  }

  /** A backend being opened by {@link #openInBackground}. */
  static final class Opening {
    private final CompletableFuture<Transport> transport;
    private final CompletableFuture<List<ToolSpec>> tools;
    private final AtomicReference<WeatherTools> weather;

    private Opening(
        CompletableFuture<Transport> transport,
        CompletableFuture<List<ToolSpec>> tools,
        AtomicReference<WeatherTools> weather) {
      this.transport = transport;
      this.tools = tools;
      this.weather = weather;
    }

    /**
     * Waits for the HTTP client, the simulation and the tool, and returns the backend.
     *
     * @throws java.util.concurrent.CompletionException with what {@link Transport#open} throws
     *     as its cause
     */
    WeatherBackend join() {
      Transport opened = transport.join();
      List<ToolSpec> read;
      try {
        read = tools.join();
      } catch (RuntimeException e) {
        opened.close();
        throw e;
      }
      weather.set(new WeatherTools(opened.http, opened.forecast, opened.geocoding));
      return new WeatherBackend(opened, read);
    }
  }

  /** The HTTP client, the Messages API client, Open-Meteo's URLs and the simulation, if any. */
  private static final class Transport {
    final OkHttpClient http;
    final MessagesClient client;
    final String forecast;
    final String geocoding;
    final @Nullable Simulation simulation;

    private Transport(
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
     * Opens what the environment asks for, starting the simulation if it is the one, its deltas
     * {@code deltaDelay} apart ({@link #SIMULATED_DELTA_DELAY} when someone watches).
     *
     * @throws IllegalStateException or IllegalArgumentException if the environment's API or
     *     Open-Meteo settings are unusable; the message says which
     * @throws UncheckedIOException if the simulation cannot listen on loopback
     */
    static Transport open(Function<String, String> env, Duration deltaDelay) {
      boolean simulated =
          isBlank(env.apply("ANTHROPIC_API_KEY"))
              && isBlank(env.apply("ANTHROPIC_AUTH_TOKEN"))
              && isBlank(env.apply("ANTHROPIC_BASE_URL"));
      // The simulation is plain HTTP on loopback: without TLS specs OkHttp skips setting up TLS,
      // which is a fifth of the agent's start-up.
      OkHttpClient http =
          simulated
              ? new OkHttpClient.Builder().connectionSpecs(List.of(ConnectionSpec.CLEARTEXT)).build()
              : new OkHttpClient();
      try {
        if (simulated) {
          Simulation simulation = Simulation.start(deltaDelay);
          try {
            MessagesClient client =
                MessagesClient.builder()
                    .okHttpClient(http)
                    .baseUrl(simulation.claude.baseUrl())
                    .apiKey("simulated")
                    .build();
            String standIn = simulation.openMeteo.baseUrl();
            return new Transport(http, client, standIn, standIn, simulation);
          } catch (RuntimeException e) {
            simulation.close();
            throw e;
          }
        }
        OpenMeteoUrls openMeteo = OpenMeteoUrls.fromEnv(env);
        MessagesClient client = MessagesClient.fromEnv(env::apply).okHttpClient(http).build();
        return new Transport(http, client, openMeteo.forecast(), openMeteo.geocoding(), null);
      } catch (RuntimeException e) {
        shutDown(http);
        throw e;
      }
    }

    /** Stops the simulation, if any, and the HTTP client's threads. */
    void close() {
      if (simulation != null) {
        simulation.close();
      }
      shutDown(http);
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

  /** The offline world: a scripted Claude and an Open-Meteo stand-in. */
  private static final class Simulation implements AutoCloseable {
    final ScriptedClaude claude;
    final OpenMeteoStandIn openMeteo;

    private Simulation(ScriptedClaude claude, OpenMeteoStandIn openMeteo) {
      this.claude = claude;
      this.openMeteo = openMeteo;
    }

    static Simulation start(Duration deltaDelay) {
      ScriptedClaude claude = SimulatedClaude.start(deltaDelay);
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
