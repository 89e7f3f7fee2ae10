package dev.toolstream.examples.weather;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolstream.agent.ToolSpec;
import dev.toolstream.internal.json.Json;
import dev.toolstream.mcp.NodeMcpClient;
import dev.toolstream.tools.AnnotatedTools;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code weather-agent --mcp}, started as its own process by the official TypeScript MCP SDK's
 * client over stdio, as Claude Desktop or Claude Code start it.
 */
class WeatherAgentMcpTest {
  /** Answers Tokyo; holds a lookup of "Slowville" until the test ends, as a hung API does. */
  private final CountDownLatch slowLookupStarted = new CountDownLatch(1);

  private final CountDownLatch release = new CountDownLatch(1);
  private final MockWebServer openMeteo = new MockWebServer();
  private NodeMcpClient client;

  @AfterEach
  void close() {
    release.countDown();
    if (client != null) {
      client.close();
    }
    openMeteo.close();
  }

  private static List<String> weatherAgent(String... options) {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command =
        new ArrayList<>(
            List.of(
                java.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                WeatherAgent.class.getName(),
                "--mcp"));
    command.addAll(List.of(options));
    return command;
  }

  /** The agent on an Open-Meteo that holds some lookups up. */
  private NodeMcpClient agentOnMockOpenMeteo(String... options) throws Exception {
    openMeteo.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            if ("Slowville".equals(request.getUrl().queryParameter("name"))) {
              slowLookupStarted.countDown();
              release.await();
            }
            if (request.getUrl().encodedPath().equals("/v1/search")) {
              return json(
                  "{\"results\":[{\"id\":1,\"name\":\"Tokyo\",\"latitude\":35.6895,"
                      + "\"longitude\":139.69,\"country\":\"Japan\"}]}");
            }
            return json(
                "{\"current_units\":{\"temperature_2m\":\"°C\",\"relative_humidity_2m\":\"%\","
                    + "\"wind_speed_10m\":\"km/h\"},\"current\":{\"temperature_2m\":14.3,"
                    + "\"relative_humidity_2m\":58,\"wind_speed_10m\":7.9,\"weather_code\":2}}");
          }
        });
    openMeteo.start();
    String base = openMeteo.url("/").toString().replaceAll("/$", "");
    return NodeMcpClient.spawn(
        weatherAgent(options), Map.of("OPEN_METEO_URL", base, "OPEN_METEO_GEOCODING_URL", base));
  }

  private static MockResponse json(String body) {
    return new MockResponse.Builder()
        .code(200)
        .setHeader("content-type", "application/json")
        .body(body)
        .build();
  }

  @Test
  void getWeatherIsListedWithItsSchemaAndAnswersFromTheStandIn() {
    client = NodeMcpClient.spawn(weatherAgent("--offline"), Map.of());
    ToolSpec declared =
        AnnotatedTools.from(new WeatherTools(new OkHttpClient(), "http://x", "http://x")).get(0);

    JsonNode tools = client.listTools();
    JsonNode answer = client.call("get_weather", Json.parse("{\"city\":\"Tokyo\"}"));

    assertThat(client.connected().get("server").get("name").asString()).isEqualTo("weather");
    assertThat(tools).hasSize(1);
    assertThat(tools.get(0).get("name").asString()).isEqualTo("get_weather");
    assertThat(tools.get(0).get("inputSchema")).isEqualTo(declared.definition().inputSchema());
    JsonNode result = answer.get("result");
    assertThat(result.path("isError").asBoolean(false)).isFalse();
    assertThat(result.get("content").get(0).get("text").asString()).contains("Tokyo");
  }

  @Test
  void aUnitOutsideTheSchemaIsRefusedWithTheReasonWithoutCallingOpenMeteo() throws Exception {
    client = agentOnMockOpenMeteo();

    JsonNode result =
        client
            .call("get_weather", Json.parse("{\"city\":\"Tokyo\",\"unit\":\"kelvin\"}"))
            .get("result");

    assertThat(result.get("isError").asBoolean()).isTrue();
    assertThat(result.get("content").get(0).get("text").asString())
        .startsWith("The input for tool get_weather does not match its input schema")
        .contains("$.unit")
        .contains("celsius");
    assertThat(openMeteo.getRequestCount()).as("requests that reached Open-Meteo").isZero();
  }

  @Test
  void aHungLookupTimesOutAsAnErrorResult() throws Exception {
    // One millisecond, counted from when the handler starts: the lookup it makes is held until the
    // test ends, so the time limit is the only way the call can end, and no test waits for a clock.
    client = agentOnMockOpenMeteo("--tool-timeout", "0.001");

    JsonNode result = client.call("get_weather", Json.parse("{\"city\":\"Slowville\"}"));

    assertThat(result.get("result").get("isError").asBoolean()).isTrue();
    assertThat(result.get("result").get("content").get(0).get("text").asString())
        .isEqualTo("Tool get_weather timed out after 1 ms and was stopped.");
  }

  @Test
  void aCancelledCallLeavesTheServerServing() throws Exception {
    client = agentOnMockOpenMeteo();
    client.startCall("slow", "get_weather", Json.parse("{\"city\":\"Slowville\"}"));
    assertThat(slowLookupStarted.await(60, TimeUnit.SECONDS)).isTrue();

    client.cancel("slow");

    assertThat(client.awaitCall("slow").get("error").get("message").asString())
        .contains("cancelled by the test");
    JsonNode next = client.call("get_weather", Json.parse("{\"city\":\"Tokyo\"}")).get("result");
    assertThat(next.path("isError").asBoolean(false)).isFalse();
    assertThat(next.get("content").get(0).get("text").asString()).contains("14.3");
  }

  @Test
  void mcpTakesNoQuestion() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int status =
        WeatherAgent.run(
            new String[] {"--mcp", "Tokyo?"},
            name -> null,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(status).isEqualTo(Failures.USAGE);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("--mcp takes no question and no --serve; the MCP client asks");
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void aToolTimeoutUnderAMillisecondIsRefused() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int status =
        WeatherAgent.run(
            new String[] {"--mcp", "--tool-timeout", "0.0005"},
            name -> null,
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(status).isEqualTo(Failures.USAGE);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("--tool-timeout must be from 0.001 seconds (1 ms) to 2147483647");
  }
}
