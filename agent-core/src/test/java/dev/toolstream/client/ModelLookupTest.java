package dev.toolstream.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.toolstream.errors.ApiException;
import dev.toolstream.errors.AuthenticationException;
import dev.toolstream.messages.ModelInfo;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code model(id)} asks {@code GET /v1/models/{id}} with the client's credentials, which costs no
 * tokens, and fails as {@code create} does.
 */
class ModelLookupTest {
  private static final String KEY = "sk-ant-test-secret-model-lookup";
  private final MockWebServer server = new MockWebServer();
  private MessagesClient client;

  @BeforeEach
  void start() throws Exception {
    server.start();
    client =
        MessagesClient.builder()
            .apiKey(KEY)
            .baseUrl(server.url("/").toString())
            .addBeta("client-beta-2025-01-01")
            .maxRetries(0)
            .build();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static MockResponse json(int code, String body) {
    return new MockResponse.Builder()
        .code(code)
        .setHeader("content-type", "application/json")
        .setHeader("request-id", "req_models_1")
        .body(body)
        .build();
  }

  @Test
  void theModelIsAskedForWithTheCredentialsAndReadBack() throws Exception {
    server.enqueue(
        json(
            200,
            "{\"type\":\"model\",\"id\":\"claude-sonnet-4-6\",\"display_name\":\"Claude Sonnet"
                + " 4.6\",\"created_at\":\"2026-02-17T00:00:00Z\"}"));

    ModelInfo model = client.model("claude-sonnet-4-6");

    RecordedRequest recorded = server.takeRequest();
    assertThat(recorded.getMethod()).isEqualTo("GET");
    assertThat(recorded.getUrl().encodedPath()).isEqualTo("/v1/models/claude-sonnet-4-6");
    assertThat(recorded.getHeaders().get("x-api-key")).isEqualTo(KEY);
    assertThat(recorded.getHeaders().get("anthropic-version")).isEqualTo("2023-06-01");
    assertThat(recorded.getHeaders().get("anthropic-beta")).isEqualTo("client-beta-2025-01-01");
    assertThat(recorded.getBody()).isNull();
    assertThat(model.id()).isEqualTo("claude-sonnet-4-6");
    assertThat(model.displayName()).isEqualTo("Claude Sonnet 4.6");
    assertThat(model.createdAt()).isEqualTo("2026-02-17T00:00:00Z");
    assertThat(model.extraFields()).containsOnlyKeys("type");
  }

  @Test
  void aRefusedKeyIsAnAuthenticationErrorThatNeverNamesTheKey() {
    server.enqueue(
        json(
            401,
            "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"invalid"
                + " x-api-key\"}}"));

    assertThatThrownBy(() -> client.model("claude-sonnet-4-6"))
        .isInstanceOf(AuthenticationException.class)
        .hasMessageNotContaining(KEY);
  }

  @Test
  void anUnknownModelIsANotFoundError() {
    server.enqueue(
        json(
            404,
            "{\"type\":\"error\",\"error\":{\"type\":\"not_found_error\",\"message\":\"model:"
                + " claude-nope\"}}"));

    assertThatThrownBy(() -> client.model("claude-nope"))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(404);
              assertThat(e.errorType()).isEqualTo("not_found_error");
            });
  }

  @Test
  void aBlankModelIdIsRefusedBeforeAnyCall() {
    assertThatThrownBy(() -> client.model(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("modelId is blank: name a model, such as claude-sonnet-4-6");
    assertThat(server.getRequestCount()).isZero();
  }
}
