package dev.toolstream.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolstream.tools.Tool;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

/**
 * Shutting the application down while a client reads an {@link AgentSse} stream cancels the run
 * as shutdown begins: the client gets the {@code error} event of type {@code cancelled} before the
 * stream ends, and the tool is interrupted. (Before, the server's graceful shutdown waited its 30
 * s for the stream, then cut it without a last event, and the run went on.)
 */
class SseShutdownTest {
  @SpringBootConfiguration
  @EnableAutoConfiguration
  @Import({SseEndpointTest.AskController.class, Pot.class})
  static class App {}

  /** A tool that runs until its run is cancelled. */
  public static class Pot {
    static final CountDownLatch simmering = new CountDownLatch(1);
    static final CountDownLatch interrupted = new CountDownLatch(1);

    @Tool(description = "Simmers a sauce until it is done.")
    public String simmer(String sauce) {
      simmering.countDown();
      try {
        new CountDownLatch(1).await(); // Until the run is cancelled.
        return "never";
      } catch (InterruptedException e) {
        interrupted.countDown();
        Thread.currentThread().interrupt();
        return "interrupted";
      }
    }
  }

  @Test
  void closingTheApplicationCancelsTheRunOfAnOpenStreamAndEndsItWithAnError() throws Exception {
    try (Claude claude = new Claude()) {
      claude.enqueue(Claude.toolCall("simmer", "{\"sauce\":\"tomato\"}"));
      ConfigurableApplicationContext context =
          new SpringApplicationBuilder(App.class)
              .properties(
                  "server.port=0",
                  "spring.datasource.generate-unique-name=true",
                  "toolstream.store.enabled=false",
                  "toolstream.base-url=" + claude.server.baseUrl(),
                  "toolstream.api-key=" + Claude.API_KEY,
                  "toolstream.max-retries=0")
              .run();
      CompletableFuture<Void> closed;
      String rest;
      try {
        int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
        HttpResponse<InputStream> response =
            HttpClient.newHttpClient()
                .send(
                    HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/ask?prompt=Make+a+sauce"))
                        .build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader reader =
            new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
          String line;
          while ((line = reader.readLine()) != null && !line.startsWith("event:tool_call")) {
            // Read up to the tool call.
          }
          assertThat(line).isNotNull();
          assertThat(Pot.simmering.await(Claude.WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

          closed = CompletableFuture.runAsync(context::close);
          rest = reader.lines().collect(Collectors.joining("\n"));
        }
      } finally {
        context.close();
      }
      closed.get();

      assertThat(rest).contains("event:error").contains("\"type\":\"cancelled\"");
      assertThat(Pot.interrupted.await(Claude.WAIT.toSeconds(), TimeUnit.SECONDS))
          .as("the tool was interrupted by the run's cancellation")
          .isTrue();
    }
  }
}
