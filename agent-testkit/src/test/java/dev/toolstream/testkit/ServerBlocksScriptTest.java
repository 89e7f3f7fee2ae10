package dev.toolstream.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Server tool, MCP and container blocks stream as the API streams them. */
final class ServerBlocksScriptTest {

  private static List<String> data(Turn turn) {
    List<String> data = new ArrayList<>();
    for (SseEvents.Event event : SseEvents.parse(turn.toSse())) {
      data.add(event.data());
    }
    return data;
  }

  @Test
  void aServerToolCallStreamsItsInputAndItsResultComesWhole() {
    Turn turn =
        Turn.builder()
            .serverToolUseFragments("srvtoolu_1", "web_search", "", "{\"query\":", "\"Oslo\"}")
            .webSearchResult("srvtoolu_1", TestJson.read("[]"))
            .build();

    List<String> data = data(turn);

    assertThat(data.subList(1, 8))
        .containsExactly(
            "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":"
                + "\"server_tool_use\",\"id\":\"srvtoolu_1\",\"name\":\"web_search\",\"input\":{}}}",
            "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"input_json_delta\","
                + "\"partial_json\":\"\"}}",
            "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"input_json_delta\","
                + "\"partial_json\":\"{\\\"query\\\":\"}}",
            "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"input_json_delta\","
                + "\"partial_json\":\"\\\"Oslo\\\"}\"}}",
            "{\"type\":\"content_block_stop\",\"index\":0}",
            "{\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":"
                + "\"web_search_tool_result\",\"tool_use_id\":\"srvtoolu_1\",\"content\":[]}}",
            "{\"type\":\"content_block_stop\",\"index\":1}");
    assertThat(turn.stopReason()).isEqualTo("end_turn");
  }

  @Test
  void citationsStreamBeforeTheTextTheyCite() {
    JsonNode citation = TestJson.read("{\"type\":\"web_search_result_location\",\"url\":\"u\"}");
    Turn turn = Turn.builder().textWithCitations("Cold.", citation).build();

    List<String> data = data(turn);

    assertThat(data.subList(1, 5))
        .containsExactly(
            "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\","
                + "\"text\":\"\",\"citations\":[]}}",
            "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"citations_delta\","
                + "\"citation\":{\"type\":\"web_search_result_location\",\"url\":\"u\"}}}",
            "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\","
                + "\"text\":\"Cold.\"}}",
            "{\"type\":\"content_block_stop\",\"index\":0}");
    assertThat(TestJson.read(turn.toJson()).get("content").get(0))
        .isEqualTo(
            TestJson.read(
                "{\"type\":\"text\",\"text\":\"Cold.\",\"citations\":"
                    + "[{\"type\":\"web_search_result_location\",\"url\":\"u\"}]}"));
  }

  @Test
  void mcpCallsResultsAndUploadsAreScripted() {
    Turn turn =
        Turn.builder()
            .mcpToolUse("mcptoolu_1", "calendar", "list_events", "{}")
            .mcpToolResult("mcptoolu_1", "None.", false)
            .containerUpload("file_1")
            .build();

    JsonNode content = TestJson.read(turn.toJson()).get("content");

    assertThat(content)
        .isEqualTo(
            TestJson.read(
                "[{\"type\":\"mcp_tool_use\",\"id\":\"mcptoolu_1\",\"name\":\"list_events\","
                    + "\"server_name\":\"calendar\",\"input\":{}},"
                    + "{\"type\":\"mcp_tool_result\",\"tool_use_id\":\"mcptoolu_1\","
                    + "\"is_error\":false,\"content\":[{\"type\":\"text\",\"text\":\"None.\"}]},"
                    + "{\"type\":\"container_upload\",\"file_id\":\"file_1\"}]"));
    assertThat(turn.stopReason()).isEqualTo("end_turn");
  }

  @Test
  void theContainerComesInTheMessageDeltaAndOnTheWholeMessage() {
    Turn turn = Turn.builder().text("Ran.").container("container_1", "2026-12-02T10:00:00Z").build();

    List<String> data = data(turn);

    assertThat(TestJson.read(data.get(data.size() - 2)).get("delta"))
        .isEqualTo(
            TestJson.read(
                "{\"stop_reason\":\"end_turn\",\"stop_sequence\":null,\"container\":"
                    + "{\"id\":\"container_1\",\"expires_at\":\"2026-12-02T10:00:00Z\"}}"));
    assertThat(TestJson.read(turn.toJson()).get("container").get("id").asString())
        .isEqualTo("container_1");
  }
}
