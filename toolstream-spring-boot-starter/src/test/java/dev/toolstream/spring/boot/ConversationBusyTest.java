package dev.toolstream.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolstream.messages.MessageParam;
import dev.toolstream.store.DurableAgent;
import dev.toolstream.store.RunStore;
import dev.toolstream.testkit.Turn;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A controller that lets {@code DurableAgent.chat} refuse a conversation's overlapping question
 * answers a real client with a 409 problem that names the run in the way, not a 500.
 */
@SpringBootTest(
    classes = ConversationBusyTest.App.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.generate-unique-name=true",
      "toolstream.store.recover-every=0s"
    })
class ConversationBusyTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @SpringBootConfiguration
  @EnableAutoConfiguration
  @Import({ChatController.class, Claude.Config.class})
  static class App {}

  @RestController
  public static class ChatController {
    private final DurableAgent durable;

    public ChatController(DurableAgent durable) {
      this.durable = durable;
    }

    @PostMapping("/chat")
    public String chat(@RequestParam String conversation, @RequestParam String prompt) {
      return durable.chat(conversation, prompt).text();
    }
  }

  @LocalServerPort int port;
  @Autowired RunStore store;
  @Autowired Claude claude;
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void aQuestionWhileTheConversationsRunHasNotEndedIsA409ProblemThatNamesTheRun() throws Exception {
    store.create(
        "run-elsewhere",
        "c-1",
        0,
        List.of(MessageParam.user("Weather in Lisbon?")),
        "another-instance",
        Duration.ofMinutes(5));

    HttpResponse<String> refused = post("/chat?conversation=c-1&prompt=And%20Porto%3F");

    assertThat(refused.statusCode()).isEqualTo(409);
    assertThat(refused.headers().firstValue("content-type")).hasValue("application/problem+json");
    JsonNode problem = JSON.readTree(refused.body());
    assertThat(problem.get("title").asString()).isEqualTo("Conversation busy");
    assertThat(problem.get("status").asInt()).isEqualTo(409);
    assertThat(problem.get("detail").asString())
        .contains("conversation c-1 has a run that has not ended (run-elsewhere, RUNNING)");
    assertThat(problem.get("conversationId").asString()).isEqualTo("c-1");
    assertThat(problem.get("runId").asString()).isEqualTo("run-elsewhere");
    assertThat(claude.server.requests()).as("the refused question never reached the model").isEmpty();

    claude.enqueue(Turn.text("Sunny in Porto."));
    HttpResponse<String> answered = post("/chat?conversation=c-2&prompt=Porto%3F");
    assertThat(answered.statusCode()).isEqualTo(200);
    assertThat(answered.body()).isEqualTo("Sunny in Porto.");
  }

  private HttpResponse<String> post(String path) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .POST(HttpRequest.BodyPublishers.noBody())
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
