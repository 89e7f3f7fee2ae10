package dev.toolstream.examples.weather;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolstream.agent.AgentObserver;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The weather agent starts OpenTelemetry only when the environment names an exporter. */
final class TelemetryTest {
  @Test
  void withoutAnExporterInTheEnvironmentTheAgentObservesNothing() {
    try (Telemetry telemetry = Telemetry.fromEnv(Map.of("ANTHROPIC_API_KEY", "k")::get)) {
      assertThat(telemetry.observer()).isSameAs(AgentObserver.NONE);
    }
  }

  @Test
  void anExporterInTheEnvironmentStartsTheSdkAndTracesTheRuns() {
    try (Telemetry telemetry =
        Telemetry.fromEnv(Map.of("OTEL_TRACES_EXPORTER", "logging-otlp")::get)) {
      assertThat(telemetry.observer()).isNotSameAs(AgentObserver.NONE);
    }
  }
}
