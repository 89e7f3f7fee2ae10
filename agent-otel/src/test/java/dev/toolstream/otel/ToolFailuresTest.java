package dev.toolstream.otel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolstream.agent.Agent;
import dev.toolstream.agent.AgentResult;
import dev.toolstream.agent.AgentSeams;
import dev.toolstream.agent.ToolOutput;
import dev.toolstream.agent.ToolSpec;
import dev.toolstream.otel.internal.GenAi;
import dev.toolstream.testkit.Turn;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A tool call the model gets an error result for is an execute_tool span in error, saying why. */
class ToolFailuresTest extends TelemetryTestSupport {
  /** Fires every timeout at once, whatever its delay: no test waits for real time to pass. */
  private final ScheduledThreadPoolExecutor timeoutsFireAtOnce =
      new ScheduledThreadPoolExecutor(1) {
        @Override
        public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
          return super.schedule(command, 0, TimeUnit.NANOSECONDS);
        }
      };

  private final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void stopTimer() {
    release.countDown();
    timeoutsFireAtOnce.shutdownNow();
  }

  private AgentResult runOneCall(String inputJson, ToolSpec tool) {
    return runOneCall(inputJson, agent(AgentTelemetry.create(openTelemetry), tool));
  }

  private AgentResult runOneCall(String inputJson, Agent.Builder agent) {
    enqueue(
        Turn.builder().toolUse("toolu_1", "get_weather", inputJson).build(), Turn.text("Sorry."));
    return agent.build().run("Weather?");
  }

  @Test
  void aSchemaViolationIsAToolSpanInErrorWhileTheRunSucceeds() {
    runOneCall("{\"town\":\"Paris\"}", weatherTool());

    SpanData tool = span("execute_tool get_weather");
    assertThat(attribute(tool, GenAi.ERROR_TYPE)).isEqualTo("schema_violation");
    assertThat(tool.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(tool.getStatus().getDescription()).contains("city");
    assertThat(span("invoke_agent").getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    assertThat(attribute(span("invoke_agent"), GenAi.ERROR_TYPE)).isNull();
  }

  @Test
  void aToolTimeoutIsAToolSpanInErrorOfTypeTimeout() {
    ToolSpec blocks =
        weatherTool(
            (input, context) -> {
              release.await(); // Until the timeout interrupts it.
              return ToolOutput.text("late");
            });

    runOneCall(
        "{\"city\":\"Paris\"}",
        AgentSeams.timer(agent(AgentTelemetry.create(openTelemetry), blocks), timeoutsFireAtOnce));

    SpanData tool = span("execute_tool get_weather");
    assertThat(attribute(tool, GenAi.ERROR_TYPE)).isEqualTo("timeout");
    assertThat(tool.getStatus().getDescription()).contains("timed out");
    assertThat(span("invoke_agent").getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
  }

  @Test
  void aHandlerThatThrowsRecordsItsExceptionOnTheToolSpan() {
    ToolSpec throwing =
        weatherTool(
            (input, context) -> {
              throw new IllegalStateException("the weather service is down");
            });

    runOneCall("{\"city\":\"Paris\"}", throwing);

    SpanData tool = span("execute_tool get_weather");
    assertThat(attribute(tool, GenAi.ERROR_TYPE)).isEqualTo("java.lang.IllegalStateException");
    List<EventData> events = tool.getEvents();
    assertThat(events).extracting(EventData::getName).containsExactly("exception");
    assertThat(events.get(0).getAttributes().get(AttributeKey.stringKey("exception.message")))
        .isEqualTo("the weather service is down");
  }

  @Test
  void toolErrorsAreCountedByToolAndErrorType() {
    runOneCall("{\"town\":\"Paris\"}", weatherTool());

    List<LongPointData> errors =
        List.copyOf(metric("toolstream.tool.call.errors").getLongSumData().getPoints());
    assertThat(errors)
        .singleElement()
        .satisfies(
            point -> {
              assertThat(point.getValue()).isEqualTo(1);
              assertThat(point.getAttributes().get(GenAi.TOOL_NAME)).isEqualTo("get_weather");
              assertThat(point.getAttributes().get(GenAi.ERROR_TYPE)).isEqualTo("schema_violation");
            });
  }

  @Test
  void aToolNameTheModelMadeUpMakesNoMetricSeriesOfItsOwn() {
    enqueue(
        Turn.builder()
            .toolUse("toolu_1", "get_time", "{}")
            .toolUse("toolu_2", "get_date", "{}")
            .build(),
        Turn.text("Sorry."));

    agent(AgentTelemetry.create(openTelemetry), weatherTool()).build().run("Time?");

    List<LongPointData> errors =
        List.copyOf(metric("toolstream.tool.call.errors").getLongSumData().getPoints());
    assertThat(errors)
        .as("one series for every unknown tool, whatever the model called it")
        .singleElement()
        .satisfies(
            point -> {
              assertThat(point.getValue()).isEqualTo(2);
              assertThat(point.getAttributes().get(GenAi.ERROR_TYPE)).isEqualTo("unknown_tool");
              assertThat(point.getAttributes().get(GenAi.TOOL_NAME)).isNull();
            });
    assertThat(histogram("toolstream.tool.call.duration")).hasSize(1);
  }

  @Test
  void anUnknownToolIsAToolSpanInErrorOfTypeUnknownTool() {
    enqueue(Turn.builder().toolUse("toolu_1", "get_time", "{}").build(), Turn.text("Sorry."));

    agent(AgentTelemetry.create(openTelemetry), weatherTool()).build().run("Time?");

    SpanData tool = span("execute_tool get_time");
    assertThat(attribute(tool, GenAi.ERROR_TYPE)).isEqualTo("unknown_tool");
    assertThat(attribute(tool, GenAi.TOOL_DESCRIPTION)).isNull();
    assertThat(tool.getParentSpanId()).isEqualTo(span("invoke_agent").getSpanId());
  }
}
