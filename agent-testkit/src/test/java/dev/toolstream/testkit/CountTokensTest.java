package dev.toolstream.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/**
 * The scripted Claude answers {@code POST /v1/messages/count_tokens} itself, records those calls
 * apart, and never spends a scripted reply on them.
 */
final class CountTokensTest {
  private static final Duration WAIT = Duration.ofSeconds(5);
  private static final String COUNT_BODY =
      "{\"model\":\"claude-opus-4-1\",\"system\":\"Be brief.\","
          + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
  private final OkHttpClient client = Api.client();

  private static Request countTokens(ScriptedClaude claude, String body) {
    return new Request.Builder()
        .url(claude.baseUrl() + "/v1/messages/count_tokens")
        .header("x-api-key", "test-key")
        .header("anthropic-version", "2023-06-01")
        .post(RequestBody.create(body, MediaType.get("application/json")))
        .build();
  }

  @Test
  void aTokenCountIsAnsweredWithoutSpendingAScriptedReply() throws Exception {
    try (ScriptedClaude claude = ScriptedClaude.start(Turn.text("Hello"))) {
      String count = Api.call(client, countTokens(claude, COUNT_BODY));
      String message = Api.call(client, Api.messages(claude, Api.WHOLE_BODY));

      assertThat(TestJson.read(count).path("input_tokens").isIntegralNumber()).isTrue();
      assertThat(TestJson.read(message).path("content").get(0).path("text").stringValue())
          .isEqualTo("Hello");
      assertThat(claude.takeRequest(WAIT).sequenceNumber()).isEqualTo(1);
      assertThat(claude.requests()).hasSize(1);
    }
  }

  @Test
  void tokenCountsAreRecordedApartWithTheirBodies() throws Exception {
    try (ScriptedClaude claude = ScriptedClaude.start(Turn.text("Hello"))) {
      Api.call(client, countTokens(claude, COUNT_BODY));
      Api.call(client, countTokens(claude, COUNT_BODY));

      assertThat(claude.countTokensRequests()).hasSize(2);
      RecordedRequest second = claude.countTokensRequests().get(1);
      assertThat(second.sequenceNumber()).isEqualTo(2);
      assertThat(second.path()).isEqualTo("/v1/messages/count_tokens");
      assertThat(second.header("x-api-key")).isEqualTo("test-key");
      assertThat(second.lastUserText()).isEqualTo("Hi");
      assertThat(claude.requests()).isEmpty();
    }
  }

  @Test
  void theTokenCounterScriptsTheAnswer() throws Exception {
    try (ScriptedClaude claude =
        ScriptedClaude.builder()
            .replies(Turn.text("Hello"))
            .tokenCounter(request -> request.messages().size() * 1000)
            .build()
            .start()) {
      String count = Api.call(client, countTokens(claude, COUNT_BODY));

      assertThat(TestJson.read(count)).isEqualTo(TestJson.read("{\"input_tokens\":1000}"));
    }
  }

  @Test
  void theDefaultCountGrowsWithTheConversation() throws Exception {
    String longer =
        "{\"model\":\"claude-opus-4-1\",\"system\":\"Be brief.\",\"messages\":["
            + "{\"role\":\"user\",\"content\":\"Hi\"},"
            + "{\"role\":\"assistant\",\"content\":\"Hello! What would you like to know today?\"},"
            + "{\"role\":\"user\",\"content\":\"The weather in Tokyo, please.\"}]}";
    try (ScriptedClaude claude = ScriptedClaude.start(Turn.text("Hello"))) {
      long shortCount =
          TestJson.read(Api.call(client, countTokens(claude, COUNT_BODY)))
              .path("input_tokens")
              .asLong();
      long longCount =
          TestJson.read(Api.call(client, countTokens(claude, longer)))
              .path("input_tokens")
              .asLong();

      assertThat(shortCount).isPositive();
      assertThat(longCount).isGreaterThan(shortCount);
    }
  }

  @Test
  void aTokenCounterThatThrowsIsAnsweredWithAnApiError() throws IOException {
    try (ScriptedClaude claude =
            ScriptedClaude.builder()
                .replies(Turn.text("Hello"))
                .tokenCounter(
                    request -> {
                      throw new IllegalStateException("no count scripted");
                    })
                .build()
                .start();
        Response response = client.newCall(countTokens(claude, COUNT_BODY)).execute()) {

      assertThat(response.code()).isEqualTo(500);
      assertThat(response.header("x-should-retry")).isEqualTo("false");
      assertThat(response.body().string()).contains("no count scripted");
    }
  }

  @Test
  void aTokenCounterThatFailsAnAssertionIsAnsweredWithAnApiError() throws IOException {
    try (ScriptedClaude claude =
            ScriptedClaude.builder()
                .replies(Turn.text("Hello"))
                .tokenCounter(
                    request -> {
                      throw new AssertionError("expected a system prompt");
                    })
                .build()
                .start();
        Response response = client.newCall(countTokens(claude, COUNT_BODY)).execute()) {

      assertThat(response.code()).isEqualTo(500);
      assertThat(response.header("x-should-retry")).isEqualTo("false");
      assertThat(response.body().string()).contains("expected a system prompt");
    }
  }
}
