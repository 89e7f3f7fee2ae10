package dev.toolstream.otel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolstream.agent.AgentResult;
import dev.toolstream.agent.ToolOutput;
import dev.toolstream.otel.internal.GenAi;
import dev.toolstream.testkit.Turn;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** A run with parallel tool calls makes one span tree, nested as the work was. */
class SpanTreeTest extends TelemetryTestSupport {
  private final ExecutorService toolThreads = Executors.newFixedThreadPool(2);

  /** What each handler saw while it ran, by city: the current span and the MDC. */
  private final Map<String, SpanContext> currentSpans = new ConcurrentHashMap<>();

  private final Map<String, Map<String, String>> logContexts = new ConcurrentHashMap<>();

  @AfterEach
  void stopToolThreads() {
    toolThreads.shutdownNow();
  }

  /** Runs two calls at once (each waits for the other to start) and answers "Both sunny.". */
  private AgentResult runWithParallelCalls() {
    CountDownLatch bothStarted = new CountDownLatch(2);
    enqueue(
        Turn.builder()
            .id("msg_1")
            .toolUse("toolu_paris", "get_weather", "{\"city\":\"Paris\"}")
            .toolUse("toolu_tokyo", "get_weather", "{\"city\":\"Tokyo\"}")
            .usage(100, 40)
            .cacheUsage(10, 50)
            .build(),
        Turn.builder().id("msg_2").text("Both sunny.").usage(200, 5).build());
    return agent(
            AgentTelemetry.create(openTelemetry),
            weatherTool(
                (input, context) -> {
                  String city = input.get("city").asString();
                  currentSpans.put(city, Span.current().getSpanContext());
                  logContexts.put(city, MDC.getCopyOfContextMap());
                  bothStarted.countDown();
                  if (!bothStarted.await(WAIT.toSeconds(), TimeUnit.SECONDS)) {
                    throw new AssertionError("the other call never started");
                  }
                  return ToolOutput.text("Sunny in " + city);
                }))
        .toolExecutor(toolThreads)
        .build()
        .run("Weather in Paris and Tokyo?");
  }

  @Test
  void aRunIsOneInvokeAgentSpanWithItsChatAndToolSpansAsChildren() {
    AgentResult result = runWithParallelCalls();

    assertThat(result.text()).isEqualTo("Both sunny.");
    SpanData run = span("invoke_agent");
    assertThat(run.getParentSpanContext().isValid()).isFalse();
    assertThat(run.getKind()).isEqualTo(SpanKind.INTERNAL);
    List<SpanData> chats = spans("chat claude-sonnet-4-6");
    List<SpanData> tools = spans("execute_tool get_weather");
    assertThat(chats).hasSize(2);
    assertThat(tools).hasSize(2);
    for (SpanData child : List.of(chats.get(0), chats.get(1), tools.get(0), tools.get(1))) {
      assertThat(child.getParentSpanId()).isEqualTo(run.getSpanId());
      assertThat(child.getTraceId()).isEqualTo(run.getTraceId());
    }
    assertThat(chats).allSatisfy(chat -> assertThat(chat.getKind()).isEqualTo(SpanKind.CLIENT));
    assertThat(tools)
        .extracting(tool -> attribute(tool, GenAi.TOOL_CALL_ID))
        .containsExactlyInAnyOrder("toolu_paris", "toolu_tokyo");
  }

  @Test
  void forAgentNamesTheRunsOfOneAgentAndLeavesTheTelemetryItCameFromUnnamed() {
    enqueue(Turn.text("Hi."), Turn.text("Hi."));
    AgentTelemetry telemetry =
        AgentTelemetry.builder(openTelemetry).captureContent(true).maxContentLength(2).build();

    agent(telemetry.forAgent("support")).build().run("Hello");
    agent(telemetry).build().run("Hello");

    SpanData support = span("invoke_agent support");
    assertThat(attribute(support, GenAi.AGENT_NAME)).isEqualTo("support");
    assertThat(attribute(span("invoke_agent"), GenAi.AGENT_NAME)).isNull();
    assertThat(spans("chat claude-sonnet-4-6"))
        .as("both keep the content settings: captured, cut to 2 characters")
        .allSatisfy(
            chat ->
                assertThat(chat.getAttributes().get(GenAi.OUTPUT_MESSAGES)).isEqualTo("[{"));
  }

