package dev.toolstream.agent;

import dev.toolstream.client.MessagesClient;
import dev.toolstream.stream.RecordedStreams;
import dev.toolstream.testkit.Reply;
import dev.toolstream.testkit.ScriptedClaude;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A scripted Claude standing in for the API, a client on it, and the weather tool of the tests. */
abstract class AgentTestSupport {
  static final Duration WAIT = Duration.ofSeconds(5);
  static final JsonMapper JSON = JsonMapper.builder().build();
  static final String WEATHER_SCHEMA =
      "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"},"
          + "\"unit\":{\"type\":\"string\",\"enum\":[\"celsius\",\"fahrenheit\"]}},"
          + "\"required\":[\"city\"],\"additionalProperties\":false}";

  private final Queue<Reply> replies = new ConcurrentLinkedQueue<>();
  ScriptedClaude claude;
  MessagesClient client;
  final List<JsonNode> handled = new ArrayList<>();

  @BeforeEach
  void startClaude() {
    // A request past the last queued reply makes the script throw: the client gets a 500 saying so.
    claude = ScriptedClaude.start(request -> replies.remove());
    client = client(claude.baseUrl());
  }

  @AfterEach
  void stopClaude() {
    claude.close();
  }

  /** Queues the replies to the next requests, in order. */
  void enqueue(Reply... next) {
    replies.addAll(List.of(next));
  }

  /** Returns a client without retries on the server at {@code baseUrl}. */
  static MessagesClient client(String baseUrl) {
    return MessagesClient.builder().apiKey("test-key").baseUrl(baseUrl).maxRetries(0).build();
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
              return ToolOutput.text("Sunny, 21 °C in " + input.get("city").asString());
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

  /** Returns the body of the next request the scripted Claude received, as JSON. */
  JsonNode nextRequestBody() throws InterruptedException {
    return claude.takeRequest(WAIT).body();
  }

  /**
   * Takes every request the scripted Claude received and returns the last one's messages, every
   * number read exactly as the conformance recordings are, to compare with them as JSON trees.
   */
  JsonNode lastRequestMessagesExactly() throws InterruptedException {
    String last = null;
    for (int i = requestCount(); i > 0; i--) {
      last = claude.takeRequest(WAIT).bodyText();
    }
    return RecordedStreams.parse(last).get("messages");
  }

  /** Returns how many requests reached the scripted Claude. */
  int requestCount() {
    return claude.requests().size();
  }

  static JsonNode json(String text) {
    return JSON.readTree(text);
  }
}
