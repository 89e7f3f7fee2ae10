package dev.toolstream.internal.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolstream.messages.ContentBlock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Each server-tool and MCP block, in every spelling the API uses, is read as its record and written
 * back as the same JSON; one its record cannot hold stays {@link ContentBlock.Unknown}.
 */
class ServerBlockShapesTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @ParameterizedTest(name = "{1}: {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"type\":\"server_tool_use\",\"id\":\"srvtoolu_1\",\"name\":\"web_search\",\"input\":{\"query\":\"q\"},\"caller\":{\"type\":\"code_execution_20260120\",\"tool_id\":\"srvtoolu_0\"}} | ServerToolUse",
        "{\"type\":\"web_search_tool_result\",\"tool_use_id\":\"srvtoolu_1\",\"content\":{\"type\":\"web_search_tool_result_error\",\"error_code\":\"max_uses_exceeded\"}} | ServerToolResult",
        "{\"type\":\"code_execution_tool_result\",\"tool_use_id\":\"srvtoolu_2\",\"content\":{\"type\":\"code_execution_result\",\"stdout\":\"\",\"stderr\":\"x\",\"return_code\":1,\"content\":[]}} | ServerToolResult",
        "{\"type\":\"text_editor_code_execution_tool_result\",\"tool_use_id\":\"srvtoolu_3\",\"content\":{\"type\":\"text_editor_code_execution_view_result\",\"content\":\"a\",\"file_type\":\"text\",\"num_lines\":1,\"start_line\":1,\"total_lines\":1}} | ServerToolResult",
        "{\"type\":\"tool_search_tool_result\",\"tool_use_id\":\"srvtoolu_4\",\"content\":{\"type\":\"tool_search_tool_search_result\",\"tool_references\":[{\"type\":\"tool_reference\",\"tool_name\":\"get_weather\"}]}} | ServerToolResult",
        "{\"type\":\"mcp_tool_use\",\"id\":\"mcptoolu_1\",\"name\":\"echo\",\"server_name\":\"s\",\"input\":{}} | McpToolUse",
        "{\"type\":\"mcp_tool_result\",\"tool_use_id\":\"mcptoolu_1\",\"is_error\":false,\"content\":\"plain string\"} | McpToolResult",
        "{\"type\":\"mcp_tool_result\",\"tool_use_id\":\"mcptoolu_1\",\"content\":[{\"type\":\"text\",\"text\":\"no is_error\"}]} | McpToolResult",
        "{\"type\":\"mcp_tool_result\",\"tool_use_id\":\"mcptoolu_1\",\"is_error\":true,\"content\":[]} | McpToolResult",
        "{\"type\":\"container_upload\",\"file_id\":\"file_1\",\"extra\":[1]} | ContainerUpload",
        "{\"type\":\"server_tool_use\",\"name\":\"web_search\",\"input\":{}} | Unknown",
        "{\"type\":\"web_search_tool_result\",\"tool_use_id\":\"srvtoolu_1\"} | Unknown",
        "{\"type\":\"tool_result_of_some_kind\",\"x\":1} | Unknown",
      })
  void aBlockIsReadAsItsRecordAndWrittenBackAsItCame(String json, String record) {
    JsonNode wire = JSON.readTree(json);

    ContentBlock block = BlockCodec.read(wire);

    assertThat(block.getClass().getSimpleName()).isEqualTo(record);
    assertThat(BlockCodec.write(block)).isEqualTo(wire);
  }
}
