package dev.toolstream.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.toolstream.errors.IncompleteStreamException;
import dev.toolstream.errors.OverloadedException;
import dev.toolstream.errors.StreamErrorException;
import dev.toolstream.messages.Role;
import dev.toolstream.messages.Usage;
import dev.toolstream.testkit.ErrorReply;
import dev.toolstream.testkit.Turn;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the model cannot fix ends the run with a typed exception that keeps the history. */
class RunEndingFailuresTest extends AgentTestSupport {

  @Test
  void maxTokensInsideAToolCallRunsNoToolAndKeepsTheTruncatedReply() {
    enqueue(
        Turn.builder()
            .text("Checking.")
            .toolUse("toolu_1", "get_weather", "{\"city\": \"Tok")
            .stopReason("max_tokens")
            .usage(50, 1024)
            .build());

    MaxTokensException e =
        catchThrowableOfType(
            MaxTokensException.class, () -> agent(weatherTool()).build().run("Weather?"));

    assertThat(e).hasMessageContaining("max_tokens (1024)").hasMessageContaining("no tool ran");
    assertThat(handled).isEmpty();
    assertThat(requestCount()).isEqualTo(1);
    assertThat(e.history()).hasSize(1);
    assertThat(e.truncatedMessage().toolUses().get(0).invalidInput()).isNotNull();
    assertThat(e.turnUsage()).containsExactly(new Usage(50, 1024, 0, 0));
  }

  @Test
  void theTurnLimitEndsTheRunWithAHistoryThatCanContinue() throws Exception {
    for (int i = 1; i <= 3; i++) {
      enqueue(Turn.builder().toolUse("toolu_" + i, "get_weather", "{\"city\":\"Oslo\"}").build());
    }

    TurnLimitException e =
        catchThrowableOfType(
            TurnLimitException.class,
            () -> agent(weatherTool()).maxTurns(3).build().run("Keep checking"));

    assertThat(e.maxTurns()).isEqualTo(3);
    assertThat(requestCount()).isEqualTo(3);
    assertThat(e.turnUsage()).hasSize(3);
    assertThat(e.history()).hasSize(7);
    assertThat(e.history().get(6).role()).isEqualTo(Role.USER);
    assertThat(handled).hasSize(3);
  }

  @Test
  void anHttpErrorEndsTheRunWithTheApiExceptionAsCause() throws Exception {
    enqueue(
        Turn.builder()
            .toolUse("toolu_1", "get_weather", "{\"city\":\"Oslo\"}")
            .usage(10, 5)
            .build(),
        ErrorReply.of(529, "overloaded_error", "Overloaded").requestId("req_529"));

    AgentException e =
        catchThrowableOfType(
            AgentException.class, () -> agent(weatherTool()).build().run("Weather?"));

    assertThat(e).isExactlyInstanceOf(AgentException.class).hasMessageStartingWith("turn 2 failed");
    assertThat(e.getCause()).isInstanceOf(OverloadedException.class);
    assertThat(((OverloadedException) e.getCause()).requestId()).isEqualTo("req_529");
    assertThat(e.history()).hasSize(3);
    assertThat(e.usage()).isEqualTo(new Usage(10, 5, 0, 0));
  }

  @Test
  void anErrorEventEndsTheRunWithThePartialReply() {
    // The error event comes where message_delta would: after message_start and the text block.
    enqueue(
        Turn.builder()
            .textDeltas("Partial answer")
            .errorEventAfter(4, "overloaded_error", "Overloaded")
            .build());

    AgentException e =
        catchThrowableOfType(AgentException.class, () -> agent().build().run("Hi"));

    StreamErrorException cause = (StreamErrorException) e.getCause();
    assertThat(cause.partialMessage().text()).isEqualTo("Partial answer");
    assertThat(e.history()).hasSize(1);
  }

  @Test
  void aBrokenStreamEndsTheRun() {
    // The connection closes where message_delta would come: after message_start and the text block.
    enqueue(Turn.builder().textDeltas("Cut short").disconnectAfter(4).build());

    AgentException e =
        catchThrowableOfType(AgentException.class, () -> agent().build().run("Hi"));

    assertThat(e.getCause()).isInstanceOf(IncompleteStreamException.class);
  }

  @Test
  void listenersHearOfTheFailureOnce() {
    enqueue(Turn.builder().toolUse("toolu_1", "x", "{").stopReason("max_tokens").build());
    List<AgentException> errors = new ArrayList<>();

    catchThrowableOfType(
        MaxTokensException.class,
        () ->
            agent(weatherTool())
                .listener(
                    new AgentListener() {
                      @Override
                      public void onError(AgentException error) {
                        errors.add(error);
                      }
                    })
                .build()
                .run("Hi"));

    assertThat(errors).hasSize(1).first().isInstanceOf(MaxTokensException.class);
  }
}
