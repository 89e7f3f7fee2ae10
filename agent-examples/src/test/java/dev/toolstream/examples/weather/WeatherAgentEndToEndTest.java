package dev.toolstream.examples.weather;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolstream.testkit.Chunking;
import dev.toolstream.testkit.ErrorReply;
import dev.toolstream.testkit.LineEnding;
import dev.toolstream.testkit.RecordedRequest;
import dev.toolstream.testkit.Reply;
import dev.toolstream.testkit.Script;
import dev.toolstream.testkit.ScriptedClaude;
import dev.toolstream.testkit.Turn;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Runs the CLI's real entry point against the scripted Claude and a MockWebServer Open-Meteo. */
class WeatherAgentEndToEndTest {
  private final MockWebServer openMeteo = new MockWebServer();
  private ScriptedClaude claude;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private boolean weatherFails;

  @BeforeEach
  void startOpenMeteo() throws Exception {
    openMeteo.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(mockwebserver3.RecordedRequest request) {
            String path = request.getUrl().encodedPath();
            if (path.equals("/v1/search")) {
              String name = request.getUrl().queryParameter("name");
              if (!List.of("Tokyo", "Paris").contains(name)) {
                return json(200, "{\"generationtime_ms\":0.3}");
              }
              double lat = name.equals("Tokyo") ? 35.6895 : 48.85341;
              return json(
                  200,
                  "{\"results\":[{\"id\":1,\"name\":\"" + name + "\",\"latitude\":" + lat
                      + ",\"longitude\":139.69,\"country\":\""
                      + (name.equals("Tokyo") ? "Japan" : "France") + "\"}]}");
            }
            if (weatherFails) {
              return json(503, "{\"error\":true,\"reason\":\"Service unavailable\"}");
            }
            boolean tokyo = "35.6895".equals(request.getUrl().queryParameter("latitude"));
            return json(
                200,
                "{\"current_units\":{\"temperature_2m\":\"°C\",\"relative_humidity_2m\":\"%\","
                    + "\"wind_speed_10m\":\"km/h\"},\"current\":{\"temperature_2m\":"
                    + (tokyo ? "14.3" : "9.1")
                    + ",\"relative_humidity_2m\":58,\"wind_speed_10m\":7.9,\"weather_code\":"
                    + (tokyo ? "2" : "61") + "}}");
          }
        });
    openMeteo.start();
  }

  @AfterEach
  void stop() {
    openMeteo.close();
    if (claude != null) {
      claude.close();
    }
  }

  private static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code).setHeader("content-type", "application/json").body(body).build();
  }

  private int run(ScriptedClaude server, String... args) {
    claude = server;
    Map<String, String> env = new HashMap<>();
    env.put("ANTHROPIC_API_KEY", "sk-ant-test-secret");
    env.put("ANTHROPIC_BASE_URL", server.baseUrl());
    env.put("OPEN_METEO_URL", openMeteo.url("/").toString());
    env.put("OPEN_METEO_GEOCODING_URL", openMeteo.url("/").toString());
    env.put("NO_COLOR", "1");
    return WeatherAgent.run(
        args,
        env::get,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String stdout() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private static Turn callWeather(String... cities) {
    Turn.Builder turn = Turn.builder().text("Let me check.").stopReason("tool_use");
    for (int i = 0; i < cities.length; i++) {
      turn.toolUse("toolu_" + i, "get_weather", "{\"city\":\"" + cities[i] + "\"}");
    }
    return turn.build();
  }

  private static Script echo(Turn calls) {
    return Script.echoToolResults(calls);
  }

  @Test
  void happyPathPrintsTheAnswerAndSendsTheToolResult() throws Exception {
    int status = run(ScriptedClaude.start(echo(callWeather("Tokyo"))), "What's the weather in Tokyo?");

    assertThat(status).isZero();
    assertThat(stdout()).isEqualTo("Let me check.\nTokyo, Japan: 14.3 °C, humidity 58 %, wind 7.9 km/h, partly cloudy (WMO code 2)\n");
    List<RecordedRequest> requests = claude.requests();
    assertThat(requests).hasSize(2);
    assertThat(requests.get(0).header("x-api-key")).isEqualTo("sk-ant-test-secret");
    assertThat(requests.get(0).body().get("model").asString()).isEqualTo("claude-sonnet-4-6");
    assertThat(requests.get(0).body().get("max_tokens").asInt()).isEqualTo(1024);
    List<JsonNode> history = requests.get(1).messages();
    assertThat(history).hasSize(3);
    assertThat(history.get(1).get("content").get(1).get("input").get("city").asString()).isEqualTo("Tokyo");
    JsonNode result = requests.get(1).toolResults().get(0);
    assertThat(result.get("tool_use_id").asString()).isEqualTo("toolu_0");
    assertThat(result.has("is_error")).isFalse();
    assertThat(result.get("content").asString()).contains("14.3 °C");
    assertThat(openMeteo.takeRequest().getUrl().toString()).contains("/v1/search?name=Tokyo&count=1");
    assertThat(openMeteo.takeRequest().getUrl().toString()).contains("temperature_unit=celsius").contains("current=");
    assertThat(stderr()).contains("→ get_weather {\"city\":\"Tokyo\"}").contains("← get_weather: Tokyo, Japan");
    assertThat(stderr()).containsPattern("usage: \\d+ input tokens, \\d+ output tokens over 2 turns");
    assertThat(stderr()).doesNotContain("sk-ant-test-secret");
  }

  @Test
  void theUsageLineShowsCacheReadsAndWritesWhenThereAreAny() {
    Turn calls =
        Turn.builder()
            .text("Let me check.")
            .toolUse("toolu_0", "get_weather", "{\"city\":\"Tokyo\"}")
            .usage(3, 40)
            .cacheCreation(400, 0)
            .build();
    Turn answer =
        Turn.builder().text("Mild in Tokyo.").usage(5, 12).cacheUsage(0, 400).cacheCreation(0, 150).build();

    int status = run(ScriptedClaude.start(calls, answer), "Tokyo?");

    assertThat(status).isZero();
    assertThat(claude.requests()).allSatisfy(request -> assertThat(request.body().get("cache_control").get("type").asString()).isEqualTo("ephemeral"));
    assertThat(stderr())
        .contains(
            "usage: 958 input tokens (400 read from cache, 550 written to cache, 150 of them for 1h),"
                + " 52 output tokens over 2 turns");
  }

  @Test
  void twoCitiesInOneTurnAreAnsweredTogether() {
    int status = run(ScriptedClaude.start(echo(callWeather("Tokyo", "Paris"))), "Tokyo and Paris?");

    assertThat(status).isZero();
    List<JsonNode> results = claude.requests().get(1).toolResults();
    assertThat(results).hasSize(2);
    assertThat(results.get(0).get("content").asString()).startsWith("Tokyo");
    assertThat(results.get(1).get("content").asString()).startsWith("Paris").contains("slight rain");
  }

  @Test
  void badToolInputGoesBackToTheModelAsAnError() {
    Turn bad = Turn.builder().toolUse("toolu_0", "get_weather", "{\"town\":\"Tokyo\"}").stopReason("tool_use").build();

    int status = run(ScriptedClaude.start(echo(bad)), "Tokyo?");

    assertThat(status).isZero();
    JsonNode result = claude.requests().get(1).toolResults().get(0);
    assertThat(result.get("is_error").asBoolean()).isTrue();
    assertThat(result.get("content").asString()).contains("city").contains("(required)").contains("town");
    assertThat(openMeteo.getRequestCount()).isZero();
  }

  @Test
  void anUnknownToolIsNamedToTheModel() {
    Turn unknown = Turn.builder().toolUse("toolu_0", "get_forecast", "{\"city\":\"Tokyo\"}").stopReason("tool_use").build();

    run(ScriptedClaude.start(echo(unknown)), "Tokyo?");

    assertThat(claude.requests().get(1).toolResults().get(0).get("content").asString())
        .contains("get_forecast").contains("Available tools: get_weather");
  }

  @Test
  void aFailingWeatherServiceIsAnErrorResult() {
    weatherFails = true;

    int status = run(ScriptedClaude.start(echo(callWeather("Tokyo"))), "Tokyo?");

    assertThat(status).isZero();
    JsonNode result = claude.requests().get(1).toolResults().get(0);
    assertThat(result.get("is_error").asBoolean()).isTrue();
    assertThat(result.get("content").asString()).contains("HTTP 503").contains("Service unavailable");
    assertThat(stderr()).contains("✗ get_weather");
  }

  @Test
  void anUnknownCityIsANormalResultNamingIt() {
    run(ScriptedClaude.start(echo(callWeather("Atlantis"))), "Atlantis?");

    JsonNode result = claude.requests().get(1).toolResults().get(0);
    assertThat(result.has("is_error")).isFalse();
    assertThat(result.get("content").asString()).isEqualTo("No place called \"Atlantis\" was found.");
  }

  @Test
  void rateLimitWithRetryAfterIsRetried() {
    Reply limited = ErrorReply.of(429, "rate_limit_error", "Slow down").retryAfter(Duration.ofSeconds(1));

    int status = run(ScriptedClaude.start(limited, callWeather("Tokyo"), Turn.text("Sunny.")), "Tokyo?");

    assertThat(status).isZero();
    assertThat(claude.requests()).hasSize(3);
    assertThat(stderr()).contains("429").contains("retrying in 1000 ms");
  }

  @Test
  void overloadedTwiceThenSuccess() {
    Reply overloaded = ErrorReply.of(529, "overloaded_error", "Overloaded").retryAfterMillis(Duration.ofMillis(10));

    int status = run(ScriptedClaude.start(overloaded, overloaded, Turn.text("Sunny in Tokyo.")), "Tokyo?");

    assertThat(status).isZero();
    assertThat(stdout()).isEqualTo("Sunny in Tokyo.\n");
    assertThat(claude.requests()).hasSize(3);
  }

  @Test
  void unauthorizedIsOneClearLineWithTheRequestId() {
    Reply denied = ErrorReply.of(401, "authentication_error", "invalid x-api-key").requestId("req_401");

    int status = run(ScriptedClaude.start(denied), "Tokyo?");

    assertThat(status).isEqualTo(Failures.API_ERROR);
    assertThat(stderr())
        .contains("error: the API answered 401 authentication_error: invalid x-api-key (request-id req_401)")
        .doesNotContain("\tat ")
        .doesNotContain("sk-ant-test-secret");
    assertThat(claude.requests()).hasSize(1);
  }

  @Test
  void anErrorEventMidStreamIsReported() {
    Turn failing = Turn.builder().text("Let me check the weather for you.").errorEventAfter(4, "overloaded_error", "Overloaded").build();

    int status = run(ScriptedClaude.start(failing), "Tokyo?");

    assertThat(status).isEqualTo(Failures.STREAM_ERROR);
    assertThat(stderr()).contains("error: the stream carried an error event: overloaded_error: Overloaded").doesNotContain("\tat ");
  }

  @Test
  void aBrokenStreamIsReported() {
    Turn broken = Turn.builder().text("Let me check the weather for you.").disconnectAfter(4).build();

    int status = run(ScriptedClaude.start(broken), "Tokyo?");

    assertThat(status).isEqualTo(Failures.STREAM_ERROR);
    assertThat(stderr()).contains("error: the stream broke before the reply was complete");
  }

  @Test
  void singleByteChunksWithCrlfGiveTheSameRun() {
    ScriptedClaude server =
        ScriptedClaude.builder()
            .script(echo(callWeather("Tokyo")))
            .chunking(Chunking.bytes(1))
            .lineEnding(LineEnding.CRLF)
            .build()
            .start();

    int status = run(server, "Tokyo?");

    assertThat(status).isZero();
    assertThat(stdout()).isEqualTo("Let me check.\nTokyo, Japan: 14.3 °C, humidity 58 %, wind 7.9 km/h, partly cloudy (WMO code 2)\n");
  }

  @Test
  void theTurnLimitIsReported() {
    int status = run(ScriptedClaude.start(request -> callWeather("Tokyo")), "--max-turns", "2", "Tokyo?");

    assertThat(status).isEqualTo(Failures.TURN_LIMIT);
    assertThat(claude.requests()).hasSize(2);
    assertThat(stderr()).contains("error: stopped after 2 turns (--max-turns 2)");
  }

  @Test
  void maxTokensInsideAToolCallIsReported() {
    Turn cut = Turn.builder().toolUse("toolu_0", "get_weather", "{\"city\": \"Tok").stopReason("max_tokens").build();

    int status = run(ScriptedClaude.start(cut), "--max-tokens", "50", "Tokyo?");

    assertThat(status).isEqualTo(Failures.MAX_TOKENS);
    assertThat(stderr()).contains("--max-tokens 50 in the middle of a tool call, so no tool ran");
    assertThat(openMeteo.getRequestCount()).isZero();
  }

  @Test
  void withoutAKeyItRunsTheSimulationAndSaysSo() {
    Map<String, String> env = Map.of("NO_COLOR", "1");

    int status =
        WeatherAgent.run(
            new String[] {"What's the weather in Paris?"},
            env::get,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(status).isZero();
    assertThat(stderr()).contains("simulated").contains("→ get_weather {\"city\":\"Paris\"}");
    assertThat(stdout()).contains("Paris, France").contains("°C");
  }

  @Test
  void helpAndBadOptions() {
    assertThat(WeatherAgent.run(new String[] {"--help"}, k -> null, new PrintStream(out, true, StandardCharsets.UTF_8), System.err)).isZero();
    assertThat(stdout()).contains("--model").contains("--max-tokens").contains("--max-turns").contains("--verbose").contains("ANTHROPIC_API_KEY");
    assertThat(WeatherAgent.run(new String[] {"--max-turns", "x", "q"}, k -> null, System.out, new PrintStream(err, true, StandardCharsets.UTF_8)))
        .isEqualTo(Failures.USAGE);
    assertThat(stderr()).startsWith("error: ");
  }
}
