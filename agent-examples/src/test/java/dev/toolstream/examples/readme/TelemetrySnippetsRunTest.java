package dev.toolstream.examples.readme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolstream.agent.ToolOutput;
import dev.toolstream.agent.ToolSpec;
import dev.toolstream.client.MessagesClient;
import dev.toolstream.testkit.Script;
import dev.toolstream.testkit.ScriptedClaude;
import dev.toolstream.testkit.Turn;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The README's telemetry snippet, run: one run makes the span tree the README shows. */
final class TelemetrySnippetsRunTest {
  @Test
  void theSnippetsRunIsAnInvokeAgentSpanOverItsChatAndToolSpans() {
    InMemorySpanExporter spans = InMemorySpanExporter.create();
    ToolSpec weather =
        ToolSpec.builder("get_weather")
            .description("Current weather in a city.")
            .inputSchema(JsonMapper.builder().build().readTree("{\"type\":\"object\"}"))
            .handler((input, context) -> ToolOutput.text("Sunny"))
            .build();
    try (OpenTelemetrySdk sdk =
            OpenTelemetrySdk.builder()
                .setTracerProvider(
                    SdkTracerProvider.builder()
                        .addSpanProcessor(SimpleSpanProcessor.create(spans))
                        .build())
                .build();
        ScriptedClaude claude =
            ScriptedClaude.start(
                Script.echoToolResults(
                    Turn.builder().toolUse("get_weather", "{\"city\":\"Tokyo\"}").build()))) {
      MessagesClient client =
          MessagesClient.builder().baseUrl(claude.baseUrl()).apiKey("test-key").build();

      TelemetrySnippets.tracedRun(sdk, client, weather, "session-7");

      // Before the SDK closes: shutting down clears the in-memory exporter.
      assertThat(spans.getFinishedSpanItems())
          .extracting(SpanData::getName)
          .containsExactlyInAnyOrder(
              "chat claude-sonnet-4-6",
              "execute_tool get_weather",
              "chat claude-sonnet-4-6",
              "invoke_agent weather-agent");
      SpanData run =
          spans.getFinishedSpanItems().stream()
              .filter(span -> span.getName().startsWith("invoke_agent"))
              .findFirst()
              .orElseThrow();
      assertThat(run.getAttributes().get(AttributeKey.stringKey("gen_ai.conversation.id")))
          .isEqualTo("session-7");
    }
  }
}
