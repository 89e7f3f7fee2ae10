package dev.toolstream.otel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolstream.agent.AgentListener;
import dev.toolstream.agent.AgentResult;
import dev.toolstream.agent.ToolOutput;
import dev.toolstream.otel.internal.GenAi;
import dev.toolstream.testkit.Turn;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A cancelled run says so on its spans: error.type "cancelled", not a failure of its own. */
class CancellationTest extends TelemetryTestSupport {
  private final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void releaseHandlers() {
    release.countDown();
  }

  @Test
  void cancellingDuringAToolCallEndsTheToolAndTheRunSpansAsCancelled() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    enqueue(Turn.builder().toolUse("toolu_1", "get_weather", "{\"city\":\"Paris\"}").build());
    CompletableFuture<AgentResult> run =
        agent(
                AgentTelemetry.create(openTelemetry),
                weatherTool(
                    (input, context) -> {
                      started.countDown();
                      release.await(); // Until the cancellation interrupts it.
                      return ToolOutput.text("never");
                    }))
            .build()
            .runAsync("Weather?");
    assertThat(started.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

    run.cancel(true);
    awaitRunEnded();

    SpanData tool = span("execute_tool get_weather");
    assertThat(attribute(tool, GenAi.ERROR_TYPE)).isEqualTo("cancelled");
    assertThat(tool.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    SpanData agentRun = span("invoke_agent");
    assertThat(attribute(agentRun, GenAi.ERROR_TYPE)).isEqualTo("cancelled");
    assertThat(agentRun.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(attribute(span("chat claude-sonnet-4-6"), GenAi.ERROR_TYPE))
        .as("the model call had ended well before")
        .isNull();
  }

  @Test
  void cancellingWhileTheReplyStreamsEndsTheChatSpanAsCancelled() throws Exception {
    enqueue(Turn.builder().textDeltas("Thinking about it").stallAfter(3).build());
    CountDownLatch streaming = new CountDownLatch(1);
    CompletableFuture<AgentResult> run =
        agent(AgentTelemetry.create(openTelemetry))
            .listener(AgentListener.onText(text -> streaming.countDown()))
            .build()
            .runAsync("Go");
    assertThat(streaming.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

    run.cancel(true);
    awaitRunEnded();

    SpanData chat = span("chat claude-sonnet-4-6");
    assertThat(attribute(chat, GenAi.ERROR_TYPE)).isEqualTo("cancelled");
    assertThat(chat.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(attribute(span("invoke_agent"), GenAi.ERROR_TYPE)).isEqualTo("cancelled");
  }

  @Test
  void aRunCancelledBeforeItStartsStillEndsItsSpan() throws Exception {
    CompletableFuture<AgentResult> run =
        agent(AgentTelemetry.create(openTelemetry))
            .build()
            .runAsync(
                java.util.List.of(dev.toolstream.messages.MessageParam.user("Go")), command -> {});

    run.cancel(true);
    awaitRunEnded();

    assertThat(attribute(span("invoke_agent"), GenAi.ERROR_TYPE)).isEqualTo("cancelled");
    assertThat(spans("chat claude-sonnet-4-6")).isEmpty();
  }
}
