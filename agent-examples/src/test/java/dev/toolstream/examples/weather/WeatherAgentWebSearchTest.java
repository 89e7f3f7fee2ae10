package dev.toolstream.examples.weather;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolstream.testkit.RecordedRequest;
import dev.toolstream.testkit.ScriptedClaude;
import dev.toolstream.testkit.Turn;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code --web-search} offers the API's web search, and the CLI shows each search on stderr. */
class WeatherAgentWebSearchTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private ScriptedClaude claude;

  @AfterEach
  void stop() {
    if (claude != null) {
      claude.close();
    }
  }

  private int run(Map<String, String> env, String... args) {
    return WeatherAgent.run(
        args,
        env::get,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private int runAgainst(ScriptedClaude server, String... args) {
    claude = server;
    return run(
        Map.of(
            "ANTHROPIC_API_KEY", "sk-ant-test-secret",
            "ANTHROPIC_BASE_URL", server.baseUrl(),
            "NO_COLOR", "1"),
        args);
  }

  private String stdout() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void inTheSimulationASearchShowsOnStderrLikeAToolCall() {
    int status = run(Map.of("NO_COLOR", "1"), "--web-search", "What's the forecast for Tokyo tomorrow?");

    assertThat(status).isZero();
    assertThat(stderr())
        .contains("simulated")
        .contains("→ web_search {\"query\":\"Tokyo weather forecast tomorrow\"}")
        .contains("← web_search: 1 result [https://weather.example/tokyo/forecast]")
        .doesNotContain("get_weather");
    assertThat(stdout()).contains("tomorrow in Tokyo will be partly cloudy");
  }

  @Test
  void theFlagOffersWebSearchAndItsCallsNeverReachATool() throws Exception {
    JsonNode results =
        JSON.readTree(
            "[{\"type\":\"web_search_result\",\"url\":\"https://a.example/oslo\","
                + "\"title\":\"Oslo\",\"encrypted_content\":\"Eq\",\"page_age\":null},"
                + "{\"type\":\"web_search_result\",\"url\":\"https://b.example/oslo\","
                + "\"title\":\"Oslo\",\"encrypted_content\":\"Eq\",\"page_age\":null}]");
    Turn searched =
        Turn.builder()
            .serverToolUse("srvtoolu_1", "get_weather", "{\"query\":\"Oslo forecast\"}")
            .webSearchResult("srvtoolu_1", results)
            .text("Snow tomorrow in Oslo.")
            .build();

    int status = runAgainst(ScriptedClaude.start(searched), "--web-search", "Oslo tomorrow?");

    assertThat(status).isZero();
    RecordedRequest request = claude.takeRequest(Duration.ofSeconds(5));
    assertThat(request.body().get("tools").get(1))
        .isEqualTo(
            JSON.readTree(
                "{\"type\":\"web_search_20260318\",\"name\":\"web_search\",\"max_uses\":3}"));
    assertThat(request.body().get("system").asString()).contains("search the web");
    assertThat(claude.requests()).hasSize(1);
    assertThat(stderr())
        .contains("→ get_weather {\"query\":\"Oslo forecast\"}")
        .contains("← get_weather: 2 results [https://a.example/oslo, https://b.example/oslo]");
    assertThat(stdout()).contains("Snow tomorrow in Oslo.");
  }

  @Test
  void withoutTheFlagNoServerToolIsOffered() throws Exception {
    int status = runAgainst(ScriptedClaude.start(Turn.text("I can only tell today's.")), "Oslo tomorrow?");

    assertThat(status).isZero();
    JsonNode tools = claude.takeRequest(Duration.ofSeconds(5)).body().get("tools");
    assertThat(tools).hasSize(1);
    assertThat(tools.get(0).get("name").asString()).isEqualTo("get_weather");
  }
}
