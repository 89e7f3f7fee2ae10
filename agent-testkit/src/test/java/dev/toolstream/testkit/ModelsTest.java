package dev.toolstream.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.junit.jupiter.api.Test;

/**
 * The scripted Claude answers {@code GET /v1/models/{id}} as the API does for a model it knows,
 * without spending a scripted reply or recording a request, so a credentials check passes.
 */
final class ModelsTest {
  private final OkHttpClient client = Api.client();

  @Test
  void aModelIsDescribedWithoutSpendingAScriptedReply() throws Exception {
    try (ScriptedClaude claude = ScriptedClaude.start(Turn.text("Hello"))) {
      String model =
          Api.call(
              client,
              new Request.Builder()
                  .url(claude.baseUrl() + "/v1/models/claude-sonnet-4-6")
                  .header("x-api-key", "test-key")
                  .build());

      assertThat(TestJson.read(model).path("id").stringValue()).isEqualTo("claude-sonnet-4-6");
      assertThat(TestJson.read(model).path("type").stringValue()).isEqualTo("model");
      assertThat(claude.requests()).isEmpty();
      String message = Api.call(client, Api.messages(claude, Api.WHOLE_BODY));
      assertThat(TestJson.read(message).path("content").get(0).path("text").stringValue())
          .isEqualTo("Hello");
    }
  }
}
