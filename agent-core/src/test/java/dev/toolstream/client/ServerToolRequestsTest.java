package dev.toolstream.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.toolstream.messages.CacheControl;
import dev.toolstream.messages.McpServer;
import dev.toolstream.messages.MessageRequest;
import dev.toolstream.messages.ServerTool;
import dev.toolstream.messages.ToolDefinition;
import dev.toolstream.testkit.RecordedRequest;
import dev.toolstream.testkit.ScriptedClaude;
import dev.toolstream.testkit.Turn;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Server tools, MCP servers and the container go on the wire exactly as the API defines them. */
class ServerToolRequestsTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String TOKEN = "mcp-secret-T0KEN-4711";

  private final ScriptedClaude claude = ScriptedClaude.start(request -> Turn.text("ok"));
  private final MessagesClient client =
      MessagesClient.builder().apiKey("test-key").baseUrl(claude.baseUrl()).maxRetries(0).build();

  @AfterEach
  void stop() {
    claude.close();
  }

  private RecordedRequest send(MessageRequest.Builder request) throws InterruptedException {
    client.stream(request.model("claude-sonnet-4-6").maxTokens(512).addUserMessage("Hi").build())
        .finalMessage();
    return claude.takeRequest(Duration.ofSeconds(5));
  }

  private static JsonNode json(String text) {
    return JSON.readTree(text);
  }

  @Test
  void webSearchWithOptionsGoesAfterTheClientToolsAsTheApiDefinesIt() throws Exception {
    ToolDefinition weather =
        new ToolDefinition("get_weather", "Current weather.", json("{\"type\":\"object\"}"));
    ServerTool search =
        ServerTool.webSearch(
            ServerTool.WebSearchOptions.defaults()
                .maxUses(3)
                .allowedDomains(List.of("weather.gov"))
                .userLocation(
                    new ServerTool.UserLocation("Tokyo", "Tokyo", "JP", "Asia/Tokyo")));

    RecordedRequest request = send(MessageRequest.builder().addTool(weather).addTool(search));

    assertThat(request.body().get("tools"))
        .isEqualTo(
            json(
                "[{\"name\":\"get_weather\",\"description\":\"Current weather.\","
                    + "\"input_schema\":{\"type\":\"object\"}},"
                    + "{\"type\":\"web_search_20260318\",\"name\":\"web_search\",\"max_uses\":3,"
                    + "\"allowed_domains\":[\"weather.gov\"],\"user_location\":{\"type\":"
                    + "\"approximate\",\"city\":\"Tokyo\",\"region\":\"Tokyo\",\"country\":\"JP\","
                    + "\"timezone\":\"Asia/Tokyo\"}}]"));
    assertThat(request.header("anthropic-beta")).isNull();
  }

  @Test
  void eachFactorySendsTheCurrentVersionOfItsTool() throws Exception {
    RecordedRequest request =
        send(
            MessageRequest.builder()
                .tools(
                    List.of(
                        ServerTool.webFetch(),
                        ServerTool.codeExecution(),
                        ServerTool.toolSearchRegex(),
                        ServerTool.toolSearchBm25(),
                        ServerTool.bash(),
                        ServerTool.textEditor(),
                        ServerTool.memory().withCacheControl(CacheControl.ephemeral()))));

    assertThat(request.body().get("tools"))
        .isEqualTo(
            json(
                "[{\"type\":\"web_fetch_20260318\",\"name\":\"web_fetch\"},"
                    + "{\"type\":\"code_execution_20260521\",\"name\":\"code_execution\"},"
                    + "{\"type\":\"tool_search_tool_regex_20251119\","
                    + "\"name\":\"tool_search_tool_regex\"},"
                    + "{\"type\":\"tool_search_tool_bm25_20251119\","
                    + "\"name\":\"tool_search_tool_bm25\"},"
                    + "{\"type\":\"bash_20250124\",\"name\":\"bash\"},"
                    + "{\"type\":\"text_editor_20250728\",\"name\":\"str_replace_based_edit_tool\"},"
                    + "{\"type\":\"memory_20250818\",\"name\":\"memory\","
                    + "\"cache_control\":{\"type\":\"ephemeral\"}}]"));
  }

  @Test
  void aToolOfAnyTypeIsSentAsGiven() throws Exception {
    ObjectNode future =
        (ObjectNode) json("{\"type\":\"web_search_20990101\",\"name\":\"web_search\",\"x\":[1]}");
    ServerTool tool = ServerTool.of(future);
    future.put("x", "changed after");

    RecordedRequest request = send(MessageRequest.builder().addTool(tool));

    assertThat(request.body().get("tools"))
        .isEqualTo(json("[{\"type\":\"web_search_20990101\",\"name\":\"web_search\",\"x\":[1]}]"));
  }

  @Test
  void mcpServerAndToolsetAreSentWithTheirBetaAndTheToken() throws Exception {
    McpServer server =
        McpServer.url("calendar", "https://mcp.example.com/sse")
            .withAuthorizationToken(TOKEN)
            .withAllowedTools(List.of("list_events"));

    RecordedRequest request =
        send(
            MessageRequest.builder()
                .addMcpServer(server)
                .addTool(ServerTool.mcpToolset("calendar")));

    assertThat(request.body().get("mcp_servers"))
        .isEqualTo(
            json(
                "[{\"type\":\"url\",\"url\":\"https://mcp.example.com/sse\",\"name\":\"calendar\","
                    + "\"authorization_token\":\"" + TOKEN + "\","
                    + "\"tool_configuration\":{\"allowed_tools\":[\"list_events\"]}}]"));
    assertThat(request.body().get("tools"))
        .isEqualTo(json("[{\"type\":\"mcp_toolset\",\"mcp_server_name\":\"calendar\"}]"));
    assertThat(request.header("anthropic-beta")).isEqualTo("mcp-client-2025-11-20");
  }

  @Test
  void aBetaNamedForTheMcpConnectorTakesTheImpliedOnesPlace() throws Exception {
    RecordedRequest request =
        send(
            MessageRequest.builder()
                .addMcpServer(McpServer.url("calendar", "https://mcp.example.com/sse"))
                .addBeta("mcp-client-2025-04-04"));

    assertThat(request.header("anthropic-beta")).isEqualTo("mcp-client-2025-04-04");
  }

  @Test
  void theMcpTokenNeverAppearsInToString() {
    McpServer server =
        McpServer.url("calendar", "https://mcp.example.com/sse").withAuthorizationToken(TOKEN);
    MessageRequest request =
        MessageRequest.builder().model("m").maxTokens(1).addMcpServer(server).build();

    assertThat(server.toString()).doesNotContain(TOKEN).contains("[redacted]");
    assertThat(request.toString()).doesNotContain(TOKEN);
  }

  @Test
  void theContainerIsSentByItsId() throws Exception {
    RecordedRequest request = send(MessageRequest.builder().container("container_011CN"));

    assertThat(request.body().get("container").asString()).isEqualTo("container_011CN");
  }

  @Test
  void aRequestWithoutServerFeaturesHasNoneOfTheirFields() throws Exception {
    RecordedRequest request = send(MessageRequest.builder());

    assertThat(request.body().has("mcp_servers")).isFalse();
    assertThat(request.body().has("container")).isFalse();
    assertThat(request.body().has("tools")).isFalse();
  }

  @Test
  void webSearchRefusesBothDomainListsBeforeSending() {
    assertThatThrownBy(
            () ->
                ServerTool.WebSearchOptions.defaults()
                    .allowedDomains(List.of("a.example"))
                    .blockedDomains(List.of("b.example")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "web search takes allowed domains or blocked domains, not both: keep one list");
  }

  @Test
  void aServerToolWithoutATypeIsRefused() {
    assertThatThrownBy(() -> ServerTool.of((ObjectNode) json("{\"name\":\"web_search\"}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs its versioned \"type\"");
  }
}