  @Test
  void aHandlerRunsWithItsExecuteToolSpanCurrentOnTheToolExecutorsThread() {
    runWithParallelCalls();

    for (SpanData tool : spans("execute_tool get_weather")) {
      String city = attribute(tool, GenAi.TOOL_CALL_ID).equals("toolu_paris") ? "Paris" : "Tokyo";
      assertThat(currentSpans.get(city).getSpanId()).isEqualTo(tool.getSpanId());
    }
  }

  @Test
  void aHandlerOnTheLibrarysToolThreadsRunsWithItsSpanCurrent() {
    AtomicReference<String> current = new AtomicReference<>();
    enqueue(
        Turn.builder().toolUse("toolu_1", "get_weather", "{\"city\":\"Paris\"}").build(),
        Turn.text("Done."));

    agent(
            AgentTelemetry.create(openTelemetry),
            weatherTool(
                (input, context) -> {
                  current.set(Span.current().getSpanContext().getSpanId());
                  return ToolOutput.text("Sunny");
                }))
        .build()
        .run("Weather?");

    assertThat(current.get()).isEqualTo(span("execute_tool get_weather").getSpanId());
  }

  @Test
  void theMdcCarriesTheRunTheTurnAndTheToolCallWhileAHandlerRuns() {
    runWithParallelCalls();

    String runId = attribute(span("invoke_agent"), GenAi.RUN_ID);
    assertThat(logContexts.get("Paris"))
        .containsEntry("toolstream.run_id", runId)
        .containsEntry("toolstream.turn", "1")
        .containsEntry("toolstream.tool_call_id", "toolu_paris");
    assertThat(logContexts.get("Tokyo")).containsEntry("toolstream.tool_call_id", "toolu_tokyo");
  }

