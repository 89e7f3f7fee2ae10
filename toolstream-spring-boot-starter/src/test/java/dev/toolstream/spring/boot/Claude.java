package dev.toolstream.spring.boot;

import dev.toolstream.testkit.RecordedRequest;
import dev.toolstream.testkit.Reply;
import dev.toolstream.testkit.ScriptedClaude;
import dev.toolstream.testkit.Turn;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A scripted Claude for a test class: replies queued by the test, and the properties that point
 * the starter's client at it. A test that runs the starter in a {@code @SpringBootTest} imports
 * {@link Config}, which makes it a bean of the test's context, and autowires it; a test that
 * builds its own contexts creates and closes one itself.
 */
final class Claude implements AutoCloseable {
  static final String API_KEY = "sk-ant-api03-spring-test-key-that-must-never-show";
  static final Duration WAIT = Duration.ofSeconds(10);

  private final Queue<Reply> replies = new ConcurrentLinkedQueue<>();
  final ScriptedClaude server =
      ScriptedClaude.start(
          request -> {
            Reply next = replies.poll();
            return next != null ? next : Turn.text("(no reply queued)");
          });

  /** Queues the replies to the next requests, in order. */
  void enqueue(Reply... next) {
    replies.addAll(List.of(next));
  }

  /** Points {@code toolstream.*} at this server, with the test key and no retries. */
  void register(DynamicPropertyRegistry registry) {
    registry.add("toolstream.base-url", server::baseUrl);
    registry.add("toolstream.api-key", () -> API_KEY);
    registry.add("toolstream.max-retries", () -> "0");
  }

  /** Returns the next request the server received. */
  RecordedRequest takeRequest() throws InterruptedException {
    RecordedRequest request = server.takeRequest(WAIT);
    if (request == null) {
      throw new AssertionError("no request within " + WAIT);
    }
    return request;
  }

  /** A turn that calls {@code tool} with {@code inputJson}. */
  static Turn toolCall(String tool, String inputJson) {
    return Turn.builder().toolUse("toolu_1", tool, inputJson).stopReason("tool_use").build();
  }

  @Override
  public void close() {
    server.close();
  }

  /**
   * A scripted Claude as a bean of the test's context, closed with the context, and a {@link
   * DynamicPropertyRegistrar} that points {@code toolstream.*} at it ({@link #register}) before
   * the context creates its other singletons, so the starter's client sees them.
   */
  @TestConfiguration(proxyBeanMethods = false)
  static final class Config {
    @Bean(destroyMethod = "close")
    Claude claude() {
      return new Claude();
    }

    @Bean
    DynamicPropertyRegistrar claudeProperties(Claude claude) {
      return claude::register;
    }
  }
}
