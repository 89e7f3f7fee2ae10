package dev.toolstream.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolstream.client.MessagesClient;
import dev.toolstream.spring.boot.internal.ToolstreamHealthIndicator;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The health indicator asks the Models API about the agent's model, which costs no tokens: up when
 * the key is taken and the model known, down otherwise, never showing the key.
 */
class HealthIndicatorTest {
  private final MockWebServer api = new MockWebServer();
  private ApplicationContextRunner runner;

  @BeforeEach
  void start() throws Exception {
    api.start();
    runner =
        new ApplicationContextRunner()
            .withConfiguration(AutoConfigurationTest.ALL)
            .withPropertyValues(
                "toolstream.base-url=" + api.url("/"),
                "toolstream.api-key=" + Claude.API_KEY,
                "toolstream.max-retries=0",
                "toolstream.agent.model=claude-sonnet-4-6");
  }

  @AfterEach
  void stop() {
    api.close();
  }

  private static MockResponse json(int code, String body) {
    return new MockResponse.Builder()
        .code(code)
        .setHeader("content-type", "application/json")
        .body(body)
        .build();
  }

  private Health health() {
    Health[] health = new Health[1];
    runner.run(
        context ->
            health[0] =
                context.getBean("toolstreamHealthIndicator", HealthIndicator.class).health());
    return health[0];
  }

  @Test
  void upWhenTheApiKnowsTheModel() throws Exception {
    api.enqueue(
        json(
            200,
            "{\"type\":\"model\",\"id\":\"claude-sonnet-4-6\",\"display_name\":\"Claude Sonnet"
                + " 4.6\",\"created_at\":\"2026-02-17T00:00:00Z\"}"));

    Health health = health();

    assertThat(health.getStatus()).isEqualTo(Status.UP);
    assertThat(health.getDetails())
        .containsEntry("model", "claude-sonnet-4-6")
        .containsEntry("displayName", "Claude Sonnet 4.6");
    assertThat(api.takeRequest().getUrl().encodedPath()).isEqualTo("/v1/models/claude-sonnet-4-6");
  }

  @Test
  void upAgainstTheTestKitsScriptedClaude() {
    try (Claude claude = new Claude()) {
      runner = runner.withPropertyValues("toolstream.base-url=" + claude.server.baseUrl());

      Health health = health();

      assertThat(health.getStatus()).isEqualTo(Status.UP);
      assertThat(health.getDetails()).containsEntry("model", "claude-sonnet-4-6");
      assertThat(claude.server.requests()).as("no Messages request, no tokens").isEmpty();
    }
  }

  @Test
  void downWhenTheKeyIsRefusedWithoutShowingIt() {
    api.enqueue(
        json(
            401,
            "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"invalid"
                + " x-api-key "
                + Claude.API_KEY
                + "\"}}"));

    Health health = health();

    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
    assertThat(health.getDetails())
        .containsEntry("status", 401)
        .containsEntry("error", "authentication_error");
    assertThat(health.toString()).doesNotContain(Claude.API_KEY);
  }

  @Test
  void downWhenTheModelIsUnknown() {
    api.enqueue(
        json(
            404,
            "{\"type\":\"error\",\"error\":{\"type\":\"not_found_error\",\"message\":\"model\"}}"));

    Health health = health();

    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
    assertThat(health.getDetails()).containsEntry("error", "not_found_error");
  }

  @Test
  void downWhenTheApiCannotBeReached() throws Exception {
    String url = api.url("/").toString();
    api.close();
    runner = runner.withPropertyValues("toolstream.base-url=" + url);

    Health health = health();

    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
    assertThat(health.getDetails()).containsEntry("error", "ApiConnectionException");
  }

  @Test
  void downWithinItsTimeoutWhenTheApiHangsWithoutRetrying() {
    // An API that takes the request and answers nothing: a probe must not wait for the client's
    // idle timeout (ten minutes) nor retry.
    api.enqueue(json(200, "{}").newBuilder().headersDelay(1, TimeUnit.HOURS).build());
    MessagesClient client =
        MessagesClient.builder().apiKey(Claude.API_KEY).baseUrl(api.url("/").toString()).build();
    ToolstreamHealthIndicator indicator =
        new ToolstreamHealthIndicator(client, "claude-sonnet-4-6", Duration.ofMillis(100));

    Health health = indicator.health(); // The real timer: kept tiny.

    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
    assertThat(health.getDetails()).containsEntry("error", "ApiTimeoutException");
    assertThat(api.getRequestCount()).as("not retried").isEqualTo(1);
  }
}