  @Test
  void chatSpansCarryTheRequestTheResponseAndTheUsageAsTheConventionsNameThem() {
    runWithParallelCalls();

    SpanData first = spans("chat claude-sonnet-4-6").get(0);
    Attributes attributes = first.getAttributes();
    assertThat(attributes.get(GenAi.OPERATION_NAME)).isEqualTo("chat");
    assertThat(attributes.get(GenAi.PROVIDER_NAME)).isEqualTo("anthropic");
    assertThat(attributes.get(GenAi.REQUEST_MODEL)).isEqualTo("claude-sonnet-4-6");
    assertThat(attributes.get(GenAi.REQUEST_MAX_TOKENS)).isEqualTo(1024L);
    assertThat(attributes.get(GenAi.REQUEST_STREAM)).isTrue();
    assertThat(attributes.get(GenAi.RESPONSE_ID)).isEqualTo("msg_1");
    assertThat(attributes.get(GenAi.RESPONSE_MODEL)).isNotBlank();
    assertThat(attributes.get(GenAi.RESPONSE_FINISH_REASONS)).containsExactly("tool_use");
    // Anthropic's input_tokens leaves the cache out; the conventions count it in.
    assertThat(attributes.get(GenAi.USAGE_INPUT_TOKENS)).isEqualTo(160L);
    assertThat(attributes.get(GenAi.USAGE_OUTPUT_TOKENS)).isEqualTo(40L);
    assertThat(attributes.get(GenAi.USAGE_CACHE_CREATION_INPUT_TOKENS)).isEqualTo(10L);
    assertThat(attributes.get(GenAi.USAGE_CACHE_READ_INPUT_TOKENS)).isEqualTo(50L);
    assertThat(attributes.get(GenAi.RESPONSE_TIME_TO_FIRST_CHUNK)).isNotNull().isNotNegative();
    assertThat(attributes.get(GenAi.SERVER_ADDRESS)).isNotBlank();
    assertThat(attributes.get(GenAi.SERVER_PORT)).isPositive();
    assertThat(first.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
  }

  @Test
  void theRunSpanAddsUpTheUsageOfEveryTurn() {
    runWithParallelCalls();

    Attributes run = span("invoke_agent").getAttributes();
    assertThat(run.get(GenAi.OPERATION_NAME)).isEqualTo("invoke_agent");
    assertThat(run.get(GenAi.PROVIDER_NAME)).isEqualTo("anthropic");
    assertThat(run.get(GenAi.USAGE_INPUT_TOKENS)).isEqualTo(360L);
    assertThat(run.get(GenAi.USAGE_OUTPUT_TOKENS)).isEqualTo(45L);
    assertThat(run.get(GenAi.RESPONSE_FINISH_REASONS)).containsExactly("end_turn");
  }

  @Test
  void toolSpansNameTheToolTheCallAndItsType() {
    runWithParallelCalls();

    SpanData tool = spans("execute_tool get_weather").get(0);
    assertThat(tool.getKind()).isEqualTo(SpanKind.INTERNAL);
    assertThat(attribute(tool, GenAi.OPERATION_NAME)).isEqualTo("execute_tool");
    assertThat(attribute(tool, GenAi.TOOL_NAME)).isEqualTo("get_weather");
    assertThat(attribute(tool, GenAi.TOOL_TYPE)).isEqualTo("function");
    assertThat(attribute(tool, GenAi.TOOL_DESCRIPTION)).isEqualTo("Current weather in a city.");
    assertThat(tool.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
  }

  @Test
  void tokenUsageIsRecordedPerTokenTypeWithTheConventionsAttributes() {
    runWithParallelCalls();

    List<HistogramPointData> points = histogram("gen_ai.client.token.usage");
    HistogramPointData input = point(points, "input");
    HistogramPointData output = point(points, "output");
    assertThat(input.getSum()).isEqualTo(360.0);
    assertThat(input.getCount()).isEqualTo(2);
    assertThat(output.getSum()).isEqualTo(45.0);
    assertThat(input.getAttributes().get(GenAi.OPERATION_NAME)).isEqualTo("chat");
    assertThat(input.getAttributes().get(GenAi.PROVIDER_NAME)).isEqualTo("anthropic");
    assertThat(input.getAttributes().get(GenAi.REQUEST_MODEL)).isEqualTo("claude-sonnet-4-6");
    assertThat(input.getAttributes().get(GenAi.RESPONSE_MODEL)).isNotBlank();
    assertThat(input.getAttributes().get(GenAi.SERVER_PORT)).isPositive();
    assertThat(metric("gen_ai.client.token.usage").getUnit()).isEqualTo("{token}");
  }

  @Test
  void operationDurationIsRecordedForEachChatAndTheRunAndToolDurationForEachCall() {
    runWithParallelCalls();

    List<HistogramPointData> durations = histogram("gen_ai.client.operation.duration");
    assertThat(durations)
        .filteredOn(point -> "chat".equals(point.getAttributes().get(GenAi.OPERATION_NAME)))
        .singleElement()
        .satisfies(point -> assertThat(point.getCount()).isEqualTo(2));
    assertThat(durations)
        .filteredOn(point -> "invoke_agent".equals(point.getAttributes().get(GenAi.OPERATION_NAME)))
        .singleElement()
        .satisfies(point -> assertThat(point.getCount()).isEqualTo(1));
    assertThat(metric("gen_ai.client.operation.duration").getUnit()).isEqualTo("s");
    assertThat(histogram("toolstream.tool.call.duration"))
        .singleElement()
        .satisfies(point -> assertThat(point.getCount()).isEqualTo(2));
    assertThat(histogram("gen_ai.client.operation.time_to_first_chunk"))
        .singleElement()
        .satisfies(point -> assertThat(point.getCount()).isEqualTo(2));
  }

  @Test
  void aRunNestsUnderTheSpanCurrentWhereItIsCalledAndCarriesTheConversationId() {
    enqueue(Turn.text("Hello."));
    io.opentelemetry.api.trace.Span parent =
        openTelemetry.getTracer("test").spanBuilder("request").startSpan();

    try (var scope = parent.makeCurrent();
        var conversation = AgentTelemetry.conversation("conv_42")) {
      agent(AgentTelemetry.create(openTelemetry)).build().run("Hi");
    } finally {
      parent.end();
    }

    SpanData run = span("invoke_agent");
    assertThat(run.getParentSpanId()).isEqualTo(parent.getSpanContext().getSpanId());
    assertThat(attribute(run, GenAi.CONVERSATION_ID)).isEqualTo("conv_42");
    assertThat(attribute(span("chat claude-sonnet-4-6"), GenAi.CONVERSATION_ID))
        .isEqualTo("conv_42");
    assertThat(histogram("gen_ai.client.operation.duration"))
        .as("a conversation id would make one series per conversation")
        .allSatisfy(point -> assertThat(point.getAttributes().get(GenAi.CONVERSATION_ID)).isNull());
  }

  private static HistogramPointData point(List<HistogramPointData> points, String tokenType) {
    return points.stream()
        .filter(point -> tokenType.equals(point.getAttributes().get(GenAi.TOKEN_TYPE)))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + tokenType + " point in " + points));
  }
}
