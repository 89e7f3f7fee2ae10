package dev.toolstream.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolstream.internal.json.BlockCodec;
import dev.toolstream.messages.ContentBlock;
import dev.toolstream.messages.Message;
import dev.toolstream.messages.MessageRequest;
import dev.toolstream.stream.MessageStream;
import dev.toolstream.stream.StreamListener;
import dev.toolstream.stream.ToolInputDelta;
import dev.toolstream.testkit.ScriptedClaude;
import dev.toolstream.testkit.Turn;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The blocks of server tools and the MCP connector stream to listeners, land typed in the final
 * message, and go back to the API with every field they came with.
 */
class ServerToolBlocksTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static final String SEARCH_RESULT =
      "{\"type\":\"web_search_tool_result\",\"tool_use_id\":\"srvtoolu_1\","
          + "\"caller\":{\"type\":\"direct\"},\"content\":[{\"type\":\"web_search_result\","
          + "\"url\":\"https://weather.example/tokyo\",\"title\":\"Tokyo weather\","
          + "\"encrypted_content\":\"EqgfCioIARgBIiQ3\",\"page_age\":null}]}";
  private static final String FETCH_RESULT_WITH_NULL_CALLER =
      "{\"type\":\"web_fetch_tool_result\",\"tool_use_id\":\"srvtoolu_2\",\"caller\":null,"
          + "\"content\":{\"type\":\"web_fetch_tool_result_error\",\"error_code\":\"url_not_allowed\"}}";
  private static final String CITATION =
      "{\"type\":\"web_search_result_location\",\"url\":\"https://weather.example/tokyo\","
          + "\"title\":\"Tokyo weather\",\"encrypted_index\":\"Eo8BCioIAhgB\","
          + "\"cited_text\":\"Sunny, 21 °C\"}";

  private final ScriptedClaude claude = ScriptedClaude.start(request -> everyBlock());
  private final MessagesClient client =
      MessagesClient.builder().apiKey("test-key").baseUrl(claude.baseUrl()).maxRetries(0).build();

  @AfterEach
  void stop() {
    claude.close();
  }

  private static Turn everyBlock() {
    return Turn.builder()
        .serverToolUseFragments("srvtoolu_1", "web_search", "", "{\"query\":", "\"Tokyo weather\"}")
        .block(object(SEARCH_RESULT))
        .textWithCitations("It is sunny in Tokyo.", json(CITATION))
        .serverToolUse("srvtoolu_2", "web_fetch", "{\"url\":\"https://blocked.example\"}")
        .block(object(FETCH_RESULT_WITH_NULL_CALLER))
        .serverToolUse("srvtoolu_3", "bash_code_execution", "{\"command\":\"date\"}")
        .bashCodeExecutionResult(
            "srvtoolu_3",
            json(
                "{\"type\":\"bash_code_execution_result\",\"stdout\":\"Wed\",\"stderr\":\"\","
                    + "\"return_code\":0,\"content\":[]}"))
        .serverToolResult("future_tool_result", "srvtoolu_4", json("{\"type\":\"future\"}"))
        .mcpToolUse("mcptoolu_1", "calendar", "list_events", "{\"day\":\"today\"}")
        .mcpToolResult("mcptoolu_1", "No events today.", false)
        .containerUpload("file_011CNha8")
        .container("container_011CN", "2026-12-02T10:00:00Z")
        .build();
  }

  private static JsonNode json(String text) {
    return JSON.readTree(text);
  }

  private static ObjectNode object(String text) {
    return (ObjectNode) json(text);
  }

  private Message streamed(StreamListener listener) {
    MessageStream stream =
        client.stream(
            MessageRequest.builder().model("m").maxTokens(512).addUserMessage("Hi").build());
    stream.addListener(listener);
    return stream.finalMessage();
  }

  @Test
  void everyBlockLandsTyped() {
    Message message = streamed(new StreamListener() {});

    List<Class<?>> kinds = new ArrayList<>();
    message.content().forEach(block -> kinds.add(block.getClass()));
    assertThat(kinds)
        .containsExactly(
            ContentBlock.ServerToolUse.class,
            ContentBlock.ServerToolResult.class,
            ContentBlock.Text.class,
            ContentBlock.ServerToolUse.class,
            ContentBlock.ServerToolResult.class,
            ContentBlock.ServerToolUse.class,
            ContentBlock.ServerToolResult.class,
            ContentBlock.ServerToolResult.class,
            ContentBlock.McpToolUse.class,
            ContentBlock.McpToolResult.class,
            ContentBlock.ContainerUpload.class);
    ContentBlock.ServerToolUse search = (ContentBlock.ServerToolUse) message.content().get(0);
    assertThat(search.name()).isEqualTo("web_search");
    assertThat(search.input()).isEqualTo(json("{\"query\":\"Tokyo weather\"}"));
    ContentBlock.ServerToolResult fetched =
        (ContentBlock.ServerToolResult) message.content().get(4);
    assertThat(fetched.isError()).isTrue();
    assertThat(((ContentBlock.ServerToolResult) message.content().get(7)).type())
        .isEqualTo("future_tool_result");
    ContentBlock.McpToolUse mcp = (ContentBlock.McpToolUse) message.content().get(8);
    assertThat(mcp.serverName()).isEqualTo("calendar");
    assertThat(((ContentBlock.McpToolResult) message.content().get(9)).text())
        .isEqualTo("No events today.");
    assertThat(((ContentBlock.Text) message.content().get(2)).citations())
        .containsExactly(json(CITATION));
    assertThat(message.toolUses()).isEmpty();
    assertThat(message.container().get("id").asString()).isEqualTo("container_011CN");
  }

  @Test
  void theStreamedMessageEqualsTheWholeOneFieldForField() {
    Message message = streamed(new StreamListener() {});

    JsonNode whole = json(everyBlock().toJson()).get("content");
    assertThat(BlockCodec.writeAll(message.content())).isEqualTo(whole);
  }

  @Test
  void blocksGoBackUnchangedButForANullCaller() {
    Message message = streamed(new StreamListener() {});

    ArrayNode expected = (ArrayNode) json(everyBlock().toJson()).get("content");
    ((ObjectNode) expected.get(4)).remove("caller");
    assertThat(BlockCodec.writeAll(message.toParam().content())).isEqualTo(expected);
    assertThat(BlockCodec.write(message.toParam().content().get(1))).isEqualTo(json(SEARCH_RESULT));
  }

  @Test
  void listenersSeeAServerToolsInputGrow() {
    List<String> seen = new ArrayList<>();
    streamed(
        new StreamListener() {
          @Override
          public void onToolInputDelta(ToolInputDelta delta) {
            if (delta.toolUseId().equals("srvtoolu_1")) {
              seen.add(delta.toolName() + " " + delta.inputJson());
            }
          }
        });

    assertThat(seen)
        .containsExactly(
            "web_search ",
            "web_search {\"query\":",
            "web_search {\"query\":\"Tokyo weather\"}");
  }
}
