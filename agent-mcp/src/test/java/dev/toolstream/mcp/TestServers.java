package dev.toolstream.mcp;

import dev.toolstream.agent.Agent;
import dev.toolstream.client.MessagesClient;
import dev.toolstream.testkit.ScriptedClaude;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the build installed the MCP implementations the tests run against, and agent set-up. */
final class TestServers {
  static final Path NODE = Path.of(System.getProperty("toolstream.mcp.node", "target/node"));

  private TestServers() {}

  /** Returns the path of a binary the npm packages installed, such as mcp-server-everything. */
  static String bin(String name) {
    Path bin = NODE.resolve("node_modules/.bin").resolve(name);
    if (!Files.exists(bin)) {
      throw new IllegalStateException(bin + " is missing: run the build, which runs npm ci");
    }
    return bin.toString();
  }

  /** Connects to the small misbehaving server of src/test/node/client-test-server.mjs. */
  static McpConnection.Builder testServer(String name) {
    return McpConnection.stdio(name, "node", NODE.resolve("client-test-server.mjs").toString());
  }

  static Agent.Builder agent(ScriptedClaude claude) {
    MessagesClient client =
        MessagesClient.builder().apiKey("test-key").baseUrl(claude.baseUrl()).maxRetries(0).build();
    return Agent.builder().client(client).model("claude-sonnet-4-6");
  }
}
