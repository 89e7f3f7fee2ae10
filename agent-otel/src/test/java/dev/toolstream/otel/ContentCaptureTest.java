package dev.toolstream.otel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.toolstream.agent.ToolOutput;
import dev.toolstream.otel.internal.GenAi;
import dev.toolstream.testkit.Turn;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Test;

/** Prompts, answers, tool arguments and results are recorded only when asked for, and cut short. */
class ContentCaptureTest extends TelemetryTestSupport {
  private void runWeather(AgentTelemetry telemetry) {
    enqueue(
        Turn.builder().toolUse("toolu_1", "get_weather", "{\"city\":\"Paris\"}").build(),
        Turn.text("Sunny in Paris today."));
    agent(telemetry, weatherTool())
        .request(request -> request.system("You are a weather assistant."))
        .build()
        .run("Weather in Paris?");
  }

  @Test
  void noContentIsRecordedUnlessAskedFor() {
    runWeather(AgentTelemetry.create(openTelemetry));

    for (SpanData span : spans.getFinishedSpanItems()) {
      assertThat(span.getAttributes().asMap().keySet())
          .doesNotContain(
              GenAi.INPUT_MESSAGES,
              GenAi.OUTPUT_MESSAGES,
              GenAi.SYSTEM_INSTRUCTIONS,
              GenAi.TOOL_CALL_ARGUMENTS,
              GenAi.TOOL_CALL_RESULT);
      assertThat(span.getAttributes().toString()).doesNotContain("Paris");
    }
  }

  @Test
  void capturedContentFollowsTheConventionsMessageSchemas() {
    runWeather(AgentTelemetry.builder(openTelemetry).captureContent(true).build());

    SpanData firstChat = spans("chat claude-sonnet-4-6").get(0);
    assertThat(attribute(firstChat, GenAi.INPUT_MESSAGES))
        .isEqualTo(
            "[{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"Weather in"
                + " Paris?\"}]}]");
    assertThat(attribute(firstChat, GenAi.SYSTEM_INSTRUCTIONS))
        .isEqualTo("[{\"type\":\"text\",\"content\":\"You are a weather assistant.\"}]");
    assertThat(attribute(firstChat, GenAi.OUTPUT_MESSAGES))
        .isEqualTo(
            "[{\"role\":\"assistant\",\"parts\":[{\"type\":\"tool_call\",\"id\":\"toolu_1\","
                + "\"name\":\"get_weather\",\"arguments\":{\"city\":\"Paris\"}}],"
                + "\"finish_reason\":\"tool_use\"}]");
    SpanData secondChat = spans("chat claude-sonnet-4-6").get(1);
    assertThat(attribute(secondChat, GenAi.INPUT_MESSAGES))
        .contains(
            "{\"role\":\"user\",\"parts\":[{\"type\":\"tool_call_response\",\"id\":\"toolu_1\","
                + "\"response\":\"Sunny in Paris\"}]}");
    SpanData tool = span("execute_tool get_weather");
    assertThat(attribute(tool, GenAi.TOOL_CALL_ARGUMENTS)).isEqualTo("{\"city\":\"Paris\"}");
    assertThat(attribute(tool, GenAi.TOOL_CALL_RESULT)).isEqualTo("Sunny in Paris");
  }

  @Test
  void capturedContentIsCutAtTheConfiguredLength() {
    runWeather(
        AgentTelemetry.builder(openTelemetry).captureContent(true).maxContentLength(12).build());

    SpanData tool = span("execute_tool get_weather");
    assertThat(attribute(tool, GenAi.TOOL_CALL_ARGUMENTS)).isEqualTo("{\"city\":\"Par");
    assertThat(attribute(tool, GenAi.TOOL_CALL_RESULT)).isEqualTo("Sunny in Par");
    assertThat(attribute(spans("chat claude-sonnet-4-6").get(0), GenAi.INPUT_MESSAGES)).hasSize(12);
  }

  /** Runs one call of a tool that answers with an error naming a customer. */
  private void runLookupThatFails(AgentTelemetry telemetry) {
    enqueue(
        Turn.builder().toolUse("toolu_1", "get_weather", "{\"city\":\"Paris\"}").build(),
        Turn.text("Sorry."));
    agent(
            telemetry,
            weatherTool(
                (input, context) -> ToolOutput.error("No forecast for alice@example.com")))
        .build()
        .run("Weather?");
  }

  @Test
  void aToolsErrorResultStaysOffTheSpansUnlessContentIsCaptured() {
    runLookupThatFails(AgentTelemetry.create(openTelemetry));

    SpanData tool = span("execute_tool get_weather");
    assertThat(tool.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(attribute(tool, GenAi.ERROR_TYPE)).isEqualTo("tool_error");
    assertThat(spans.getFinishedSpanItems().toString()).doesNotContain("alice@example.com");
  }

  @Test
  void aToolsErrorResultIsTheStatusDescriptionWhenContentIsCaptured() {
    runLookupThatFails(
        AgentTelemetry.builder(openTelemetry).captureContent(true).maxContentLength(14).build());

    assertThat(span("execute_tool get_weather").getStatus().getDescription())
        .isEqualTo("No forecast fo");
  }

  @Test
  void invalidToolInputStaysOffTheSpansUnlessContentIsCaptured() {
    enqueue(
        Turn.builder().toolUse("toolu_1", "get_weather", "{\"city\": \"Paris").build(),
        Turn.text("Sorry."));

    agent(AgentTelemetry.create(openTelemetry), weatherTool()).build().run("Weather?");

    SpanData tool = span("execute_tool get_weather");
    assertThat(attribute(tool, GenAi.ERROR_TYPE)).isEqualTo("invalid_json");
    assertThat(tool.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(spans.getFinishedSpanItems().toString()).doesNotContain("Paris");
  }

  @Test
  void theApiKeyAppearsInNoSpanEvenWithContentCaptured() {
    enqueue(Turn.text("Hello."));
    AgentTelemetry telemetry = AgentTelemetry.builder(openTelemetry).captureContent(true).build();

    agent(telemetry).build().run("Hi");

    assertThat(spans.getFinishedSpanItems()).isNotEmpty();
    assertThat(spans.getFinishedSpanItems().toString()).doesNotContain(API_KEY);
  }

  @Test
  void aContentLengthBelowOneIsRefused() {
    assertThatThrownBy(() -> AgentTelemetry.builder(openTelemetry).maxContentLength(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxContentLength must be at least 1, was 0");
  }
}
