package dev.toolstream.examples.weather;

import dev.toolstream.agent.AgentObserver;
import dev.toolstream.otel.AgentTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The weather agent's OpenTelemetry: the SDK's autoconfiguration, on only when the environment
 * names an exporter, so that a plain run neither starts the SDK nor looks for a collector. {@code
 * OTEL_TRACES_EXPORTER=otlp} sends the traces to a collector ({@code OTEL_EXPORTER_OTLP_ENDPOINT},
 * {@code http://localhost:4318} unless set); {@code OTEL_TRACES_EXPORTER=logging-otlp} prints them
 * as OTLP JSON on stderr. Metrics and logs are exported only when their own variables ask. {@code
 * OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT=true} records prompts and answers.
 */
final class Telemetry implements AutoCloseable {
  /** The variables read through the agent's environment (the SDK reads the process's too). */
  private static final List<String> VARIABLES =
      List.of(
          "OTEL_TRACES_EXPORTER",
          "OTEL_METRICS_EXPORTER",
          "OTEL_LOGS_EXPORTER",
          "OTEL_SERVICE_NAME",
          "OTEL_EXPORTER_OTLP_ENDPOINT",
          "OTEL_EXPORTER_OTLP_PROTOCOL");

  private final @Nullable OpenTelemetrySdk sdk;
  private final AgentObserver observer;

  private Telemetry(@Nullable OpenTelemetrySdk sdk, AgentObserver observer) {
    this.sdk = sdk;
    this.observer = observer;
  }

  /**
   * Returns the telemetry {@code env} asks for: none unless it names a trace or metric exporter.
   */
  static Telemetry fromEnv(Function<String, @Nullable String> env) {
    if (env.apply("OTEL_TRACES_EXPORTER") == null && env.apply("OTEL_METRICS_EXPORTER") == null) {
      return new Telemetry(null, AgentObserver.NONE);
    }
    Map<String, String> properties = new HashMap<>();
    properties.put("otel.service.name", "weather-agent");
    properties.put("otel.traces.exporter", "none");
    properties.put("otel.metrics.exporter", "none");
    properties.put("otel.logs.exporter", "none");
    for (String variable : VARIABLES) {
      String value = env.apply(variable);
      if (value != null) {
        properties.put(variable.toLowerCase(Locale.ROOT).replace('_', '.'), value);
      }
    }
    OpenTelemetrySdk sdk =
        AutoConfiguredOpenTelemetrySdk.builder()
            .addPropertiesSupplier(() -> properties)
            .build()
            .getOpenTelemetrySdk();
    boolean content =
        "true".equalsIgnoreCase(env.apply("OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT"));
    AgentObserver observer =
        AgentTelemetry.builder(sdk).agentName("weather-agent").captureContent(content).build();
    return new Telemetry(sdk, observer);
  }

  /** Returns the observer to give the agent; {@link AgentObserver#NONE} when telemetry is off. */
  AgentObserver observer() {
    return observer;
  }

  /** Exports what is left and stops the SDK, if it was started. */
  @Override
  public void close() {
    if (sdk != null) {
      sdk.close();
    }
  }
}
