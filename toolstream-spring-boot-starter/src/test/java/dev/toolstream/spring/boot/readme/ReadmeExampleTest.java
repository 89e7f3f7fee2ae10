package dev.toolstream.spring.boot.readme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolstream.testkit.ScriptedClaude;
import dev.toolstream.testkit.Turn;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The README's example application answers through its tool bean, against a scripted Claude. */
@SpringBootTest(
    classes = WeatherApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReadmeExampleTest {
  static final ScriptedClaude claude =
      ScriptedClaude.start(
          request ->
              request.toolResults().isEmpty()
                  ? Turn.builder()
                      .toolUse("toolu_1", "weather", "{\"city\":\"Lisbon\"}")
                      .stopReason("tool_use")
                      .build()
                  : Turn.text(
                      "It's " + request.toolResults().get(0).path("content").asString() + "."));

  @DynamicPropertySource
  static void claude(DynamicPropertyRegistry registry) {
    registry.add("toolstream.base-url", claude::baseUrl);
    registry.add("toolstream.api-key", () -> "sk-ant-readme-test");
  }

  @AfterAll
  static void stop() {
    claude.close();
  }

  @LocalServerPort int port;

  @Test
  void theExampleAnswersThroughItsToolBean() throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/answer?prompt=Weather+in+Lisbon"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("It's Sunny and 21 °C in Lisbon.");
  }
}
