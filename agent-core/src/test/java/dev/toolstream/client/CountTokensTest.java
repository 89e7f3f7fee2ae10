package dev.toolstream.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.toolstream.errors.ApiException;
import dev.toolstream.errors.ToolstreamException;
import dev.toolstream.internal.json.Json;
import dev.toolstream.messages.CacheControl;
import dev.toolstream.messages.ContentBlock;
import dev.toolstream.messages.MessageRequest;
import dev.toolstream.messages.ThinkingConfig;
import dev.toolstream.messages.TokenCount;
import dev.toolstream.messages.ToolChoice;
import dev.toolstream.messages.ToolDefinition;
import dev.toolstream.testkit.ScriptedClaude;
import dev.toolstream.testkit.Turn;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code countTokens} posts the same request to {@code /v1/messages/count_tokens}, without what
 * only shapes the answer, and is sent, retried and failed as {@code create} is.
 */
class CountTokensTest {
  private final MockWebServer server = new MockWebServer();
  private final FakeRetryClock clock = new FakeRetryClock();
  private MessagesClient client;

  @BeforeEach
  void start() throws Exception {
    server.start();
    client =
        MessagesClient.builder()
            .apiKey("sk-test-secret")
            .baseUrl(server.url("/").toString())
            .addBeta("client-beta-2025-01-01")
            .retryClock(clock)
            .build();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static MockResponse count(String body) {
    return new MockResponse.Builder()
        .code(200)
        .setHeader("content-type", "application/json")
        .setHeader("request-id", "req_count_1")
        .body(body)
        .build();
  }

  private static MessageRequest.Builder request() {
    return MessageRequest.builder()
        .model("claude-sonnet-4-6")
        .maxTokens(1024)
        .addUserMessage("Weather in Tokyo?");
  }

  @Test
  void theSameRequestIsPostedWithoutTheFieldsThatOnlyShapeTheAnswer() throws Exception {
    server.enqueue(count("{\"input_tokens\":42}"));
    MessageRequest request =
        request()
            .system(
                List.of(ContentBlock.text("Be brief.").withCacheControl(CacheControl.ephemeral())))
            .addTool(
                new ToolDefinition(
                    "get_weather", "Current weather.", Json.parse("{\"type\":\"object\"}")))
            .toolChoice(ToolChoice.auto())
            .thinking(ThinkingConfig.enabled(2048))
            .cacheControl(CacheControl.ephemeral(Duration.ofHours(1)))
            .temperature(0.5)
            .topP(0.9)
            .topK(5)
            .stopSequences(List.of("END"))
            .metadata("user_id", "u1")
            .addBeta("request-beta-2025-02-02")
            .build();

    client.countTokens(request);

    RecordedRequest recorded = server.takeRequest();
    assertThat(recorded.getMethod()).isEqualTo("POST");
    assertThat(recorded.getUrl().encodedPath()).isEqualTo("/v1/messages/count_tokens");
    assertThat(recorded.getHeaders().get("x-api-key")).isEqualTo("sk-test-secret");
    assertThat(recorded.getHeaders().get("anthropic-version")).isEqualTo("2023-06-01");
    assertThat(recorded.getHeaders().get("anthropic-beta"))
        .isEqualTo("client-beta-2025-01-01,request-beta-2025-02-02");
    assertThat(recorded.getHeaders().get("accept")).isEqualTo("application/json");
    assertThat(Json.parse(recorded.getBody().utf8()))
        .isEqualTo(
            Json.parse(
                "{\"model\":\"claude-sonnet-4-6\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Weather"
                    + " in Tokyo?\"}]}],\"system\":[{\"type\":\"text\",\"text\":\"Be"
                    + " brief.\",\"cache_control\":"
                    + "{\"type\":\"ephemeral\"}}],\"tools\":[{\"name\":\"get_weather\",\"description\":\"Current"
                    + " weather.\",\"input_schema\":{\"type\":\"object\"}}],"
                    + "\"tool_choice\":{\"type\":\"auto\"},\"thinking\":{\"type\":\"enabled\","
                    + "\"budget_tokens\":2048},\"cache_control\":{\"type\":\"ephemeral\","
                    + "\"ttl\":\"1h\"}}"));
  }

  @Test
  void extraFieldsTheEndpointTakesGoToo() throws Exception {
    server.enqueue(count("{\"input_tokens\":42}"));

    client.countTokens(request().extraField("speed", Json.parse("\"fast\"")).build());

    assertThat(Json.parse(server.takeRequest().getBody().utf8()).get("speed").asString())
        .isEqualTo("fast");
  }

  @Test
  void theCountComesBackWithEveryOtherFieldKept() {
    server.enqueue(
        count("{\"input_tokens\":2095,\"context_management\":{\"original_input_tokens\":5000}}"));

    TokenCount count = client.countTokens(request().build());

    assertThat(count.inputTokens()).isEqualTo(2095);
    assertThat(count.extraFields())
        .isEqualTo(Map.of("context_management", Json.parse("{\"original_input_tokens\":5000}")));
  }

  @Test
  void anOverloadedCountIsRetriedAsCreateIs() {
    server.enqueue(
        ApiServer.error(529, "overloaded_error", "Overloaded")
            .setHeader("retry-after-ms", "5")
            .build());
    server.enqueue(count("{\"input_tokens\":7}"));

    TokenCount count = client.countTokens(request().build());

    assertThat(count.inputTokens()).isEqualTo(7);
    assertThat(clock.sleeps()).containsExactly(Duration.ofMillis(5));
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void anErrorStatusIsTheApisTypedError() {
    server.enqueue(
        ApiServer.error(400, "invalid_request_error", "messages: field required").build());

    assertThatThrownBy(() -> client.countTokens(request().build()))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.errorType()).isEqualTo("invalid_request_error");
              assertThat(e.errorMessage()).isEqualTo("messages: field required");
              assertThat(e.requestId()).isEqualTo("req_err_400");
            });
  }

  @Test
  void anAnswerWithoutACountIsAnErrorThatNamesTheRequest() {
    server.enqueue(count("{\"tokens\":42}"));

    assertThatThrownBy(() -> client.countTokens(request().build()))
        .isInstanceOf(ToolstreamException.class)
        .hasMessage(
            "the API's response (request-id req_count_1) is not what /v1/messages/count_tokens"
                + " answers: a count_tokens answer needs a whole number input_tokens, was null");
  }

  @Test
  void theTestKitAnswersTokenCountsAndRecordsThem() {
    try (ScriptedClaude claude =
        ScriptedClaude.builder()
            .replies(Turn.text("Sunny."))
            .tokenCounter(recorded -> 1234)
            .build()
            .start()) {
      MessagesClient scripted =
          MessagesClient.builder().apiKey("test-key").baseUrl(claude.baseUrl()).build();

      TokenCount count = scripted.countTokens(request().build());

      assertThat(count.inputTokens()).isEqualTo(1234);
      assertThat(claude.countTokensRequests()).hasSize(1);
      assertThat(claude.countTokensRequests().get(0).lastUserText()).isEqualTo("Weather in Tokyo?");
      assertThat(claude.countTokensRequests().get(0).body().has("max_tokens")).isFalse();
      assertThat(claude.requests()).isEmpty();
    }
  }
}
