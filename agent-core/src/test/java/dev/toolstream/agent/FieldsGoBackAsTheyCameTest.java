package dev.toolstream.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolstream.client.MessagesClient;
import dev.toolstream.internal.json.Json;
import dev.toolstream.internal.json.MessageCodec;
import dev.toolstream.messages.Message;
import dev.toolstream.stream.MessageStream;
import dev.toolstream.testkit.RawReply;
import dev.toolstream.testkit.Turn;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Every field of every block the API sends comes back exactly: in the final message, and in the
 * assistant turn the next request carries. Each test is one field the official SDK kept and
 * Toolstream once lost.
 */
class FieldsGoBackAsTheyCameTest extends AgentTestSupport {
  private static final String START =
      "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\","
          + "\"role\":\"assistant\",\"model\":\"claude-sonnet-4-6\",\"content\":[],"
          + "\"stop_reason\":null,\"stop_sequence\":null,"
          + "\"usage\":{\"input_tokens\":10,\"output_tokens\":1,"
          + "\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":0}}}";

  /** Returns an event stream of {@code events}, each one's name taken from its JSON type. */
  private static String sse(String... events) {
    StringBuilder sse = new StringBuilder();
    for (String data : events) {
      sse.append("event: ").append(JSON.readTree(data).get("type").asString()).append('\n');
      sse.append("data: ").append(data).append("\n\n");
    }
    return sse.toString();
  }

  private static Message read(String sse) {
    byte[] bytes = sse.getBytes(StandardCharsets.UTF_8);
    try (MessageStream stream = MessagesClient.streamOf(new ByteArrayInputStream(bytes))) {
      return stream.finalMessage();
    }
  }

  private static String stop(int index) {
    return "{\"type\":\"content_block_stop\",\"index\":" + index + "}";
  }

  private static String endWith(String stopReason) {
    return "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\""
        + stopReason
        + "\","
        + "\"stop_sequence\":null},\"usage\":{\"output_tokens\":20}}";
  }

  private static final String MESSAGE_STOP = "{\"type\":\"message_stop\"}";

  /** Returns the content of the assistant message the next request sent back. */
  private JsonNode assistantTurnSentBack() throws InterruptedException {
    nextRequestBody();
    JsonNode messages = nextRequestBody().get("messages");
    JsonNode assistant = messages.get(messages.size() - 2);
    assertThat(assistant.get("role").asString()).isEqualTo("assistant");
    return assistant.get("content");
  }

  @Test
  void aToolUsesCallerGoesBackUnchanged() throws Exception {
    String call =
        "{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"get_weather\",\"input\":{},"
            + "\"caller\":{\"type\":\"code_execution_20250825\",\"tool_id\":\"srvtoolu_1\"}}";
    enqueue(
        RawReply.eventStream(
            sse(
                START,
                "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":" + call + "}",
                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":"
                    + "{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"city\\\":\\\"Oslo\\\"}\"}}",
                stop(0),
                endWith("tool_use"),
                MESSAGE_STOP)),
        Turn.builder().text("Sunny.").build());

    List<Message> turns = new ArrayList<>();
    AgentListener recorder =
        new AgentListener() {
          @Override
          public void onTurnComplete(int turn, Message message) {
            turns.add(message);
          }
        };

    agent(weatherTool()).listener(recorder).build().run("Weather in Oslo?");

    JsonNode expected =
        json(
            "{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"get_weather\","
                + "\"input\":{\"city\":\"Oslo\"},"
                + "\"caller\":{\"type\":\"code_execution_20250825\",\"tool_id\":\"srvtoolu_1\"}}");
    assertThat(assistantTurnSentBack()).containsExactly(expected);
    assertThat(json(Json.write(MessageCodec.writeMessage(turns.get(0)))).get("content"))
        .containsExactly(expected);
  }

  @Test
  void theMessageDeltaContainerIsKept() {
    String container = "{\"id\":\"container_011\",\"expires_at\":\"2026-12-02T08:00:00Z\"}";
    Message message =
        read(
            sse(
                START,
                "{\"type\":\"content_block_start\",\"index\":0,"
                    + "\"content_block\":{\"type\":\"text\",\"text\":\"Done.\"}}",
                stop(0),
                "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\","
                    + "\"stop_sequence\":null,\"container\":"
                    + container
                    + "},"
                    + "\"usage\":{\"output_tokens\":5}}",
                MESSAGE_STOP));

    assertThat(message.extraFields().get("container")).isEqualTo(json(container));
    assertThat(message.container()).isEqualTo(json(container));
    assertThat(json(Json.write(MessageCodec.writeMessage(message))).get("container"))
        .isEqualTo(json(container));
  }

  @Test
  void unknownUsageFieldsAreKept() {
    String startUsage =
        "{\"input_tokens\":10,\"output_tokens\":1,\"cache_creation_input_tokens\":4,"
            + "\"cache_read_input_tokens\":0,\"cache_creation\":{\"ephemeral_5m_input_tokens\":4,"
            + "\"ephemeral_1h_input_tokens\":0},\"service_tier\":\"standard\","
            + "\"server_tool_use\":{\"web_search_requests\":0},\"inference_geo\":\"us\"}";
    Message message =
        read(
            sse(
                START.replaceFirst("\"usage\":\\{[^}]*}", "\"usage\":" + startUsage),
                "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\","
                    + "\"stop_sequence\":null},\"usage\":{\"output_tokens\":30,\"input_tokens\":12,"
                    + "\"server_tool_use\":{\"web_search_requests\":2},\"service_tier\":null,"
                    + "\"output_tokens_details\":{\"reasoning_tokens\":7}}}",
                MESSAGE_STOP));

    assertThat(json(Json.write(MessageCodec.writeMessage(message))).get("usage"))
        .isEqualTo(
            json(
                "{\"input_tokens\":12,\"output_tokens\":30,\"cache_creation_input_tokens\":4,"
                    + "\"cache_read_input_tokens\":0,\"cache_creation\":"
                    + "{\"ephemeral_5m_input_tokens\":4,\"ephemeral_1h_input_tokens\":0},"
                    + "\"service_tier\":\"standard\",\"server_tool_use\":{\"web_search_requests\":2},"
                    + "\"inference_geo\":\"us\",\"output_tokens_details\":{\"reasoning_tokens\":7}}"));
  }

  @Test
  void negativeZeroInToolInputIsKept() throws Exception {
    String input =
        "{\"offset\": -0.0, \"scale\": 1.10, \"big\": 123456789012345678901234567890,"
            + " \"huge\": 1e400, \"exact\": 12345678901234567.89}";
    enqueue(
        RawReply.eventStream(
            sse(
                START,
                "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":"
                    + "{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"get_weather\",\"input\":{}}}",
                inputDelta(input.substring(0, 14)),
                inputDelta(input.substring(14)),
                stop(0),
                endWith("tool_use"),
                MESSAGE_STOP)),
        Turn.builder().text("Done.").build());
    List<JsonNode> inputs = new ArrayList<>();
    ToolSpec tool =
        ToolSpec.builder("get_weather")
            .description("Weather.")
            .inputSchema(json("{\"type\":\"object\"}"))
            .handler(
                (in, context) -> {
                  inputs.add(in);
                  return ToolOutput.text("ok");
                })
            .build();

    agent(tool).build().run("Go");

    String exact =
        "{\"offset\":-0.0,\"scale\":1.10,\"big\":123456789012345678901234567890,"
            + "\"huge\":1E+400,\"exact\":12345678901234567.89}";
    assertThat(inputs).hasSize(1);
    assertThat(Double.doubleToRawLongBits(inputs.get(0).get("offset").doubleValue()))
        .isEqualTo(Double.doubleToRawLongBits(-0.0));
    assertThat(Json.write(inputs.get(0))).isEqualTo(exact);
    nextRequestBody();
    String sentBack = claude.takeRequest(WAIT).bodyText();
    assertThat(sentBack).contains("\"input\":" + exact);
  }

  private static String inputDelta(String fragment) {
    return "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"input_json_delta\","
        + "\"partial_json\":"
        + JSON.writeValueAsString(fragment)
        + "}}";
  }

  @Test
  void citationsGoBackInTheRequestShape() throws Exception {
    String charLocation =
        "{\"type\":\"char_location\",\"cited_text\":\"Grass is green.\",\"document_index\":0,"
            + "\"document_title\":null,\"start_char_index\":0,\"end_char_index\":15";
    String pageLocation =
        "{\"type\":\"page_location\",\"cited_text\":\"Sky is blue.\",\"document_index\":1,"
            + "\"document_title\":\"Facts\",\"start_page_number\":1,\"end_page_number\":2";
    String webLocation =
        "{\"type\":\"web_search_result_location\",\"cited_text\":\"Rain\",\"url\":\"https://e.x\","
            + "\"title\":null,\"encrypted_index\":\"Eo8B\"}";
    enqueue(
        RawReply.eventStream(
            sse(
                START,
                "{\"type\":\"content_block_start\",\"index\":0,"
                    + "\"content_block\":{\"type\":\"text\",\"text\":\"\",\"citations\":null}}",
                citation(charLocation + ",\"file_id\":null}"),
                citation(pageLocation + ",\"file_id\":\"file_011\"}"),
                citation(webLocation),
                "{\"type\":\"content_block_delta\",\"index\":0,"
                    + "\"delta\":{\"type\":\"text_delta\",\"text\":\"Green, blue.\"}}",
                stop(0),
                "{\"type\":\"content_block_start\",\"index\":1,\"content_block\":"
                    + "{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"get_weather\","
                    + "\"input\":{},\"caller\":null}}",
                "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":"
                    + "{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"city\\\":\\\"Rome\\\"}\"}}",
                stop(1),
                endWith("tool_use"),
                MESSAGE_STOP)),
        Turn.builder().text("Sunny.").build());

    agent(weatherTool()).build().run("Colours?");

    assertThat(assistantTurnSentBack())
        .containsExactly(
            json(
                "{\"type\":\"text\",\"text\":\"Green, blue.\",\"citations\":["
                    + charLocation
                    + "},"
                    + pageLocation
                    + "},"
                    + webLocation
                    + "]}"),
            json(
                "{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"get_weather\","
                    + "\"input\":{\"city\":\"Rome\"}}"));
  }

  private static String citation(String citation) {
    return "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"citations_delta\","
        + "\"citation\":"
        + citation
        + "}}";
  }

  @Test
  void unknownBlocksGoBackByteForByte() {
    String block =
        "{\"type\":\"x_future_block\",\"id\":\"blk_1\",\"caller\":{\"type\":\"direct\"},"
            + "\"numbers\":[-0.0,1.10,12345678901234567.89,123456789012345678901234567890,1E+400],"
            + "\"text\":\"東京 😀 \\\"quoted\\\"\",\"nested\":{\"empty\":{},\"none\":null}}";
    Message message =
        read(
            sse(
                START,
                "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":" + block + "}",
                stop(0),
                endWith("end_turn"),
                MESSAGE_STOP));

    assertThat(Json.write(MessageCodec.writeMessage(message)))
        .contains("\"content\":[" + block + "]");
    assertThat(Json.write(MessageCodec.writeParam(message.toParam())))
        .isEqualTo("{\"role\":\"assistant\",\"content\":[" + block + "]}");
  }

  @Test
  void requestBlocksKeepTheFieldsTheyWereReadWith() {
    String user =
        "{\"role\":\"user\",\"content\":["
            + "{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_1\",\"content\":\"ok\","
            + "\"is_error\":false,\"x_future\":1},"
            + "{\"type\":\"document\",\"source\":{\"type\":\"text\",\"media_type\":\"text/plain\","
            + "\"data\":\"Grass is green.\"},\"title\":null,\"context\":\"facts\","
            + "\"citations\":{\"enabled\":true},"
            + "\"cache_control\":{\"type\":\"ephemeral\",\"ttl\":\"1h\",\"x_scope\":\"all\"}},"
            + "{\"type\":\"image\",\"source\":{\"type\":\"url\",\"url\":\"https://e.x/a.png\"},"
            + "\"cache_control\":null},"
            + "{\"type\":\"text\",\"text\":\"Why?\",\"citations\":[],"
            + "\"cache_control\":{\"type\":\"ephemeral\"}}]}";

    JsonNode written = MessageCodec.writeParam(MessageCodec.readParam(Json.parse(user)));

    assertThat(written).isEqualTo(Json.parse(user));
  }
}
