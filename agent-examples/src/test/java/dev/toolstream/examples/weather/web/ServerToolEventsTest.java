package dev.toolstream.examples.weather.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolstream.testkit.Script;
import dev.toolstream.testkit.Turn;
import java.io.IOException;
import java.util.List;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** A web search the API runs reaches the page as a tool call and its result, marked as server's. */
final class ServerToolEventsTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private ServedAgent served;

  @AfterEach
  void stop() {
    if (served != null) {
      served.close();
    }
  }

  @Test
  void aSearchStreamsAsAServerToolCallAndItsResult() throws IOException {
    Turn searched =
        Turn.builder()
            .serverToolUse("srvtoolu_1", "web_search", "{\"query\":\"Oslo forecast\"}")
            .webSearchResult(
                "srvtoolu_1",
                JSON.readTree(
                    "[{\"type\":\"web_search_result\",\"url\":\"https://a.example/oslo\","
                        + "\"title\":\"Oslo\",\"encrypted_content\":\"Eq\",\"page_age\":null}]"))
            .text("Snow tomorrow.")
            .build();
    served = ServedAgent.start(Script.of(searched));

    List<SseEvents.Event> events;
    try (Response response = served.get("/stream?prompt=Oslo")) {
      events = new SseEvents(response.body().source()).remaining();
    }

    // The search's input streams as tool_input fragments first, as a client tool's does.
    events = events.stream().filter(event -> !event.name().equals("tool_input")).toList();
    assertThat(SseEvents.names(events)).startsWith("tool_call", "tool_result", "text");
    assertThat(events.get(0).json())
        .isEqualTo(
            JSON.readTree(
                "{\"id\":\"srvtoolu_1\",\"name\":\"web_search\",\"input\":{\"query\":"
                    + "\"Oslo forecast\"},\"server\":true}"));
    assertThat(events.get(1).json())
        .isEqualTo(
            JSON.readTree(
                "{\"id\":\"srvtoolu_1\",\"name\":\"web_search_tool_result\",\"is_error\":false,"
                    + "\"content\":\"1 result [https://a.example/oslo]\"}"));
  }
}
