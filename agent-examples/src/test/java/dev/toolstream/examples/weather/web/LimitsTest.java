package dev.toolstream.examples.weather.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolstream.testkit.Script;
import dev.toolstream.testkit.ScriptedClaude;
import dev.toolstream.testkit.StreamGate;
import dev.toolstream.testkit.Turn;
import java.io.IOException;
import java.time.Duration;
import java.util.function.Consumer;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Requests the server turns down, each with a status and a JSON body that says what to do. */
final class LimitsTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private ServedAgent served;

  @AfterEach
  void stop() {
    if (served != null) {
      served.close();
    }
  }

  private void serve(Consumer<WeatherServer.Builder> configure) {
    served = ServedAgent.start(ScriptedClaude.start(request -> Turn.text("Sunny.")), configure);
  }

  /** Returns the {@code error} object of a JSON error response, checking its content type. */
  private static JsonNode error(Response response) throws IOException {
    assertThat(response.header("Content-Type")).isEqualTo("application/json; charset=utf-8");
    return JSON.readTree(response.body().string()).get("error");
  }

  @Test
  void aMissingPromptIs400() throws IOException {
    serve(server -> {});

    try (Response response = served.get("/stream")) {
      assertThat(response.code()).isEqualTo(400);
      JsonNode error = error(response);
      assertThat(error.get("type").asString()).isEqualTo("invalid_request");
      assertThat(error.get("message").asString()).contains("the prompt is empty; ask a question");
    }
    assertThat(served.claude.requests()).isEmpty();
  }

  @Test
  void aBlankPromptIs400() throws IOException {
    serve(server -> {});

    try (Response response = served.get("/stream?prompt=%20%0A%20")) {
      assertThat(response.code()).isEqualTo(400);
      assertThat(error(response).get("type").asString()).isEqualTo("invalid_request");
    }
  }

  @Test
  void aPromptOverTheLimitIs413() throws IOException {
    serve(server -> server.maxPromptLength(10));

    try (Response response = served.get("/stream?prompt=" + "x".repeat(11))) {
      assertThat(response.code()).isEqualTo(413);
      JsonNode error = error(response);
      assertThat(error.get("type").asString()).isEqualTo("prompt_too_long");
      assertThat(error.get("message").asString())
          .isEqualTo("the prompt has 11 characters, over this server's limit of 10; shorten it");
    }
    assertThat(served.claude.requests()).isEmpty();
  }

  @Test
  void aPromptAtTheLimitCountsCharactersNotUtf16Units() throws IOException {
    serve(server -> server.maxPromptLength(10));

    try (Response response = served.get("/stream?prompt=" + "%F0%9F%8C%A6".repeat(10))) {
      assertThat(response.code()).isEqualTo(200);
      assertThat(SseEvents.names(new SseEvents(response.body().source()).remaining()))
          .containsExactly("text", "turn", "done");
    }
  }

  @Test
  void aPostedPromptOverTheLimitIs413() throws IOException {
    serve(server -> server.maxPromptLength(10));

    try (Response response = served.post("/stream", "{\"prompt\": \"" + "y".repeat(11) + "\"}")) {
      assertThat(response.code()).isEqualTo(413);
      assertThat(error(response).get("type").asString()).isEqualTo("prompt_too_long");
    }
  }

  @Test
  void moreStreamsThanTheLimitAre503WithRetryAfter() throws Exception {
    StreamGate gate = new StreamGate();
    served =
        ServedAgent.start(
            ScriptedClaude.start(request -> Turn.builder().text("Held.").hold(gate).build()),
            server -> server.maxConcurrentStreams(2));
    try (Response first = served.get("/stream?prompt=one");
        Response second = served.get("/stream?prompt=two")) {
      assertThat(first.code()).isEqualTo(200);
      assertThat(second.code()).isEqualTo(200);

      try (Response third = served.get("/stream?prompt=three")) {
        assertThat(third.code()).isEqualTo(503);
        assertThat(third.header("Retry-After")).isEqualTo("2");
        JsonNode error = error(third);
        assertThat(error.get("type").asString()).isEqualTo("too_many_streams");
        assertThat(error.get("message").asString()).contains("try again in 2 seconds");
      }

      gate.open();
      assertThat(SseEvents.names(new SseEvents(first.body().source()).remaining()))
          .containsExactly("text", "turn", "done");
      assertThat(SseEvents.names(new SseEvents(second.body().source()).remaining()))
          .containsExactly("text", "turn", "done");
    }
    assertThat(served.server.awaitIdle(WAIT)).isTrue();
    try (Response fourth = served.get("/stream?prompt=four")) {
      assertThat(fourth.code()).isEqualTo(200);
    }
  }

  @Test
  void anUnknownPathIs404() throws IOException {
    serve(server -> {});

    try (Response response = served.get("/favicon.ico")) {
      assertThat(response.code()).isEqualTo(404);
      assertThat(error(response).get("message").asString())
          .isEqualTo("nothing at /favicon.ico; the page is at / and the stream at /stream");
    }
  }

  @Test
  void aWrongMethodIs405WithAllow() throws IOException {
    serve(server -> {});

    try (Response response = served.call("DELETE", "/stream")) {
      assertThat(response.code()).isEqualTo(405);
      assertThat(response.header("Allow")).isEqualTo("GET, POST");
      assertThat(error(response).get("type").asString()).isEqualTo("method_not_allowed");
    }
    try (Response response = served.call("POST", "/")) {
      assertThat(response.code()).isEqualTo(405);
      assertThat(response.header("Allow")).isEqualTo("GET, HEAD");
    }
  }

  @Test
  void aBodyThatIsNotJsonIs400() throws IOException {
    serve(server -> {});

    try (Response response = served.post("/stream", "prompt=Tokyo")) {
      assertThat(response.code()).isEqualTo(400);
      assertThat(error(response).get("message").asString()).startsWith("the body is not JSON");
    }
  }

  @Test
  void aConversationThatDoesNotEndWithTheUserIs400() throws IOException {
    serve(server -> {});
    String conversation =
        "{\"messages\": [{\"role\": \"user\", \"content\": \"Tokyo?\"},"
            + " {\"role\": \"assistant\", \"content\": \"Mild.\"}]}";

    try (Response response = served.post("/stream", conversation)) {
      assertThat(response.code()).isEqualTo(400);
      assertThat(error(response).get("message").asString())
          .isEqualTo("the last message must be the user's; add the question");
    }
  }

  @Test
  void thePageIsUtf8HtmlWithThePromptLimitAndAStrictPolicy() throws IOException {
    serve(server -> server.maxPromptLength(123));

    try (Response response = served.get("/")) {
      assertThat(response.code()).isEqualTo(200);
      assertThat(response.header("Content-Type")).isEqualTo("text/html; charset=utf-8");
      assertThat(response.header("Content-Security-Policy"))
          .startsWith("default-src 'none'; script-src 'sha256-")
          .contains("connect-src 'self'");
      assertThat(response.body().string())
          .contains("id=\"prompt\" name=\"prompt\" maxlength=\"123\"")
          .doesNotContain("__MAX_PROMPT_LENGTH__");
    }
  }
}
