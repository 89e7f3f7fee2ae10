package dev.toolstream.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolstream.client.MessagesClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A MockWebServer standing in for the API, a client on it, and the weather tool of the tests. */
abstract class AgentTestSupport {
  static final JsonMapper JSON = JsonMapper.builder().build();
  static final String WEATHER_SCHEMA =
      "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"},"
          + "\"unit\":{\"type\":\"string\",\"enum\":[\"celsius\",\"fahrenheit\"]}},"
          + "\"required\":[\"city\"],\"additionalProperties\":false}";

  MockWebServer server;
  MessagesClient client;
  final List<JsonNode> handled = new ArrayList<>();

  @BeforeEach
  void startServer() throws Exception {
    server = new MockWebServer();
    server.start();
    client =
        MessagesClient.builder()
            .apiKey("test-key")
            .baseUrl(server.url("/").toString())
            .maxRetries(0)
            .build();
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  /** The weather tool: records each input it is called with and answers with a fixed report. */
  ToolSpec weatherTool() {
    return ToolSpec.builder("get_weather")
        .description("Current weather in a city.")
        .inputSchema(json(WEATHER_SCHEMA))
        .handler(
            (input, context) -> {
              synchronized (handled) {
                handled.add(input);
              }
              return ToolResult.text("Sunny, 21 °C in " + input.get("city").asString());
            })
        .build();
  }

  Agent.Builder agent(ToolSpec... tools) {
    return Agent.builder()
        .client(client)
        .model("claude-sonnet-4-6")
        .maxTokens(1024)
        .tools(List.of(tools));
  }

  /** Returns the body of the next request the server received, as JSON. */
  JsonNode nextRequestBody() throws InterruptedException {
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request).as("a request reached the server").isNotNull();
    return JSON.readTree(request.getBody().string(StandardCharsets.UTF_8));
  }

  static JsonNode json(String text) {
    return JSON.readTree(text);
  }
}
