package dev.toolstream.examples.weather.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolstream.testkit.ErrorReply;
import dev.toolstream.testkit.Script;
import dev.toolstream.testkit.ScriptedClaude;
import dev.toolstream.testkit.StreamGate;
import dev.toolstream.testkit.Turn;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A run as the client of {@code /stream} receives it: headers, then events until done or error. */
final class StreamEventsTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private ServedAgent served;

  @AfterEach
  void stop() {
    if (served != null) {
      served.close();
    }
  }

  private List<SseEvents.Event> stream(String prompt) throws IOException {
    try (Response response = served.get("/stream?prompt=" + encode(prompt))) {
      assertThat(response.code()).isEqualTo(200);
      return new SseEvents(response.body().source()).remaining();
    }
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  /** Returns the names with each run of equal names as one: text deltas come in any number. */
  private static List<String> shape(List<SseEvents.Event> events) {
    List<String> shape = new ArrayList<>();
    for (String name : SseEvents.names(events)) {
      if (shape.isEmpty() || !shape.get(shape.size() - 1).equals(name)) {
        shape.add(name);
      }
    }
    return shape;
  }

  private static List<JsonNode> named(List<SseEvents.Event> events, String name) {
    return events.stream().filter(e -> e.name().equals(name)).map(SseEvents.Event::json).toList();
  }

  private static String text(List<SseEvents.Event> events) {
    StringBuilder text = new StringBuilder();
    events.stream()
        .filter(e -> e.name().equals("text"))
        .forEach(e -> text.append(e.json().get("text").asString()));
    return text.toString();
  }

  @Test
  void theResponseIsAnUnbufferedEventStream() throws IOException {
    served = ServedAgent.start(Script.of(Turn.text("Sunny.")));

    try (Response response = served.get("/stream?prompt=Tokyo")) {
      assertThat(response.code()).isEqualTo(200);
      assertThat(response.header("Content-Type")).isEqualTo("text/event-stream; charset=utf-8");
      assertThat(response.header("Cache-Control")).isEqualTo("no-cache");
      assertThat(response.header("X-Accel-Buffering")).isEqualTo("no");
    }
  }

  @Test
  void aTextAnswerIsTextEventsThenDoneWithUsage() throws Exception {
    served =
        ServedAgent.start(
            Script.of(Turn.builder().textDeltas("Sunny ", "in\nTōkyō 🌞.").usage(12, 7).build()));

    List<SseEvents.Event> events = stream("Weather in 東京?");

    assertThat(SseEvents.names(events)).containsExactly("text", "text", "turn", "done");
    assertThat(events.get(1).json().get("text").asString()).isEqualTo("in\nTōkyō 🌞.");
    JsonNode done = events.get(3).json();
    assertThat(done.get("stop_reason").asString()).isEqualTo("end_turn");
    assertThat(done.get("turns").asInt()).isEqualTo(1);
    assertThat(done.get("usage").get("input_tokens").asLong()).isEqualTo(12);
    assertThat(done.get("usage").get("output_tokens").asLong()).isEqualTo(7);
    assertThat(done.get("duration_ms").isIntegralNumber()).isTrue();
    assertThat(done.get("duration_ms").asLong()).isNotNegative();
    assertThat(served.claude.takeRequest(WAIT).lastUserText()).isEqualTo("Weather in 東京?");
  }

  @Test
  void aToolCallComesThenItsResultThenTheAnswer() throws Exception {
    Turn call =
        Turn.builder()
            .text("Let me check.")
            .toolUse("toolu_0", "get_weather", "{\"city\":\"Tokyo\"}")
            .build();
    served = ServedAgent.start(Script.echoToolResults(call));

    List<SseEvents.Event> events = stream("What's the weather in Tokyo?");

    assertThat(shape(events))
        .containsExactly(
            "text", "tool_input", "tool_call", "tool_result", "turn", "text", "turn", "done");
    JsonNode toolCall = named(events, "tool_call").get(0);
    assertThat(toolCall.get("id").asString()).isEqualTo("toolu_0");
    assertThat(toolCall.get("name").asString()).isEqualTo("get_weather");
    assertThat(toolCall.get("input").get("city").asString()).isEqualTo("Tokyo");
    JsonNode result = named(events, "tool_result").get(0);
    assertThat(result.get("id").asString()).isEqualTo("toolu_0");
    assertThat(result.get("is_error").asBoolean()).isFalse();
    assertThat(result.get("content").asString()).startsWith("Tokyo, Japan: 14.3 °C");
    assertThat(result.get("duration_ms").asLong()).isNotNegative();
    assertThat(text(events)).isEqualTo("Let me check." + result.get("content").asString());
  }

  @Test
  void toolInputFragmentsJoinedAreTheInputAsTheModelWroteIt() throws Exception {
    Turn call =
        Turn.builder()
            .toolUseFragments("toolu_0", "get_weather", "", "{\"ci", "ty\": \"Tok", "yo\"}")
            .build();
    served = ServedAgent.start(Script.echoToolResults(call));

    List<SseEvents.Event> events = stream("Tokyo?");

    List<JsonNode> fragments = named(events, "tool_input");
    assertThat(fragments).hasSize(4);
    assertThat(fragments.get(0).get("fragment").asString()).isEmpty();
    StringBuilder input = new StringBuilder();
    for (JsonNode fragment : fragments) {
      assertThat(fragment.get("id").asString()).isEqualTo("toolu_0");
      assertThat(fragment.get("name").asString()).isEqualTo("get_weather");
      input.append(fragment.get("fragment").asString());
    }
    assertThat(input.toString()).isEqualTo("{\"city\": \"Tokyo\"}");
    assertThat(SseEvents.names(events).indexOf("tool_call"))
        .isGreaterThan(SseEvents.names(events).lastIndexOf("tool_input"));
  }

  @Test
  void eachTurnIsAnEventWithItsStopReasonAndUsage() throws Exception {
    Turn call =
        Turn.builder()
            .toolUse("toolu_0", "get_weather", "{\"city\":\"Tokyo\"}")
            .usage(100, 20)
            .build();
    Turn answer = Turn.builder().text("Mild.").usage(150, 9).cacheUsage(40, 60).build();
    served =
        ServedAgent.start(request -> request.toolResults().isEmpty() ? call : answer);

    List<SseEvents.Event> events = stream("Tokyo?");

    List<JsonNode> turns = named(events, "turn");
    assertThat(turns).hasSize(2);
    assertThat(turns.get(0).get("turn").asInt()).isEqualTo(1);
    assertThat(turns.get(0).get("stop_reason").asString()).isEqualTo("tool_use");
    assertThat(turns.get(0).get("usage").get("output_tokens").asLong()).isEqualTo(20);
    assertThat(turns.get(1).get("turn").asInt()).isEqualTo(2);
    assertThat(turns.get(1).get("stop_reason").asString()).isEqualTo("end_turn");
    assertThat(turns.get(1).get("usage").get("cache_read_input_tokens").asLong()).isEqualTo(60);
  }

  @Test
  void doneCarriesTheCachedTokenCountsOfTheRun() throws Exception {
    Turn call =
        Turn.builder()
            .toolUse("toolu_0", "get_weather", "{\"city\":\"Tokyo\"}")
            .usage(100, 20)
            .cacheUsage(500, 0)
            .build();
    Turn answer = Turn.builder().text("Mild.").usage(150, 9).cacheUsage(0, 500).build();
    served =
        ServedAgent.start(request -> request.toolResults().isEmpty() ? call : answer);

    List<SseEvents.Event> events = stream("Tokyo?");

    JsonNode usage = named(events, "done").get(0).get("usage");
    assertThat(usage.get("input_tokens").asLong()).isEqualTo(250);
    assertThat(usage.get("output_tokens").asLong()).isEqualTo(29);
    assertThat(usage.get("cache_creation_input_tokens").asLong()).isEqualTo(500);
    assertThat(usage.get("cache_read_input_tokens").asLong()).isEqualTo(500);
  }

  @Test
  void anUpstream529IsAnErrorEventOfItsType() throws Exception {
    served = ServedAgent.start(Script.of(ErrorReply.of(529, "overloaded_error", "Overloaded")));

    List<SseEvents.Event> events = stream("Tokyo?");

    assertThat(SseEvents.names(events)).containsExactly("error");
    assertThat(events.get(0).json().get("type").asString()).isEqualTo("overloaded_error");
    assertThat(events.get(0).json().get("message").asString())
        .isEqualTo("Claude is overloaded right now. Try again in a moment.");
  }

  @Test
  void anErrorEventMidStreamEndsTheStreamWithAnError() throws Exception {
    Turn failing =
        Turn.builder()
            .textDeltas("Let me ", "check")
            .errorEventAfter(4, "overloaded_error", "Overloaded")
            .build();
    served = ServedAgent.start(Script.of(failing));

    List<SseEvents.Event> events = stream("Tokyo?");

    assertThat(SseEvents.names(events)).containsExactly("text", "text", "error");
    assertThat(events.get(2).json().get("type").asString()).isEqualTo("overloaded_error");
  }

  @Test
  void aBrokenUpstreamStreamIsAnErrorEvent() throws Exception {
    served = ServedAgent.start(Script.of(Turn.builder().text("Let me").disconnectAfter(3).build()));

    List<SseEvents.Event> events = stream("Tokyo?");

    assertThat(shape(events)).containsExactly("text", "error");
    assertThat(events.get(events.size() - 1).json().get("type").asString())
        .isEqualTo("stream_broken");
  }

  @Test
  void aPostWithAPromptStreamsLikeAGet() throws Exception {
    served = ServedAgent.start(Script.of(Turn.text("Sunny.")));

    try (Response response = served.post("/stream", "{\"prompt\": \"Tokyo?\"}")) {
      assertThat(response.header("Content-Type")).isEqualTo("text/event-stream; charset=utf-8");
      assertThat(SseEvents.names(new SseEvents(response.body().source()).remaining()))
          .containsExactly("text", "turn", "done");
    }
    assertThat(served.claude.takeRequest(WAIT).lastUserText()).isEqualTo("Tokyo?");
  }

  @Test
  void aPostWithMessagesContinuesTheConversation() throws Exception {
    served = ServedAgent.start(Script.of(Turn.text("Colder.")));
    String conversation =
        "{\"messages\": [{\"role\": \"user\", \"content\": \"Tokyo?\"},"
            + " {\"role\": \"assistant\","
            + " \"content\": [{\"type\": \"text\", \"text\": \"Mild.\"}]},"
            + " {\"role\": \"user\", \"content\": \"And Reykjavik?\"}]}";

    try (Response response = served.post("/stream", conversation)) {
      assertThat(SseEvents.names(new SseEvents(response.body().source()).remaining()))
          .containsExactly("text", "turn", "done");
    }

    List<JsonNode> sent = served.claude.takeRequest(WAIT).messages();
    assertThat(sent).hasSize(3);
    assertThat(sent.get(1).get("role").asString()).isEqualTo("assistant");
    assertThat(sent.get(2).get("content").toString()).contains("And Reykjavik?");
  }

  @Test
  void closingTheServerEndsALiveStreamWithACancelledError() throws Exception {
    StreamGate gate = new StreamGate();
    served =
        ServedAgent.start(
            ScriptedClaude.start(Turn.builder().text("Part one.").hold(gate).text("Two").build()),
            server -> {});
    try (Response response = served.get("/stream?prompt=Tokyo")) {
      SseEvents events = new SseEvents(response.body().source());
      assertThat(events.next().name()).isEqualTo("text");

      served.server.close();

      List<SseEvents.Event> rest = events.remaining();
      assertThat(SseEvents.names(rest)).containsExactly("error");
      assertThat(rest.get(0).json().get("type").asString()).isEqualTo("cancelled");
      assertThat(served.claude.awaitClientDisconnect(WAIT)).isTrue();
    }
  }
}
