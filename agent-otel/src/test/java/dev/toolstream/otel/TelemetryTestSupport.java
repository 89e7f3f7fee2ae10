package dev.toolstream.otel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolstream.agent.Agent;
import dev.toolstream.agent.ToolOutput;
import dev.toolstream.agent.ToolSpec;
import dev.toolstream.client.MessagesClient;
import dev.toolstream.testkit.Reply;
import dev.toolstream.testkit.ScriptedClaude;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import tools.jackson.databind.json.JsonMapper;

/**
 * An OpenTelemetry SDK that keeps what it records in memory, a scripted Claude standing in for the
 * API, and an agent builder wired to both.
 */
abstract class TelemetryTestSupport {
  static final Duration WAIT = Duration.ofSeconds(5);
  static final String API_KEY = "sk-ant-api03-test-key-that-must-never-show";

  final InMemorySpanExporter spans = InMemorySpanExporter.create();
  final InMemoryMetricReader metrics = InMemoryMetricReader.create();

  /** Counts down when a run's span ends, so a test can wait for a run on another thread. */
  final CountDownLatch runEnded = new CountDownLatch(1);

  private final Queue<Reply> replies = new ConcurrentLinkedQueue<>();
  OpenTelemetrySdk openTelemetry;
  ScriptedClaude claude;

  @BeforeEach
  void startSdkAndClaude() {
    openTelemetry =
        OpenTelemetrySdk.builder()
            .setTracerProvider(
                SdkTracerProvider.builder()
                    .addSpanProcessor(SimpleSpanProcessor.create(spans))
                    .addSpanProcessor(new RunEnds())
                    .build())
            .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(metrics).build())
            .build();
    claude = ScriptedClaude.start(request -> replies.remove());
  }

  @AfterEach
  void stopSdkAndClaude() {
    claude.close();
    openTelemetry.close();
  }

  /** Queues the replies to the next requests, in order. */
  void enqueue(Reply... next) {
    replies.addAll(List.of(next));
  }

  /** Returns a client of the scripted Claude, without retries. */
  MessagesClient.Builder client() {
    return MessagesClient.builder().apiKey(API_KEY).baseUrl(claude.baseUrl()).maxRetries(0);
  }

  Agent.Builder agent(AgentTelemetry telemetry, ToolSpec... tools) {
    return Agent.builder()
        .client(client().build())
        .model("claude-sonnet-4-6")
        .maxTokens(1024)
        .tools(List.of(tools))
        .observer(telemetry);
  }

  /** A tool that answers with a fixed report for the city it is given. */
  static ToolSpec weatherTool(dev.toolstream.agent.ToolHandler handler) {
    return ToolSpec.builder("get_weather")
        .description("Current weather in a city.")
        .inputSchema(
            JsonMapper.builder()
                .build()
                .readTree(
                    "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},"
                        + "\"required\":[\"city\"],\"additionalProperties\":false}"))
        .handler(handler)
        .build();
  }

  static ToolSpec weatherTool() {
    return weatherTool(
        (input, context) -> ToolOutput.text("Sunny in " + input.get("city").asString()));
  }

  /** Waits for the run's span to end, for runs on other threads. */
  void awaitRunEnded() throws InterruptedException {
    assertThat(runEnded.await(WAIT.toSeconds(), TimeUnit.SECONDS))
        .as("the run's span ended")
        .isTrue();
  }

  /** Returns the finished span named {@code name}; fails unless exactly one has it. */
  SpanData span(String name) {
    List<SpanData> named = spans(name);
    assertThat(named).as("spans named " + name).hasSize(1);
    return named.get(0);
  }

  /** Returns the finished spans named {@code name}, in the order they ended. */
  List<SpanData> spans(String name) {
    return spans.getFinishedSpanItems().stream()
        .filter(span -> span.getName().equals(name))
        .collect(Collectors.toList());
  }

  static <T> T attribute(SpanData span, AttributeKey<T> key) {
    return span.getAttributes().get(key);
  }

  /** Returns the metric named {@code name}; fails if there is none. */
  MetricData metric(String name) {
    return metrics.collectAllMetrics().stream()
        .filter(metric -> metric.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no metric " + name));
  }

  /** Returns the histogram points of {@code name}, one per set of attributes. */
  List<HistogramPointData> histogram(String name) {
    MetricData metric = metric(name);
    return metric.getType() == io.opentelemetry.sdk.metrics.data.MetricDataType.HISTOGRAM
        ? List.copyOf(metric.getHistogramData().getPoints())
        : List.of();
  }

  private final class RunEnds implements SpanProcessor {
    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {}

    @Override
    public boolean isStartRequired() {
      return false;
    }

    @Override
    public void onEnd(ReadableSpan span) {
      if (span.getName().startsWith("invoke_agent")) {
        runEnded.countDown();
      }
    }

    @Override
    public boolean isEndRequired() {
      return true;
    }
  }
}
