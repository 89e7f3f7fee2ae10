package dev.toolstream.examples.readme;

// region mcp-connect-imports
import dev.toolstream.agent.Agent;
import dev.toolstream.agent.AgentResult;
import dev.toolstream.client.MessagesClient;
import dev.toolstream.mcp.McpClientTools;
import dev.toolstream.mcp.McpConnection;
import dev.toolstream.mcp.McpListener;
import dev.toolstream.mcp.NameCollision;
import dev.toolstream.mcp.ReconnectPolicy;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
// endregion

/** The README's MCP client snippets, compiled by the build (they start npx and reach a URL). */
final class McpSnippets {
  private McpSnippets() {}

  static AgentResult connect(MessagesClient client, Path folder) {
    // region mcp-connect
    try (McpConnection files = McpConnection
            .stdio("files", "npx", "-y", "@modelcontextprotocol/server-filesystem", ".")
            .workingDirectory(folder)
            .environment("NODE_OPTIONS", "--max-old-space-size=256")
            .toolTimeout(Duration.ofSeconds(20))
            .connect();
        McpConnection issues = McpConnection
            .http("issues", URI.create("https://mcp.example.com/mcp"))
            .bearerToken(System.getenv("ISSUES_TOKEN"))     // never logged or printed
            .reconnect(ReconnectPolicy.onNextCall(3))
            .listener(new McpListener() {
              @Override public void onServerFailed(String server, String problem) {
                System.err.println(server + " failed: " + problem);
              }
            })
            .connect()) {
      Agent agent = Agent.builder()
          .client(client)
          .model("claude-sonnet-4-6")
          .toolSource(McpClientTools.builder()                 // read again at every turn
              .connection(files)
              .connection(issues)
              .onNameCollision(NameCollision.PREFIX_WITH_SERVER_NAME)
              .build())
          .build();
      return agent.run("File an issue for each TODO in the notes.");
    }
    // endregion
  }
}
