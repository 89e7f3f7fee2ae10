package dev.toolstream.examples.weather;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which Claude the weather agent talks to, chosen from the environment. */
final class WeatherBackendTest {
  private static WeatherBackend open(Map<String, String> env) {
    return WeatherBackend.openInBackground(env::get, Duration.ZERO).join();
  }

  @Test
  void withNoCredentialsAndNoBaseUrlClaudeIsSimulatedAndTheNoteSaysSo() {
    try (WeatherBackend backend = open(Map.of())) {
      assertThat(backend.simulationNote())
          .startsWith("note: ANTHROPIC_API_KEY is not set, so Claude and Open-Meteo are simulated");
    }
  }

  @Test
  void anAuthTokenAloneIsCredentialsEnoughForTheRealClaude() {
    // No request is sent: opening the backend only chooses and builds the client.
    try (WeatherBackend backend = open(Map.of("ANTHROPIC_AUTH_TOKEN", "sk-ant-oat01-token"))) {
      assertThat(backend.simulationNote()).isNull();
    }
  }
}
