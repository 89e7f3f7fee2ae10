package dev.toolstream.otel.internal;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.LongHistogram;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Tracer;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The tracer and the metric instruments of one {@code AgentTelemetry}, made once, and what it was
 * configured with. Shared by all the runs it observes; thread-safe.
 */
public final class Instruments {
  /** The name of the instrumentation scope of every span and metric. */
  public static final String SCOPE = "dev.toolstream.agent";

  private static final List<Long> TOKEN_BUCKETS =
      List.of(
          1L, 4L, 16L, 64L, 256L, 1024L, 4096L, 16384L, 65536L, 262144L, 1048576L, 4194304L,
          16777216L, 67108864L);
  private static final List<Double> SECONDS_BUCKETS =
      List.of(
          0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92);

  final Tracer tracer;
  final LongHistogram tokenUsage;
  final DoubleHistogram operationDuration;
  final DoubleHistogram timeToFirstChunk;
  final DoubleHistogram toolDuration;
  final LongCounter toolErrors;
  final Content content;
  final @Nullable String agentName;

  /**
   * Makes the instruments on {@code openTelemetry}'s providers.
   *
   * @param openTelemetry the application's OpenTelemetry, or a no-op one
   * @param version the library's version, for the instrumentation scope; null if unknown
   * @param content how content is captured, if at all
   * @param agentName the agent's name for {@code gen_ai.agent.name}, or null
   */
  public Instruments(
      OpenTelemetry openTelemetry,
      @Nullable String version,
      Content content,
      @Nullable String agentName) {
    var tracerBuilder = openTelemetry.getTracerProvider().tracerBuilder(SCOPE);
    var meterBuilder = openTelemetry.getMeterProvider().meterBuilder(SCOPE);
    if (version != null) {
      tracerBuilder.setInstrumentationVersion(version);
      meterBuilder.setInstrumentationVersion(version);
    }
    this.tracer = tracerBuilder.build();
    Meter meter = meterBuilder.build();
    this.tokenUsage =
        meter
            .histogramBuilder("gen_ai.client.token.usage")
            .ofLongs()
            .setUnit("{token}")
            .setDescription("Number of input and output tokens used.")
            .setExplicitBucketBoundariesAdvice(TOKEN_BUCKETS)
            .build();
    this.operationDuration =
        meter
            .histogramBuilder("gen_ai.client.operation.duration")
            .setUnit("s")
            .setDescription("GenAI operation duration.")
            .setExplicitBucketBoundariesAdvice(SECONDS_BUCKETS)
            .build();
    this.timeToFirstChunk =
        meter
            .histogramBuilder("gen_ai.client.operation.time_to_first_chunk")
            .setUnit("s")
            .setDescription("Time to receive the first chunk of a streaming response.")
            .setExplicitBucketBoundariesAdvice(SECONDS_BUCKETS)
            .build();
    this.toolDuration =
        meter
            .histogramBuilder("toolstream.tool.call.duration")
            .setUnit("s")
            .setDescription("How long tool handlers ran, whatever their outcome.")
            .setExplicitBucketBoundariesAdvice(SECONDS_BUCKETS)
            .build();
    this.toolErrors =
        meter
            .counterBuilder("toolstream.tool.call.errors")
            .setUnit("{call}")
            .setDescription("Tool calls answered with an error result, by error.type.")
            .build();
    this.content = content;
    this.agentName = agentName;
  }
}
