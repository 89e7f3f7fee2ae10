package dev.toolstream.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/** What the server records, and how scripts choose replies. */
final class RecordingAndScriptsTest {
  private static final Duration WAIT = Duration.ofSeconds(5);
  private final OkHttpClient client = Api.client();

  private static String text(String responseBody) {
    return TestJson.read(responseBody).path("content").get(0).path("text").stringValue();
  }

  @Test
  void recordsMethodPathHeadersAndBody() throws Exception {
    try (ScriptedClaude claude = ScriptedClaude.start(Turn.text("Hello"))) {
      Api.call(client, Api.messages(claude, Api.STREAM_BODY));

      RecordedRequest request = claude.takeRequest(WAIT);

      assertThat(request.sequenceNumber()).isEqualTo(1);
      assertThat(request.method()).isEqualTo("POST");
      assertThat(request.path()).isEqualTo("/v1/messages");
      assertThat(request.header("X-Api-Key")).isEqualTo("test-key");
      assertThat(request.header("anthropic-version")).isEqualTo("2023-06-01");
      assertThat(request.bodyText()).isEqualTo(Api.STREAM_BODY);
      assertThat(request.body().path("model").stringValue()).isEqualTo("claude-opus-4-1");
      assertThat(request.isStreaming()).isTrue();
      assertThat(request.messages()).hasSize(1);
      assertThat(request.lastUserText()).isEqualTo("Hi");
      assertThat(claude.requests()).containsExactly(request);
    }
  }

  @Test
  void repliesAreConsumedInOrder() throws IOException {
    try (ScriptedClaude claude = ScriptedClaude.start(Turn.text("one"), Turn.text("two"))) {

      String first = Api.call(client, Api.messages(claude, Api.WHOLE_BODY));
      String second = Api.call(client, Api.messages(claude, Api.WHOLE_BODY));

      assertThat(text(first)).isEqualTo("one");
      assertThat(text(second)).isEqualTo("two");
    }
  }

  @Test
  void scriptThatRanOutAnswers500SayingSoAndAskingNotToRetry() throws IOException {
    try (ScriptedClaude claude = ScriptedClaude.start(Turn.text("only"))) {
      Api.call(client, Api.messages(claude, Api.WHOLE_BODY));

      try (Response response = client.newCall(Api.messages(claude, Api.WHOLE_BODY)).execute()) {
        assertThat(response.code()).isEqualTo(500);
        assertThat(response.header("x-should-retry")).isEqualTo("false");
        assertThat(
                TestJson.read(response.body().string()).path("error").path("message").stringValue())
            .isEqualTo(
                "ScriptedClaude has no reply for request 2: the script holds 1 replies. Add replies"
                    + " to the script, or write it as a function of the request.");
      }
    }
  }

  @Test
  void functionScriptAnswersFromTheRequest() throws IOException {
    Script shout = request -> Turn.text(request.lastUserText().toUpperCase(Locale.ROOT));
    try (ScriptedClaude claude = ScriptedClaude.start(shout)) {

      String body = Api.call(client, Api.messages(claude, Api.WHOLE_BODY));

      assertThat(text(body)).isEqualTo("HI");
    }
  }

  @Test
  void echoToolResultsAnswersTheResultsWithFinalText() throws Exception {
    Turn call = Turn.builder().toolUse("toolu_1", "get_weather", "{\"city\":\"Paris\"}").build();
    String withResult =
        """
        {"model":"m","max_tokens":10,"messages":[
          {"role":"user","content":"Weather in Paris?"},
          {"role":"assistant","content":[
            {"type":"tool_use","id":"toolu_1","name":"get_weather","input":{"city":"Paris"}}]},
          {"role":"user","content":[
            {"type":"tool_result","tool_use_id":"toolu_1","content":"18°C, clear"}]}]}
        """;
    try (ScriptedClaude claude = ScriptedClaude.start(Script.echoToolResults(call))) {

      String first = Api.call(client, Api.messages(claude, Api.WHOLE_BODY));
      String second = Api.call(client, Api.messages(claude, withResult));

      assertThat(TestJson.read(first).path("stop_reason").stringValue()).isEqualTo("tool_use");
      assertThat(text(second)).isEqualTo("18°C, clear");
      claude.takeRequest(WAIT);
      assertThat(claude.takeRequest(WAIT).toolResults())
          .singleElement()
          .satisfies(
              result -> assertThat(result.path("tool_use_id").stringValue()).isEqualTo("toolu_1"));
    }
  }

  @Test
  void scriptThatThrowsAnswers500NamingTheFailure() throws IOException {
    Script broken =
        request -> {
          throw new IllegalArgumentException("no such city");
        };
    try (ScriptedClaude claude = ScriptedClaude.start(broken);
        Response response = client.newCall(Api.messages(claude, Api.WHOLE_BODY)).execute()) {

      assertThat(response.code()).isEqualTo(500);
      assertThat(response.body().string())
          .contains(
              "ScriptedClaude's script failed on request 1: java.lang.IllegalArgumentException: no"
                  + " such city");
    }
  }

  @Test
  void scriptThatFailsAnAssertionAnswers500NamingTheFailure() throws IOException {
    Script asserting =
        request -> {
          throw new AssertionError("expected a tool_result in request 1");
        };
    try (ScriptedClaude claude = ScriptedClaude.start(asserting);
        Response response = client.newCall(Api.messages(claude, Api.WHOLE_BODY)).execute()) {

      assertThat(response.code()).isEqualTo(500);
      assertThat(response.header("x-should-retry")).isEqualTo("false");
      assertThat(response.body().string())
          .contains(
              "ScriptedClaude's script failed on request 1: java.lang.AssertionError: expected a"
                  + " tool_result in request 1");
    }
  }

  @Test
  void otherPathsGet404AndAreRecorded() throws Exception {
    try (ScriptedClaude claude = ScriptedClaude.start(Turn.text("unused"));
        Response response =
            client
                .newCall(new Request.Builder().url(claude.baseUrl() + "/v1/models").build())
                .execute()) {

      assertThat(response.code()).isEqualTo(404);
      assertThat(response.body().string()).contains("\"type\":\"not_found_error\"");
      assertThat(claude.takeRequest(WAIT).path()).isEqualTo("/v1/models");
    }
  }

  @Test
  void takeRequestFailsWhenNoRequestArrives() {
    try (ScriptedClaude claude = ScriptedClaude.start(Turn.text("unused"))) {

      assertThatThrownBy(() -> claude.takeRequest(Duration.ofMillis(1)))
          .isInstanceOf(AssertionError.class)
          .hasMessageStartingWith("No request reached ScriptedClaude within PT0.001S; 0 arrived");
    }
  }
}
