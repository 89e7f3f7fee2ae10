package dev.toolstream.mcp;

import static dev.toolstream.mcp.TestServers.agent;
import static dev.toolstream.mcp.TestServers.bin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.toolstream.agent.ToolSpec;
import dev.toolstream.testkit.ScriptedClaude;
import dev.toolstream.testkit.Turn;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * server-everything over Streamable HTTP, and server-filesystem over stdio on a temporary folder
 * with a working directory and an environment of its own.
 */
final class OtherTransportsTest {
  @TempDir Path dir;

  @Test
  void everythingOverStreamableHttpAnswersThroughTheAgent() throws Exception {
    ProcessBuilder builder = new ProcessBuilder(bin("mcp-server-everything"), "streamableHttp");
    // The server binds any free port and says which: no port picked here that another could take.
    builder.environment().put("PORT", "0");
    builder
        .environment()
        .put(
            "NODE_OPTIONS",
            "--import=" + TestServers.NODE.resolve("report-port.mjs").toAbsolutePath().toUri());
    Process server = builder.redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    try (BufferedReader log =
        new BufferedReader(
            new InputStreamReader(server.getErrorStream(), StandardCharsets.UTF_8))) {
      String line;
      do {
        line = log.readLine(); // Blocks until the server says it listens: no sleep.
      } while (line != null && !line.startsWith("bound port "));
      assertThat(line).as("server-everything did not start").isNotNull();
      int port = Integer.parseInt(line.substring("bound port ".length()).strip());

      try (McpConnection remote =
              McpConnection.http("remote", URI.create("http://127.0.0.1:" + port + "/mcp"))
                  .bearerToken("secret-token-123")
                  .connect();
          ScriptedClaude claude =
              ScriptedClaude.start(
                  Turn.builder()
                      .toolUse("toolu_1", "echo", "{\"message\": \"over http\"}")
                      .stopReason("tool_use")
                      .build(),
                  Turn.text("Done."))) {
        agent(claude).tools(remote.tools()).build().run("Echo.");

        claude.takeRequest(Duration.ofSeconds(5));
        JsonNode result =
            claude.takeRequest(Duration.ofSeconds(5)).body().at("/messages/2/content/0");
        assertThat(result.toString()).contains("Echo: over http");
        assertThat(remote.toString()).doesNotContain("secret-token-123");
      }
    } finally {
      server.destroy();
      server.onExit().get();
    }
  }

  @Test
  void anUnreachableUrlFailsToConnectWithoutShowingTheToken() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    assertThatThrownBy(
            () ->
                McpConnection.http("gone", URI.create("http://127.0.0.1:" + port + "/mcp"))
                    .bearerToken("secret-token-123")
                    .connectTimeout(Duration.ofSeconds(5))
                    .connect())
        .isInstanceOf(McpConnectionException.class)
        .hasMessageContaining("could not connect to MCP server \"gone\"")
        .hasMessageNotContaining("secret-token-123");
  }

  @Test
  void anUnreachableUrlFailsToConnectWithoutShowingAKeyInItsQuery() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    // Hosted servers often take their key in the URL: the message names the server, not the key.
    URI url = URI.create("http://127.0.0.1:" + port + "/mcp?api_key=secret-key-456&user=me");
    assertThatThrownBy(
            () ->
                McpConnection.http("gone", url).connectTimeout(Duration.ofSeconds(5)).connect())
        .isInstanceOf(McpConnectionException.class)
        .hasMessageContaining("could not connect to MCP server \"gone\"")
        .hasMessageContaining("http://127.0.0.1:" + port + "/mcp")
        .hasMessageNotContaining("secret-key-456");
  }

  @Test
  void aCommandThatDoesNotStartFailsToConnectNamingIt() {
    assertThatThrownBy(
            () ->
                McpConnection.stdio("nothing", dir.resolve("no-such-server").toString()).connect())
        .isInstanceOf(McpConnectionException.class)
        .hasMessageContaining("could not connect to MCP server \"nothing\"")
        .hasMessageContaining("no-such-server");
  }

  @Test
  void filesystemServerReadsAFileOfTheTemporaryFolder() throws Exception {
    Files.writeString(dir.resolve("note.txt"), "remember the milk");
    try (McpConnection files =
            McpConnection.stdio("files", bin("mcp-server-filesystem"), ".")
                .workingDirectory(dir)
                .environment("NODE_NO_WARNINGS", "1")
                .connect();
        ScriptedClaude claude =
            ScriptedClaude.start(
                Turn.builder()
                    .toolUse("toolu_1", "read_text_file", "{\"path\": \"note.txt\"}")
                    .toolUse("toolu_2", "list_directory", "{\"path\": \".\"}")
                    .stopReason("tool_use")
                    .build(),
                Turn.text("Milk."))) {
      assertThat(files.tools()).extracting(ToolSpec::name).contains("read_text_file", "write_file");

      agent(claude).tools(files.tools()).build().run("What does the note say?");

      claude.takeRequest(Duration.ofSeconds(5));
      JsonNode results = claude.takeRequest(Duration.ofSeconds(5)).body().at("/messages/2/content");
      assertThat(results.get(0).toString()).contains("remember the milk");
      assertThat(results.get(1).toString()).contains("[FILE] note.txt");
    }
  }
}
