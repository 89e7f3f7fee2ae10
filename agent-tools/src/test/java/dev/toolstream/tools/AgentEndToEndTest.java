package dev.toolstream.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolstream.agent.Agent;
import dev.toolstream.agent.AgentResult;
import dev.toolstream.client.MessagesClient;
import dev.toolstream.internal.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * An annotated class registered with a real {@link Agent} against a scripted API on loopback: the
 * model calls two of its methods in one turn and the next request carries both results.
 */
final class AgentEndToEndTest {
  private MockWebServer server;

  static final class ClockTools {
    @Tool(description = "Returns the local time in a city.")
    String local_time(String city) {
      return "09:30 in " + city;
    }
  }

  @BeforeEach
  void startServer() throws Exception {
    server = new MockWebServer();
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  @Test
  void twoAnnotatedMethodsCalledInOneTurnSendBothResultsInTheNextRequest() throws Exception {
    server.enqueue(
        stream(
            messageStart("msg_01")
                + textBlock(0, "Checking both.")
                + toolUseBlock(1, "toolu_01Weather", "get_weather", "{\"city\": \"Lis", "bon\"}")
                + toolUseBlock(2, "toolu_02Time", "local_time", "{\"ci", "ty\": \"Quito\"}")
                + messageEnd("tool_use")));
    server.enqueue(
        stream(messageStart("msg_02") + textBlock(0, "Sunny in Lisbon.") + messageEnd("end_turn")));
    MessagesClient client =
        MessagesClient.builder()
            .apiKey("test-key")
            .baseUrl(server.url("/").toString())
            .maxRetries(0)
            .build();
    Agent agent =
        Agent.builder()
            .client(client)
            .model("claude-sonnet-4-6")
            .tools(AnnotatedTools.fromAll(new WeatherExampleTest.WeatherTools(), new ClockTools()))
            .build();

    AgentResult result = agent.run("Weather in Lisbon and time in Quito?");

    JsonNode first = nextRequestBody();
    assertThat(first.at("/tools/0/name").asString()).isEqualTo("get_weather");
    assertThat(first.at("/tools/0/input_schema/properties/unit/default").asString())
        .isEqualTo("celsius");
    assertThat(first.at("/tools/1/name").asString()).isEqualTo("local_time");
    JsonNode second = nextRequestBody();
    JsonNode messages = second.get("messages");
    assertThat(messages).hasSize(3);
    assertThat(messages.get(2))
        .isEqualTo(
            Json.parse(
                "{\"role\":\"user\",\"content\":["
                    + "{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_01Weather\","
                    + "\"content\":\"{\\\"city\\\":\\\"Lisbon\\\",\\\"temperature\\\":21.5,"
                    + "\\\"unit\\\":\\\"celsius\\\"}\"},"
                    + "{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_02Time\","
                    + "\"content\":\"09:30 in Quito\"}]}"));
    assertThat(result.text()).isEqualTo("Sunny in Lisbon.");
  }

  private JsonNode nextRequestBody() throws InterruptedException {
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request).as("a request reached the server").isNotNull();
    return Json.parse(request.getBody().string(StandardCharsets.UTF_8));
  }

  private static MockResponse stream(String sse) {
    return new MockResponse.Builder()
        .code(200)
        .setHeader("content-type", "text/event-stream; charset=utf-8")
        .setHeader("request-id", "req_e2e")
        .body(new Buffer().write(sse.getBytes(StandardCharsets.UTF_8)))
        .build();
  }

  private static String messageStart(String id) {
    return event(
            "message_start",
            "{\"type\":\"message_start\",\"message\":{\"id\":\""
                + id
                + "\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4-6\","
                + "\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,\"usage\":"
                + "{\"input_tokens\":431,\"output_tokens\":1,\"cache_creation_input_tokens\":0,"
                + "\"cache_read_input_tokens\":0}}}")
        + event("ping", "{\"type\":\"ping\"}");
  }

  private static String textBlock(int index, String text) {
    return event(
            "content_block_start",
            "{\"type\":\"content_block_start\",\"index\":"
                + index
                + ",\"content_block\":{\"type\":\"text\",\"text\":\"\"}}")
        + delta(index, "{\"type\":\"text_delta\",\"text\":" + quote(text) + "}")
        + stop(index);
  }

  private static String toolUseBlock(int index, String id, String name, String... fragments) {
    StringBuilder sse =
        new StringBuilder(
            event(
                "content_block_start",
                "{\"type\":\"content_block_start\",\"index\":"
                    + index
                    + ",\"content_block\":{\"type\":\"tool_use\",\"id\":\""
                    + id
                    + "\",\"name\":\""
                    + name
                    + "\",\"input\":{}}}"));
    sse.append(delta(index, "{\"type\":\"input_json_delta\",\"partial_json\":\"\"}"));
    for (String fragment : fragments) {
      sse.append(
          delta(index, "{\"type\":\"input_json_delta\",\"partial_json\":" + quote(fragment) + "}"));
    }
    return sse.append(stop(index)).toString();
  }

  private static String messageEnd(String stopReason) {
    return event(
            "message_delta",
            "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\""
                + stopReason
                + "\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":118}}")
        + event("message_stop", "{\"type\":\"message_stop\"}");
  }

  private static String delta(int index, String delta) {
    return event(
        "content_block_delta",
        "{\"type\":\"content_block_delta\",\"index\":" + index + ",\"delta\":" + delta + "}");
  }

  private static String stop(int index) {
    return event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":" + index + "}");
  }

  private static String event(String name, String data) {
    return "event: " + name + "\ndata: " + data + "\n\n";
  }

  private static String quote(String text) {
    return Json.MAPPER.writeValueAsString(text);
  }
}
