package dev.toolstream.mcp;

import static dev.toolstream.mcp.TestServers.agent;
import static dev.toolstream.mcp.TestServers.bin;
import static org.assertj.core.api.Assertions.assertThat;

import dev.toolstream.agent.Agent;
import dev.toolstream.agent.AgentTimer;
import dev.toolstream.agent.ToolSpec;
import dev.toolstream.testkit.ScriptedClaude;
import dev.toolstream.testkit.Turn;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The reference server-everything over stdio, its tools called through a scripted agent. */
final class EverythingServerTest {
  static McpConnection everything;

  @BeforeAll
  static void connect() {
    everything = McpConnection.stdio("everything", bin("mcp-server-everything"), "stdio").connect();
  }

  @AfterAll
  static void close() {
    everything.close();
  }

  @Test
  void listsTheServersToolsWithTheirSchemas() {
    assertThat(everything.tools()).extracting(ToolSpec::name).contains("echo", "get-sum");
    ToolSpec sum = tool("get-sum");
    assertThat(sum.definition().inputSchema().at("/properties/a/type").asString())
        .isEqualTo("number");
    assertThat(everything.protocolVersion()).matches("\\d{4}-\\d{2}-\\d{2}");
  }

  @Test
  void toolResultsReachTheNextRequest() throws Exception {
    Turn calls =
        Turn.builder()
            .toolUse("toolu_1", "echo", "{\"message\": \"hello\"}")
            .toolUse("toolu_2", "get-sum", "{\"a\": 2, \"b\": 3}")
            .toolUse("toolu_3", "get-tiny-image", "{}")
            .toolUse("toolu_4", "get-structured-content", "{\"location\": \"Chicago\"}")
            .stopReason("tool_use")
            .build();
    try (ScriptedClaude claude = ScriptedClaude.start(calls, Turn.text("Done."))) {
      Agent agent = agent(claude).tools(everything.tools()).build();

      agent.run("Use the tools.");

      JsonNode first = claude.takeRequest(Duration.ofSeconds(5)).body();
      assertThat(first.get("tools").toString())
          .contains("\"name\":\"echo\"", "\"name\":\"get-sum\"");
      JsonNode results = claude.takeRequest(Duration.ofSeconds(5)).body().at("/messages/2/content");
      assertThat(results.get(0).toString()).contains("Echo: hello");
      assertThat(results.get(1).toString()).contains("5");
      assertThat(results.get(2).toString()).contains("\"type\":\"image\"", "image/png");
      assertThat(results.get(3).toString()).contains("temperature");
      for (JsonNode result : results) {
        assertThat(result.path("is_error").asBoolean(false)).as(result.toString()).isFalse();
      }
    }
  }

  @Test
  void aSchemaViolationGoesBackToTheModelAsAnError() throws Exception {
    Turn call =
        Turn.builder()
            .toolUse("toolu_1", "get-sum", "{\"a\": \"two\"}")
            .stopReason("tool_use")
            .build();
    try (ScriptedClaude claude = ScriptedClaude.start(call, Turn.text("Sorry."))) {
      agent(claude).tools(everything.tools()).build().run("Add.");

      claude.takeRequest(Duration.ofSeconds(5));
      JsonNode result =
          claude.takeRequest(Duration.ofSeconds(5)).body().at("/messages/2/content/0");
      assertThat(result.get("is_error").asBoolean()).isTrue();
      assertThat(result.toString()).contains("$.a").contains("required");
    }
  }

  @Test
  void aSlowToolTimesOutAndTheServerIsToldToCancel() throws Exception {
    RecordingListener events = new RecordingListener();
    CountDownLatch called = new CountDownLatch(1);
    // Its time runs out at once, once the server has the call: no clock, and no timeout before it.
    TimeoutsFireAtOnce timer = new TimeoutsFireAtOnce(called);
    try (McpConnection slow =
            McpConnection.stdio("slow", bin("mcp-server-everything"), "stdio")
                .toolTimeout("trigger-long-running-operation", Duration.ofMillis(300))
                .listener(events)
                .sent(method -> countDownOn("tools/call", method, called))
                .connect();
        ScriptedClaude claude =
            ScriptedClaude.start(
                Turn.builder()
                    .toolUse(
                        "toolu_1",
                        "trigger-long-running-operation",
                        "{\"duration\": 600, \"steps\": 2}")
                    .stopReason("tool_use")
                    .build(),
                Turn.text("Too slow."))) {
      AgentTimer.timer(agent(claude), timer).tools(slow.tools()).build().run("Run it.");

      claude.takeRequest(Duration.ofSeconds(5));
      JsonNode result =
          claude.takeRequest(Duration.ofSeconds(5)).body().at("/messages/2/content/0");
      assertThat(result.get("is_error").asBoolean()).isTrue();
      assertThat(result.toString()).contains("timed out after 300 ms");
      assertThat(called.getCount()).as("the call reached the server before it timed out").isZero();
      assertThat(events.await("cancelled slow trigger-long-running-operation")).isTrue();
    } finally {
      timer.shutdownNow();
    }
  }

  /** Opens {@code latch} when {@code method} is the one awaited. */
  static void countDownOn(String awaited, String method, CountDownLatch latch) {
    if (method.equals(awaited)) {
      latch.countDown();
    }
  }

  private static ToolSpec tool(String name) {
    return everything.tools().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
  }
}
