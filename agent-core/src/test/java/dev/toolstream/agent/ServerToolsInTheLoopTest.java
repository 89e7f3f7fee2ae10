package dev.toolstream.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.toolstream.messages.ContentBlock;
import dev.toolstream.messages.McpServer;
import dev.toolstream.messages.ServerTool;
import dev.toolstream.stream.ToolInputDelta;
import dev.toolstream.testkit.RecordedRequest;
import dev.toolstream.testkit.Turn;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The loop leaves server tools and the MCP connector to the API: their calls never reach a
 * handler, {@code pause_turn} goes on with the reply as it was, and the container carries over.
 */
class ServerToolsInTheLoopTest extends AgentTestSupport {
  private static final String SEARCH_RESULTS =
      "[{\"type\":\"web_search_result\",\"url\":\"https://weather.example/tokyo\","
          + "\"title\":\"Tokyo weather\",\"encrypted_content\":\"EqgfCioIARgB\",\"page_age\":null}]";

  private final AtomicInteger handlerCalls = new AtomicInteger();

  /** A client tool that counts its calls, named as a server tool or an MCP tool may be. */
  private ToolSpec countingTool(String name) {
    return ToolSpec.builder(name)
        .description("A client tool that must not be called for server calls.")
        .inputSchema(json("{\"type\":\"object\"}"))
        .handler(
            (input, context) -> {
              handlerCalls.incrementAndGet();
              return ToolOutput.text("client");
            })
        .build();
  }

  @Test
  void aServerToolCallNeverReachesAHandlerOfTheSameName() throws Exception {
    enqueue(
        Turn.builder()
            .serverToolUse("srvtoolu_1", "web_search", "{\"query\":\"Tokyo weather\"}")
            .webSearchResult("srvtoolu_1", json(SEARCH_RESULTS))
            .text("Sunny in Tokyo.")
            .build());

    AgentResult result =
        agent(countingTool("web_search"))
            .serverTool(ServerTool.codeExecution())
            .build()
            .run("Weather in Tokyo?");

    assertThat(handlerCalls).hasValue(0);
    assertThat(result.turns()).isEqualTo(1);
    assertThat(result.text()).isEqualTo("Sunny in Tokyo.");
    assertThat(result.finalMessage().content().get(0)).isInstanceOf(ContentBlock.ServerToolUse.class);
  }

  @Test
  void serverToolsAreSentAfterTheClientToolsOnEveryTurn() throws Exception {
    enqueue(
        Turn.builder().toolUse("toolu_1", "get_weather", "{\"city\":\"Tokyo\"}").build(),
        Turn.text("Sunny."));

    Agent agent = agent(weatherTool()).serverTool(ServerTool.webSearch()).build();
    agent.newBuilder().build().run("Weather in Tokyo?");

    for (int i = 0; i < 2; i++) {
      JsonNode tools = nextRequestBody().get("tools");
      assertThat(tools).hasSize(2);
      assertThat(tools.get(0).get("name").asString()).isEqualTo("get_weather");
      assertThat(tools.get(1))
          .isEqualTo(json("{\"type\":\"web_search_20260318\",\"name\":\"web_search\"}"));
    }
  }

  @Test
  void aToolTheCallerRunsIsDefinedByTheApiAndHandledByTheToolOfItsName() throws Exception {
    enqueue(
        Turn.builder().toolUse("toolu_1", "bash", "{\"command\":\"date\"}").build(),
        Turn.text("Done."));

    agent(countingTool("bash")).serverTool(ServerTool.bash()).build().run("What day is it?");

    assertThat(nextRequestBody().get("tools"))
        .isEqualTo(json("[{\"type\":\"bash_20250124\",\"name\":\"bash\"}]"));
    assertThat(handlerCalls).hasValue(1);
  }

