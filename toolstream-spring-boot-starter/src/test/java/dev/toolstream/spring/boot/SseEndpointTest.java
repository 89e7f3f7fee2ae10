package dev.toolstream.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolstream.agent.Agent;
import dev.toolstream.testkit.StreamGate;
import dev.toolstream.testkit.Turn;
import dev.toolstream.tools.Tool;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link AgentSse} streams a run to a real HTTP client in the weather relay's events, and a client
 * that goes away cancels the run: its tool is interrupted, its stream to the API closed.
 */
@SpringBootTest(
    classes = SseEndpointTest.App.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "toolstream.sse.heartbeat=20ms")
class SseEndpointTest {
  @SpringBootConfiguration
  @EnableAutoConfiguration
  @Import({AskController.class, Kitchen.class, Claude.Config.class})
  static class App {}

  @RestController
  public static class AskController {
    private final Agent agent;
    private final AgentSse sse;

    public AskController(Agent agent, AgentSse sse) {
      this.agent = agent;
      this.sse = sse;
    }

    @GetMapping("/ask")
    public SseEmitter ask(@RequestParam String prompt) {
      return sse.stream(agent, prompt);
    }
  }

  /** Tools whose calls the test can hold, and see interrupted. */
  public static class Kitchen {
    static final CountDownLatch simmering = new CountDownLatch(1);
    static final CountDownLatch interrupted = new CountDownLatch(1);

    @Tool(description = "Tells the time in a city.")
    public String time(String city) {
      return "It is noon in " + city + ".";
    }

    @Tool(description = "Simmers a sauce until it is done.")
    public String simmer(String sauce) {
      simmering.countDown();
      try {
        new CountDownLatch(1).await(); // Until the run is cancelled.
        return "never";
      } catch (InterruptedException e) {
        interrupted.countDown();
        Thread.currentThread().interrupt();
        return "interrupted";
      }
    }
  }

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @LocalServerPort int port;
  @Autowired Agent agent;
  @Autowired Claude claude;
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void aRunStreamsAsTheRelaysEventsToARealClient() throws Exception {
    claude.enqueue(
        Turn.builder()
            .text("Let me check.")
            .toolUse("toolu_1", "time", "{\"city\":\"Lisbon\"}")
            .stopReason("tool_use")
            .build(),
        Turn.text("Noon in Lisbon."));

    HttpResponse<String> response =
        http.send(request("What time is it in Lisbon?"), HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("text/event-stream"));
    List<String[]> events = events(response.body());
    List<String> shape = new ArrayList<>();
    StringBuilder input = new StringBuilder();
    for (String[] event : events) {
      if (shape.isEmpty() || !shape.get(shape.size() - 1).equals(event[0])) {
        shape.add(event[0]);
      }
      if (event[0].equals("tool_input")) {
        input.append(JSON.readTree(event[1]).get("fragment").asString());
      }
    }
    assertThat(shape)
        .containsExactly(
            "text", "tool_input", "tool_call", "tool_result", "turn", "text", "turn", "done");
    assertThat(input.toString()).isEqualTo("{\"city\":\"Lisbon\"}");
    assertThat(data(events, "text").get(0)).isEqualTo("{\"text\":\"Let me check.\"}");
    assertThat(data(events, "tool_call").get(0))
        .isEqualTo("{\"id\":\"toolu_1\",\"name\":\"time\",\"input\":{\"city\":\"Lisbon\"}}");
    JsonNode result = JSON.readTree(data(events, "tool_result").get(0));
    assertThat(result.get("id").asString()).isEqualTo("toolu_1");
    assertThat(result.get("is_error").asBoolean()).isFalse();
    assertThat(result.get("content").asString()).isEqualTo("It is noon in Lisbon.");
    assertThat(result.get("duration_ms").asLong()).isNotNegative();
    JsonNode firstTurn = JSON.readTree(data(events, "turn").get(0));
    assertThat(firstTurn.get("turn").asInt()).isEqualTo(1);
    assertThat(firstTurn.get("stop_reason").asString()).isEqualTo("tool_use");
    assertThat(firstTurn.get("usage").has("cache_read_input_tokens")).isTrue();
    JsonNode done = JSON.readTree(data(events, "done").get(0));
    assertThat(done.get("stop_reason").asString()).isEqualTo("end_turn");
    assertThat(done.get("turns").asInt()).isEqualTo(2);
    assertThat(done.get("duration_ms").asLong()).isNotNegative();
  }

  private static List<String> data(List<String[]> events, String name) {
    return events.stream().filter(event -> event[0].equals(name)).map(event -> event[1]).toList();
  }

  @Test
  void aClientThatLeavesDuringAToolCallCancelsTheRun() throws Exception {
    claude.enqueue(Claude.toolCall("simmer", "{\"sauce\":\"tomato\"}"));

    HttpResponse<InputStream> response =
        http.send(request("Make a sauce."), HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream body = response.body()) {
      BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
      String line;
      while ((line = reader.readLine()) != null && !line.startsWith("event:tool_call")) {
        // Read up to the tool call.
      }
      assertThat(line).isNotNull();
      assertThat(Kitchen.simmering.await(Claude.WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    } // The client goes away while the tool runs.

    assertThat(Kitchen.interrupted.await(Claude.WAIT.toSeconds(), TimeUnit.SECONDS))
        .as("the tool was interrupted by the run's cancellation")
        .isTrue();
  }

  @Test
  void aClientThatLeavesMidReplyClosesTheStreamToTheApi() throws Exception {
    StreamGate gate = new StreamGate();
    claude.enqueue(Turn.builder().text("Part one. ").hold(gate).text("Part two.").build());
    try {
      HttpResponse<InputStream> response =
          http.send(request("Tell me a story."), HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream body = response.body()) {
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
        String line;
        while ((line = reader.readLine()) != null && !line.startsWith("event:text")) {
          // Read up to the first piece of text.
        }
        assertThat(line).isNotNull();
        assertThat(gate.awaitReached(Claude.WAIT)).isTrue();
      } // The client goes away while the reply streams.

      assertThat(claude.server.awaitClientDisconnect(Claude.WAIT))
          .as("the run's stream to the API was closed")
          .isTrue();
    } finally {
      gate.open();
    }
  }

  private HttpRequest request(String prompt) {
    return HttpRequest.newBuilder(
            URI.create(
                "http://127.0.0.1:"
                    + port
                    + "/ask?prompt="
                    + URLEncoder.encode(prompt, StandardCharsets.UTF_8)))
        .build();
  }

  /** Returns each event's name and data, from the raw stream. */
  private static List<String[]> events(String body) {
    List<String[]> events = new ArrayList<>();
    String name = null;
    for (String line : body.split("\n")) {
      if (line.startsWith("event:")) {
        name = line.substring("event:".length()).strip();
      } else if (line.startsWith("data:") && name != null) {
        events.add(new String[] {name, line.substring("data:".length())});
        name = null;
      }
    }
    return events;
  }
}
