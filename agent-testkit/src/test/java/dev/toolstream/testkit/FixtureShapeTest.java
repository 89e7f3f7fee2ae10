package dev.toolstream.testkit;

import static dev.toolstream.testkit.SseEvents.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Turns built to mirror the real streams in the fixtures encode to the very same bytes. */
final class FixtureShapeTest {

  @Test
  void textAndToolCallMatchTheFixtureByteForByte() {
    Turn turn =
        Turn.builder()
            .id("msg_01ToolExample")
            .usage(402, 71)
            .ping()
            .textDeltas(
                "I'll", " ch", "eck th", "e cur", "rent w", "eat", "he", "r in", " ", "Par", "is.")
            .ping()
            .toolUseFragments(
                "toolu_01ParisWeather",
                "get_weather",
                "",
                "{\"city\":",
                " \"Pa",
                "ris\", \"un",
                "i",
                "t\":",
                " \"celsiu",
                "s\"}")
            .ping()
            .build();

    assertThat(turn.toSse()).isEqualTo(fixture("tool_use.sse"));
  }

  @Test
  void thinkingWithSignatureMatchesTheFixtureByteForByte() {
    Turn turn =
        Turn.builder()
            .id("msg_01Think")
            .usage(510, 160)
            .ping()
            .thinkingDeltas(
                List.of("The user asks about Reykjavik; ", "get_weather takes a city."),
                "ErUBCkYIAxgCIkB0c2lnbmF0dXJlLWV4YW1wbGU=")
            .textDeltas("Check", "ing ", "Rey", "kja", "vik", ".")
            .toolUseFragments(
                "toolu_01Reyk", "get_weather", "", "{\"city\": ", "\"Reyk", "ja", "v", "ik\"}")
            .ping()
            .build();

    assertThat(turn.toSse()).isEqualTo(fixture("thinking_tool_use.sse"));
  }

  @Test
  void multiByteTextAndNewlinesMatchTheFixtureByteForByte() {
    String stream = fixture("text.sse");
    String[] deltas =
        SseEvents.parse(stream).stream()
            .filter(event -> event.data().contains("\"text_delta\""))
            .map(event -> TestJson.read(event.data()).path("delta").path("text").stringValue())
            .toArray(String[]::new);

    Turn turn =
        Turn.builder()
            .id("msg_01TextExample")
            .usage(18, 52)
            .ping()
            .textDeltas(deltas)
            .ping()
            .build();

    assertThat(turn.toSse()).isEqualTo(stream);
  }

  @Test
  void toolCallWithoutArgumentsSendsOnlyTheEmptyFragmentAsTheFixtureDoes() {
    Turn turn =
        Turn.builder()
            .id("msg_01NoArgs")
            .usage(220, 30)
            .ping()
            .toolUse("toolu_01NoArgs", "get_time", "{}")
            .ping()
            .build();

    assertThat(turn.toSse()).isEqualTo(fixture("empty_tool_input.sse"));
  }

  @Test
  void maxTokensStopMatchesTheFixtureByteForByte() {
    Turn turn =
        Turn.builder()
            .id("msg_01Cut")
            .usage(50, 12)
            .stopReason("max_tokens")
            .ping()
            .textDeltas(
                "He", "r", "e is ", "a long", " ", "an", "sw", "e", "r", " that ", "wi", "ll be ",
                "cut")
            .ping()
            .build();

    assertThat(turn.toSse()).isEqualTo(fixture("max_tokens.sse"));
  }

  @Test
  void errorEventAfterNineEventsMatchesTheFixtureByteForByte() {
    Turn turn =
        Turn.builder()
            .id("msg_fake_01")
            .usage(120, 30)
            .ping()
            .textDeltas("Par", "tial", " ans", "wer", " bef", "or", "e the cut")
            .errorEventAfter(9, "overloaded_error", "Overloaded")
            .build();

    assertThat(turn.toSse()).isEqualTo(fixture("error_midstream.sse"));
  }

  @Test
  void crlfStreamWithUnknownEventGivesTheFixtureEvents() {
    Turn turn =
        Turn.builder()
            .id("msg_fake_01")
            .usage(120, 42)
            .ping()
            .event("some_future_event", "{\"type\":\"some_future_event\",\"payload\":[1,2,3]}")
            .textDeltas("Li", "n", "e one\n", "Line", " tw", "o")
            .ping()
            .build();

    String fixture = fixture("crlf_unknown_events.sse");
    String withoutLeadingComment = fixture.substring(fixture.indexOf("\r\n") + 2);
    assertThat(turn.toSse(LineEnding.CRLF)).isEqualTo(withoutLeadingComment);
    assertThat(SseEvents.parse(turn.toSse(LineEnding.CRLF))).isEqualTo(SseEvents.parse(fixture));
  }
}
