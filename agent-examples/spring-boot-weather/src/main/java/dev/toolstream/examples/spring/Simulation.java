package dev.toolstream.examples.spring;

import dev.toolstream.examples.weather.offline.OpenMeteoStandIn;
import dev.toolstream.examples.weather.offline.SimulatedClaude;
import dev.toolstream.testkit.ScriptedClaude;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * The offline world of agent-examples: its scripted Claude playing the weather agent, and its
 * Open-Meteo stand-in with sample cities, both on loopback. Closed with the context.
 */
public final class Simulation implements AutoCloseable {
  private static final Duration DELTA_DELAY = Duration.ofMillis(15);

  private final ScriptedClaude claude;
  private final OpenMeteoStandIn openMeteo;

  private Simulation(ScriptedClaude claude, OpenMeteoStandIn openMeteo) {
    this.claude = claude;
    this.openMeteo = openMeteo;
  }

  /** Starts both on free loopback ports. */
  static Simulation start() {
    ScriptedClaude claude = SimulatedClaude.start(DELTA_DELAY);
    try {
      return new Simulation(claude, OpenMeteoStandIn.start());
    } catch (IOException e) {
      claude.close();
      throw new UncheckedIOException("cannot start the offline simulator on loopback", e);
    }
  }

  /** Returns the simulated Claude's address. */
  String claudeUrl() {
    return claude.baseUrl();
  }

  /** Returns the Open-Meteo stand-in's address, for both its APIs. */
  String openMeteoUrl() {
    return openMeteo.baseUrl();
  }

  @Override
  public void close() {
    claude.close();
    openMeteo.close();
  }
}
