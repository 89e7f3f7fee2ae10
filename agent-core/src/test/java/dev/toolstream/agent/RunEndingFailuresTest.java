package dev.toolstream.agent;

import static dev.toolstream.agent.Replies.reply;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.toolstream.client.IncompleteStreamException;
import dev.toolstream.client.OverloadedException;
import dev.toolstream.client.StreamErrorException;
import dev.toolstream.messages.Role;
import dev.toolstream.messages.Usage;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.Test;

/** What the model cannot fix ends the run with a typed exception that keeps the history. */
class RunEndingFailuresTest extends AgentTestSupport {

  @Test
  void maxTokensInsideAToolCallRunsNoToolAndKeepsTheTruncatedReply() {
    server.enqueue(
        reply("msg_1")
            .text("Checking.")
            .toolUse("toolu_1", "get_weather", "{\"city\": \"Tok")
            .stopReason("max_tokens")
            .usage(50, 1024)
            .response());

    MaxTokensException e =
        catchThrowableOfType(
            MaxTokensException.class, () -> agent(weatherTool()).build().run("Weather?"));

    assertThat(e).hasMessageContaining("max_tokens (1024)").hasMessageContaining("no tool ran");
    assertThat(handled).isEmpty();
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(e.history()).hasSize(1);
    assertThat(e.truncatedMessage().toolUses().get(0).invalidInput()).isNotNull();
    assertThat(e.turnUsage()).containsExactly(new Usage(50, 1024, 0, 0));
  }

  @Test
  void theTurnLimitEndsTheRunWithAHistoryThatCanContinue() throws Exception {
    for (int i = 1; i <= 3; i++) {
      server.enqueue(
          reply("msg_" + i)
              .toolUse("toolu_" + i, "get_weather", "{\"city\":\"Oslo\"}")
              .stopReason("tool_use")
              .response());
    }

    TurnLimitException e =
        catchThrowableOfType(
            TurnLimitException.class,
            () -> agent(weatherTool()).maxTurns(3).build().run("Keep checking"));

    assertThat(e.maxTurns()).isEqualTo(3);
    assertThat(server.getRequestCount()).isEqualTo(3);
    assertThat(e.turnUsage()).hasSize(3);
    assertThat(e.history()).hasSize(7);
    assertThat(e.history().get(6).role()).isEqualTo(Role.USER);
    assertThat(handled).hasSize(3);
  }

  @Test
  void anHttpErrorEndsTheRunWithTheApiExceptionAsCause() throws Exception {
    server.enqueue(
        reply("msg_1")
            .toolUse("toolu_1", "get_weather", "{\"city\":\"Oslo\"}")
            .stopReason("tool_use")
            .usage(10, 5)
            .response());
    server.enqueue(
        new MockResponse.Builder()
            .code(529)
            .setHeader("request-id", "req_529")
            .setHeader("content-type", "application/json")
            .body(
                "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\","
                    + "\"message\":\"Overloaded\"}}")
            .build());

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
    String sse =
        reply("msg_1").text("Partial answer").sse().replaceFirst(
            "event: message_delta[\\s\\S]*",
            "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\","
                + "\"message\":\"Overloaded\"}}\n\n");
    server.enqueue(Replies.stream(sse));

    AgentException e =
        catchThrowableOfType(AgentException.class, () -> agent().build().run("Hi"));

    StreamErrorException cause = (StreamErrorException) e.getCause();
    assertThat(cause.partialMessage().text()).isEqualTo("Partial answer");
    assertThat(e.history()).hasSize(1);
  }

  @Test
  void aBrokenStreamEndsTheRun() {
    String sse = reply("msg_1").text("Cut short").sse();
    server.enqueue(
        new MockResponse.Builder()
            .setHeader("content-type", "text/event-stream")
            .body(sse.substring(0, sse.indexOf("event: message_delta")))
            .onResponseEnd(SocketEffect.ShutdownConnection.INSTANCE)
            .build());

    AgentException e =
        catchThrowableOfType(AgentException.class, () -> agent().build().run("Hi"));

    assertThat(e.getCause()).isInstanceOf(IncompleteStreamException.class);
  }

  @Test
  void listenersHearOfTheFailureOnce() {
    server.enqueue(
        reply("msg_1").toolUse("toolu_1", "x", "{").stopReason("max_tokens").response());
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
