package dev.toolstream.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolstream.client.MessagesClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The key never shows: not in the properties' or the client's {@code toString}, nor in Actuator's
 * {@code env} and {@code configprops} endpoints, even set to show values, whether it was given as
 * {@code toolstream.api-key} or as {@code ANTHROPIC_API_KEY}.
 */
@SpringBootTest(
    classes = SecretsNeverShownTest.App.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "toolstream.api-key=" + Claude.API_KEY,
      "ANTHROPIC_API_KEY=sk-ant-env-key-that-must-never-show",
      "custom.copy-of-the-key=" + Claude.API_KEY,
      "management.endpoints.web.exposure.include=env,configprops",
      "management.endpoint.env.show-values=always",
      "management.endpoint.configprops.show-values=always"
    })
class SecretsNeverShownTest {
  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {}

  @LocalServerPort int port;
  @Autowired ToolstreamProperties properties;
  @Autowired MessagesClient client;

  @Test
  void toStringsMaskTheKey() {
    assertThat(properties.toString()).doesNotContain(Claude.API_KEY).contains("apiKey=******");
    assertThat(client.toString()).doesNotContain(Claude.API_KEY);
  }

  @Test
  void theEnvEndpointShowsValuesButNotTheKeys() throws Exception {
    String env = get("/actuator/env");

    assertThat(env).contains("management.endpoint.env.show-values").contains("always");
    assertThat(env).contains("toolstream.api-key").contains("custom.copy-of-the-key");
    assertThat(env).doesNotContain(Claude.API_KEY).doesNotContain("sk-ant-env-key");
  }

  @Test
  void theConfigpropsEndpointShowsValuesButNotTheKey() throws Exception {
    String configprops = get("/actuator/configprops");

    assertThat(configprops).contains("toolstream").contains("claude-sonnet-4-6");
    assertThat(configprops).doesNotContain(Claude.API_KEY);
  }

  private String get(String path) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }
}