  @Test
  void aServerToolNameCanBeAddedOnce() {
    Agent.Builder builder = agent().serverTool(ServerTool.webSearch());

    assertThatThrownBy(() -> builder.serverTool(ServerTool.webSearch()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "a server tool named \"web_search\" is already added; names must be unique");
  }

  @Test
  void mcpCallsNeverReachAHandlerAndEveryTurnCarriesTheBeta() throws Exception {
    enqueue(
        Turn.builder()
            .mcpToolUse("mcptoolu_1", "calendar", "list_events", "{\"day\":\"today\"}")
            .mcpToolResult("mcptoolu_1", "No events today.", false)
            .toolUse("toolu_1", "get_weather", "{\"city\":\"Tokyo\"}")
            .build(),
        Turn.text("Free all day, and sunny."));

    agent(weatherTool(), countingTool("list_events"))
        .mcpServer(McpServer.url("calendar", "https://mcp.example.com/sse"))
        .serverTool(ServerTool.mcpToolset("calendar"))
        .build()
        .run("Am I free today, and what's the weather?");

    assertThat(handlerCalls).hasValue(0);
    assertThat(handled).containsExactly(json("{\"city\":\"Tokyo\"}"));
    for (int i = 0; i < 2; i++) {
      RecordedRequest request = claude.takeRequest(WAIT);
      assertThat(request.header("anthropic-beta")).isEqualTo("mcp-client-2025-11-20");
      assertThat(request.body().get("mcp_servers").get(0).get("name").asString())
          .isEqualTo("calendar");
    }
  }

  @Test
  void pauseTurnContinuesWithTheReplyAsItWas() throws Exception {
    enqueue(
        Turn.builder()
            .text("Let me search.")
            .serverToolUse("srvtoolu_1", "web_search", "{\"query\":\"Tokyo weather\"}")
            .stopReason("pause_turn")
            .build(),
        Turn.builder()
            .webSearchResult("srvtoolu_1", json(SEARCH_RESULTS))
            .text("Sunny in Tokyo.")
            .build());

    AgentResult result =
        agent(countingTool("web_search"))
            .serverTool(ServerTool.webSearch())
            .build()
            .run("Weather in Tokyo?");

    nextRequestBody();
    JsonNode messages = nextRequestBody().get("messages");
    assertThat(messages).hasSize(2);
    assertThat(messages.get(1))
        .isEqualTo(
            json(
                "{\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"Let me"
                    + " search.\"},{\"type\":\"server_tool_use\",\"id\":\"srvtoolu_1\","
                    + "\"name\":\"web_search\",\"input\":{\"query\":\"Tokyo weather\"}}]}"));
    assertThat(handlerCalls).hasValue(0);
    assertThat(result.turns()).isEqualTo(2);
    assertThat(result.text()).isEqualTo("Sunny in Tokyo.");
  }

  @Test
  void aTurnMixingAToolCallAndAnUnansweredServerCallIsAnsweredWithTheToolResultAlone()
      throws Exception {
    enqueue(
        Turn.builder()
            .serverToolUse("srvtoolu_1", "web_search", "{\"query\":\"Tokyo weather\"}")
            .toolUse("toolu_1", "get_weather", "{\"city\":\"Tokyo\"}")
            .stopReason("tool_use")
            .build(),
        Turn.text("Sunny."));

    agent(weatherTool()).serverTool(ServerTool.webSearch()).build().run("Weather in Tokyo?");

    nextRequestBody();
    JsonNode messages = nextRequestBody().get("messages");
    assertThat(messages).hasSize(3);
    assertThat(messages.get(1).get("content").get(0).get("type").asString())
        .isEqualTo("server_tool_use");
    assertThat(messages.get(2))
        .isEqualTo(
            json(
                "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\","
                    + "\"tool_use_id\":\"toolu_1\",\"content\":\"Sunny, 21 °C in Tokyo\"}]}"));
  }

  @Test
  void theContainerOfOneReplyIsReusedByTheNextRequest() throws Exception {
    enqueue(
        Turn.builder()
            .serverToolUse("srvtoolu_1", "code_execution", "{\"code\":\"print(1)\"}")
            .codeExecutionResult(
                "srvtoolu_1",
                json(
                    "{\"type\":\"code_execution_result\",\"stdout\":\"1\\n\",\"stderr\":\"\","
                        + "\"return_code\":0,\"content\":[]}"))
            .toolUse("toolu_1", "get_weather", "{\"city\":\"Tokyo\"}")
            .container("container_011CN", "2026-12-02T10:00:00Z")
            .build(),
        Turn.builder().toolUse("toolu_2", "get_weather", "{\"city\":\"Paris\"}").build(),
        Turn.text("Done."));

    agent(weatherTool()).serverTool(ServerTool.codeExecution()).build().run("Compute, then look.");

    assertThat(nextRequestBody().has("container")).isFalse();
    assertThat(nextRequestBody().get("container").asString()).isEqualTo("container_011CN");
    assertThat(nextRequestBody().get("container").asString()).isEqualTo("container_011CN");
  }

  @Test
  void listenersHearServerAndMcpCallsAndResultsInTheReplysOrder() throws Exception {
    enqueue(
        Turn.builder()
            .serverToolUse("srvtoolu_1", "web_search", "{\"query\":\"Tokyo weather\"}")
            .webSearchResult("srvtoolu_1", json(SEARCH_RESULTS))
            .mcpToolUse("mcptoolu_1", "calendar", "list_events", "{}")
            .mcpToolResult("mcptoolu_1", "No events.", false)
            .text("Sunny, and you're free.")
            .build());
    List<String> events = new ArrayList<>();
    AgentListener listener =
        new AgentListener() {
          @Override
          public void onServerToolCall(ContentBlock.ServerToolUse call) {
            events.add("call " + call.name() + " " + call.input());
          }

          @Override
          public void onServerToolResult(ContentBlock.ServerToolResult result) {
            events.add("result " + result.type() + " for " + result.toolUseId());
          }

          @Override
          public void onMcpToolCall(ContentBlock.McpToolUse call) {
            events.add("mcp call " + call.serverName() + "/" + call.name());
          }

          @Override
          public void onMcpToolResult(ContentBlock.McpToolResult result) {
            events.add("mcp result " + result.text());
          }

          @Override
          public void onToolCall(ContentBlock.ToolUse call) {
            events.add("client call " + call.name());
          }
        };

    agent().serverTool(ServerTool.webSearch()).listener(listener).build().run("Hi");

    assertThat(events)
        .containsExactly(
            "call web_search {\"query\":\"Tokyo weather\"}",
            "result web_search_tool_result for srvtoolu_1",
            "mcp call calendar/list_events",
            "mcp result No events.");
  }

  @Test
  void listenersSeeAServerCallsInputGrowAsItStreams() throws Exception {
    enqueue(
        Turn.builder()
            .serverToolUseFragments("srvtoolu_1", "web_search", "", "{\"query\":", "\"Oslo\"}")
            .webSearchResult("srvtoolu_1", json("[]"))
            .text("Nothing found.")
            .build());
    List<String> inputs = new ArrayList<>();
    AgentListener listener =
        new AgentListener() {
          @Override
          public void onToolInputDelta(ToolInputDelta delta) {
            inputs.add(delta.toolUseId() + " " + delta.toolName() + " " + delta.inputJson());
          }
        };

    agent().serverTool(ServerTool.webSearch()).listener(listener).build().run("Oslo?");

    assertThat(inputs)
        .containsExactly(
            "srvtoolu_1 web_search ",
            "srvtoolu_1 web_search {\"query\":",
            "srvtoolu_1 web_search {\"query\":\"Oslo\"}");
  }

  @Test
  void anMcpServerAloneIsOfferedWithAllItsToolsAndAGivenToolsetIsKept() throws Exception {
    enqueue(Turn.text("Hi."));
    ServerTool someTools =
        ServerTool.mcpToolset("files")
            .with("default_config", json("{\"enabled\":false}"))
            .with("configs", json("{\"read_file\":{\"enabled\":true}}"));

    agent()
        .mcpServer(McpServer.url("calendar", "https://mcp.example.com/calendar"))
        .mcpServer(McpServer.url("files", "https://mcp.example.com/files"))
        .serverTool(someTools)
        .build()
        .newBuilder()
        .build()
        .run("Hi");

    assertThat(nextRequestBody().get("tools"))
        .isEqualTo(
            json(
                "[{\"type\":\"mcp_toolset\",\"mcp_server_name\":\"files\","
                    + "\"default_config\":{\"enabled\":false},"
                    + "\"configs\":{\"read_file\":{\"enabled\":true}}},"
                    + "{\"type\":\"mcp_toolset\",\"mcp_server_name\":\"calendar\"}]"));
  }
}
