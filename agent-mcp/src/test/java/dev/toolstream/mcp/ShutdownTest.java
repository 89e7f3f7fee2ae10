package dev.toolstream.mcp;

import static dev.toolstream.mcp.TestServers.agent;
import static dev.toolstream.mcp.TestServers.testServer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.toolstream.testkit.ScriptedClaude;
import dev.toolstream.testkit.Turn;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Cancelled runs, killed servers, and what a connection leaves behind: nothing. Isolated, since it
 * kills and counts every process this JVM started.
 */
@Isolated
final class ShutdownTest {
  @TempDir Path dir;

  @Test
  void aCancelledRunSendsTheServerNotificationsCancelled() throws Exception {
    Path record = dir.resolve("received.jsonl");
    RecordingListener events = new RecordingListener();
    try (ScriptedClaude claude =
        ScriptedClaude.start(
            Turn.builder().toolUse("toolu_1", "stall", "{}").stopReason("tool_use").build())) {
      try (McpConnection server =
          testServer("srv").environment("RECORD", record.toString()).listener(events).connect()) {
        CompletableFuture<?> run = agent(claude).tools(server.tools()).build().runAsync("Stall.");
        assertThat(events.await("changed srv")).isTrue(); // The server has the call.

        run.cancel(true);

        assertThatThrownBy(run::join).isInstanceOf(CancellationException.class);
        assertThat(events.await("cancelled srv stall")).isTrue();
      }
      String received = Files.readString(record);
      JsonNode call = TestJson.line(received, "tools/call");
      JsonNode cancelled = TestJson.line(received, "notifications/cancelled");
      assertThat(cancelled.at("/params/requestId")).isEqualTo(call.get("id"));
    }
  }

  @Test
  void aKilledServerIsReportedAndItsToolsAnswerWithAnError() throws Exception {
    RecordingListener events = new RecordingListener();
    try (McpConnection server =
        testServer("srv").listener(events).reconnect(ReconnectPolicy.never()).connect()) {
      killServers();

      assertThat(events.await("failed srv closed its output")).isTrue();
      var output =
          server.tools().get(0).handler().call(McpConnectionFixtures.empty(), new FixedContext());
      assertThat(output.isError()).isTrue();
      assertThat(output.content().toString()).contains("does not reconnect");
    }
  }

  @Test
  void aHundredConnectAndKillCyclesLeakNoProcessThreadOrFileDescriptor() throws Exception {
    testServer("warmup").connect().close(); // Loads classes and the SDK's shared schedulers.
    long processes = ProcessHandle.current().descendants().count();
    long descriptors = openFileDescriptors();
    int threads = Thread.activeCount();

    for (int cycle = 0; cycle < 100; cycle++) {
      RecordingListener events = new RecordingListener();
      try (McpConnection server = testServer("cycle").listener(events).connect()) {
        if (cycle % 2 == 0) {
          killServers();
          assertThat(events.await("failed cycle")).isTrue();
        }
      }
    }

    assertThat(ProcessHandle.current().descendants().count()).isEqualTo(processes);
    // Each cycle opens three pipes and two threads: a leak would show by the hundred. The slack
    // covers what the rest of the JVM opens or closes meanwhile (JIT, a previous test's sockets).
    assertThat(openFileDescriptors()).isLessThanOrEqualTo(descriptors + 5);
    assertThat(Thread.getAllStackTraces().keySet())
        .noneMatch(thread -> thread.getName().startsWith("toolstream-mcp-"));
    assertThat(Thread.activeCount()).isLessThanOrEqualTo(threads + 4);
  }

  /** Kills every server process this JVM started, as a crash or the OOM killer would. */
  private static void killServers() throws Exception {
    for (ProcessHandle child : ProcessHandle.current().children().toList()) {
      child.destroyForcibly();
      child.onExit().get();
    }
  }

  private static long openFileDescriptors() throws IOException {
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      return fds.count();
    }
  }
}
