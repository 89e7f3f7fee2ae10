package dev.toolstream.otel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.toolstream.agent.Agent;
import dev.toolstream.agent.AgentException;
import dev.toolstream.client.ClientSeams;
import dev.toolstream.errors.IncompleteStreamException;
import dev.toolstream.otel.internal.GenAi;
import dev.toolstream.testkit.ErrorReply;
import dev.toolstream.testkit.Turn;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Test;

/** Retries stay inside their chat span; a model call that fails puts its error on both spans. */
class ModelCallFailuresTest extends TelemetryTestSupport {
  private Agent.Builder agentWithOneRetry() {
    return Agent.builder()
        .client(ClientSeams.retryAtOnce(client().maxRetries(1)).build())
        .model("claude-sonnet-4-6")
        .observer(AgentTelemetry.create(openTelemetry));
  }

  @Test
  void aRetried529StaysInsideOneChatSpanThatSucceeds() throws Exception {
    enqueue(ErrorReply.of(529, "overloaded_error", "Overloaded"), Turn.text("Hello."));

    agentWithOneRetry().build().run("Hi");

    assertThat(claude.takeRequest(WAIT)).isNotNull();
    assertThat(claude.takeRequest(WAIT)).as("the retry reached the API").isNotNull();
    SpanData chat = span("chat claude-sonnet-4-6");
    assertThat(chat.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    assertThat(attribute(chat, GenAi.ERROR_TYPE)).isNull();
    assertThat(attribute(chat, GenAi.RESPONSE_FINISH_REASONS)).containsExactly("end_turn");
  }

  @Test
  void aModelCallThatFailsAfterItsRetriesCarriesTheApisErrorType() {
    enqueue(
        ErrorReply.of(529, "overloaded_error", "Overloaded"),
        ErrorReply.of(529, "overloaded_error", "Overloaded"));

    assertThatThrownBy(() -> agentWithOneRetry().build().run("Hi"))
        .isInstanceOf(AgentException.class);

    SpanData chat = span("chat claude-sonnet-4-6");
    assertThat(attribute(chat, GenAi.ERROR_TYPE)).isEqualTo("overloaded_error");
    assertThat(attribute(span("invoke_agent"), GenAi.ERROR_TYPE)).isEqualTo("overloaded_error");
    assertThat(
            histogram("gen_ai.client.operation.duration").stream()
                .map(HistogramPointData::getAttributes)
                .filter(attributes -> "chat".equals(attributes.get(GenAi.OPERATION_NAME))))
        .singleElement()
        .satisfies(
            attributes ->
                assertThat(attributes.get(GenAi.ERROR_TYPE)).isEqualTo("overloaded_error"));
  }

  @Test
  void aBrokenStreamFailsTheChatAndTheRunSpansWithTheStreamsException() {
    enqueue(Turn.builder().textDeltas("Hel", "lo").disconnectAfter(3).build());

    assertThatThrownBy(() -> agentWithOneRetry().build().run("Hi"))
        .isInstanceOf(AgentException.class);

    SpanData chat = span("chat claude-sonnet-4-6");
    String streamBroke = IncompleteStreamException.class.getName();
    assertThat(attribute(chat, GenAi.ERROR_TYPE)).isEqualTo(streamBroke);
    assertThat(chat.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(chat.getEvents()).extracting(EventData::getName).containsExactly("exception");
    assertThat(
            chat.getEvents().get(0).getAttributes().get(AttributeKey.stringKey("exception.type")))
        .isEqualTo(streamBroke);
    assertThat(attribute(chat, GenAi.RESPONSE_TIME_TO_FIRST_CHUNK)).isNotNull();
    SpanData run = span("invoke_agent");
    assertThat(attribute(run, GenAi.ERROR_TYPE)).isEqualTo(streamBroke);
    assertThat(run.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
  }
}
