package dev.toolstream.examples.readme;

import static org.assertj.core.api.Assertions.assertThat;

// region server-tools-imports
import dev.toolstream.agent.Agent;
import dev.toolstream.agent.AgentListener;
import dev.toolstream.agent.AgentResult;
import dev.toolstream.client.MessagesClient;
import dev.toolstream.messages.ContentBlock;
import dev.toolstream.messages.McpServer;
import dev.toolstream.messages.Message;
import dev.toolstream.messages.MessageRequest;
import dev.toolstream.messages.ServerTool;
import dev.toolstream.messages.ServerTool.WebSearchOptions;
import java.util.List;
// endregion
import dev.toolstream.testkit.RecordedRequest;
import dev.toolstream.testkit.ScriptedClaude;
import dev.toolstream.testkit.Turn;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;
import tools.jackson.databind.json.JsonMapper;

/** The README's server-tools snippets, compiled by the build and run against the test kit. */
@ResourceLock(Resources.SYSTEM_OUT)
final class ServerToolsSnippets {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  static AgentResult webSearchAgent(MessagesClient client) {
    // region server-tools-agent
    Agent agent = Agent.builder()
        .client(client)
        .model("claude-sonnet-4-6")
        .serverTool(ServerTool.webSearch(WebSearchOptions.defaults()
            .maxUses(3)
            .allowedDomains(List.of("weather.gov", "metoffice.gov.uk"))))
        .serverTool(ServerTool.codeExecution())      // its container is reused turn to turn
        .listener(new AgentListener() {
          @Override public void onServerToolCall(ContentBlock.ServerToolUse call) {
            System.err.println("→ " + call.name() + " " + call.input());   // the API runs it
          }
          @Override public void onServerToolResult(ContentBlock.ServerToolResult result) {
            System.err.println("← " + result.type() + (result.isError() ? " failed" : ""));
          }
        })
        .build();

    AgentResult result = agent.run("Will it rain in London this weekend?");
    // endregion
    return result;
  }

  static Message mcpRequest(MessagesClient client, String token) {
    // region server-tools-mcp
    MessageRequest request = MessageRequest.builder()
        .model("claude-sonnet-4-6")
        .maxTokens(1024)
        .addMcpServer(McpServer.url("calendar", "https://mcp.example.com/sse")
            .withAuthorizationToken(token))                 // sent in the body, never printed
        .addTool(ServerTool.mcpToolset("calendar"))         // anthropic-beta: mcp-client-2025-11-20
        .addUserMessage("What's on my calendar today?")
        .build();

    Message reply = client.create(request);
    for (ContentBlock block : reply.content()) {
      if (block instanceof ContentBlock.McpToolResult result) {
        System.out.println("calendar said: " + result.text());
      }
    }
    // endregion
    return reply;
  }

  static Turn scriptedSearch() {
    // region server-tools-testkit
    Turn searched = Turn.builder()
        .serverToolUse("srvtoolu_1", "web_search", "{\"query\":\"London weekend forecast\"}")
        .webSearchResult("srvtoolu_1", JsonMapper.builder().build().readTree("""
            [{"type": "web_search_result", "url": "https://weather.gov/london",
              "title": "London", "encrypted_content": "Eq…", "page_age": null}]"""))
        .textWithCitations("Showers on Saturday.", JsonMapper.builder().build().readTree("""
            {"type": "web_search_result_location", "url": "https://weather.gov/london",
             "title": "London", "encrypted_index": "Eo…", "cited_text": "Showers Saturday"}"""))
        .container("container_011CN", "2026-12-02T10:00:00Z")
        .build();
    // endregion
    return searched;
  }

  @Test
  void theWebSearchAgentSendsItsToolsAndNoHandlerRunsTheSearch() throws Exception {
    try (ScriptedClaude claude = ScriptedClaude.start(scriptedSearch())) {
      AgentResult result =
          webSearchAgent(MessagesClient.builder().baseUrl(claude.baseUrl()).apiKey("k").build());

      RecordedRequest request = claude.takeRequest(Duration.ofSeconds(5));
      assertThat(request.body().get("tools"))
          .isEqualTo(
              JSON.readTree(
                  "[{\"type\":\"web_search_20260318\",\"name\":\"web_search\",\"max_uses\":3,"
                      + "\"allowed_domains\":[\"weather.gov\",\"metoffice.gov.uk\"]},"
                      + "{\"type\":\"code_execution_20260521\",\"name\":\"code_execution\"}]"));
      assertThat(result.turns()).isEqualTo(1);
      assertThat(result.text()).isEqualTo("Showers on Saturday.");
      assertThat(result.finalMessage().container().get("id").asString())
          .isEqualTo("container_011CN");
    }
  }

  @Test
  void theMcpRequestCarriesTheServerAndTheBeta() throws Exception {
    Turn answered =
        Turn.builder()
            .mcpToolUse("mcptoolu_1", "calendar", "list_events", "{}")
            .mcpToolResult("mcptoolu_1", "Stand-up at 10.", false)
            .text("You have a stand-up at 10.")
            .build();
    try (ScriptedClaude claude = ScriptedClaude.start(answered)) {
      Message reply =
          mcpRequest(
              MessagesClient.builder().baseUrl(claude.baseUrl()).apiKey("k").build(), "tok-123");

      RecordedRequest request = claude.takeRequest(Duration.ofSeconds(5));
      assertThat(request.header("anthropic-beta")).isEqualTo("mcp-client-2025-11-20");
      assertThat(request.body().get("mcp_servers").get(0).get("authorization_token").asString())
          .isEqualTo("tok-123");
      assertThat(reply.content().get(1)).isInstanceOf(ContentBlock.McpToolResult.class);
    }
  }
}
