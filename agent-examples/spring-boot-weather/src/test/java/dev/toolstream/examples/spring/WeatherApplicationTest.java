package dev.toolstream.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The Spring Boot weather agent, offline: it says Claude and Open-Meteo are simulated, serves the
 * relay's page with its policy, and streams an answer in the page's events.
 */
@SpringBootTest(
    classes = WeatherApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "weather.simulate=true")
@ExtendWith(OutputCaptureExtension.class)
class WeatherApplicationTest {
  @LocalServerPort int port;
  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void thePageIsTheRelaysWithItsPolicy() throws Exception {
    HttpResponse<String> page = get("/");

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("fetch(\"stream\"").contains("maxlength=\"4000\"");
    assertThat(page.headers().firstValue("content-security-policy"))
        .hasValueSatisfying(policy -> assertThat(policy).contains("script-src 'sha256-"));
  }

  @Test
  void aQuestionStreamsTheToolCallAndTheAnswer() throws Exception {
    HttpResponse<String> stream =
        get(
            "/stream?prompt="
                + URLEncoder.encode("What's the weather in Tokyo?", StandardCharsets.UTF_8));

    assertThat(stream.statusCode()).isEqualTo(200);
    List<String> names = new ArrayList<>();
    for (String line : stream.body().split("\n")) {
      if (line.startsWith("event:")) {
        names.add(line.substring("event:".length()).strip());
      }
    }
    assertThat(names).contains("tool_call", "tool_result").endsWith("done");
    assertThat(names.get(0)).isEqualTo("text");
    assertThat(stream.body())
        .contains("\"name\":\"get_weather\",\"input\":{\"city\":\"Tokyo\"}")
        .contains("Tokyo, Japan: 14.3");
  }

  @Test
  void aPostedConversationStreamsTheAnswerToItsLastQuestion() throws Exception {
    String conversation =
        "{\"messages\": [{\"role\": \"user\", \"content\": \"Weather in Paris?\"},"
            + " {\"role\": \"assistant\", \"content\": \"Mild in Paris.\"},"
            + " {\"role\": \"user\", \"content\": \"What's the weather in Tokyo?\"}]}";
    HttpResponse<String> stream =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/stream"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(conversation))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(stream.statusCode()).isEqualTo(200);
    assertThat(stream.body()).contains("Tokyo, Japan: 14.3").contains("event:done");
  }

  @Test
  void anEmptyQuestionIsRefused() throws Exception {
    assertThat(get("/stream?prompt=").statusCode()).isEqualTo(400);
  }

  @Test
  void itSaysThatClaudeIsSimulated(CapturedOutput output) throws Exception {
    get("/");
    // The note is logged once, when the context starts, inside this class's capture.
    assertThat(output.getAll()).contains("are simulated on loopback");
  }
}
