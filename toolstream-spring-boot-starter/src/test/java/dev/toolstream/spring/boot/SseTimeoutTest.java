package dev.toolstream.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolstream.agent.AgentCancelledException;
import dev.toolstream.agent.AgentException;
import dev.toolstream.agent.AgentListener;
import dev.toolstream.tools.Tool;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * A stream open past {@code toolstream.sse.timeout} ends with an {@code error} of type {@code
 * timeout}, and its run is cancelled.
 */
@SpringBootTest(
    classes = SseTimeoutTest.App.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"toolstream.sse.timeout=500ms", "toolstream.sse.heartbeat=1h"})
class SseTimeoutTest {
  @SpringBootConfiguration
  @EnableAutoConfiguration
  @Import({SseEndpointTest.AskController.class, Stove.class, Claude.Config.class})
  static class App {
    /** Every agent takes the application's listeners: this one sees the run's end. */
    @Bean
    AgentListener cancellations() {
      return new AgentListener() {
        @Override
        public void onError(AgentException error) {
          if (error instanceof AgentCancelledException) {
            cancelled.countDown();
          }
        }
      };
    }
  }

  static final CountDownLatch cancelled = new CountDownLatch(1);

  /** A tool that runs until its run is cancelled. */
  public static class Stove {
    @Tool(description = "Bakes bread until it is done.")
    public String bake(String bread) throws InterruptedException {
      new CountDownLatch(1).await();
      return "never";
    }
  }

  @LocalServerPort int port;
  @Autowired Claude claude;

  @Test
  void aStreamPastItsTimeoutEndsWithATimeoutErrorAndCancelsTheRun() throws Exception {
    claude.enqueue(Claude.toolCall("bake", "{\"bread\":\"rye\"}"));

    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/ask?prompt=Bake+rye"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("event:error").contains("\"type\":\"timeout\"");
    assertThat(response.body()).doesNotContain("event:done");
    assertThat(cancelled.await(Claude.WAIT.toSeconds(), TimeUnit.SECONDS))
        .as("the run was cancelled")
        .isTrue();
  }
}
