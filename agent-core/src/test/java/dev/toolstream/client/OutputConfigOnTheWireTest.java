package dev.toolstream.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolstream.internal.json.Json;
import dev.toolstream.messages.MessageRequest;
import dev.toolstream.messages.OutputConfig;
import dev.toolstream.messages.ToolDefinition;
import dev.toolstream.stream.Fixtures;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The request's output_config and the tools' strict and eager flags, as the API reads them. */
class OutputConfigOnTheWireTest {
  private static final JsonNode SCHEMA =
      Json.parse(
          "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},"
              + "\"required\":[\"city\"],\"additionalProperties\":false}");

  private final MockWebServer server = new MockWebServer();
  private MessagesClient client;

  @BeforeEach
  void start() throws Exception {
    server.start();
    client =
        MessagesClient.builder().apiKey("test-key").baseUrl(server.url("/").toString()).build();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private JsonNode sent(MessageRequest request) throws Exception {
    server.enqueue(ApiServer.stream(Fixtures.text("text.sse")));
    client.stream(request).finalMessage();
    return Json.parse(server.takeRequest().getBody().utf8());
  }

  private static MessageRequest.Builder request() {
    return MessageRequest.builder().model("claude-sonnet-4-6").maxTokens(64).addUserMessage("Hi");
  }

  @Test
  void schemaAndEffortAreSentAsOneOutputConfig() throws Exception {
    MessageRequest request =
        request().outputSchema(SCHEMA).effort(OutputConfig.Effort.of("xhigh")).build();

    assertThat(sent(request).get("output_config"))
        .isEqualTo(
            Json.parse(
                "{\"effort\":\"xhigh\",\"format\":{\"type\":\"json_schema\",\"schema\":"
                    + Json.write(SCHEMA)
                    + "}}"));
  }

  @Test
  void settingTheEffortKeepsTheSchemaAndClearingBothLeavesTheFieldOut() throws Exception {
    MessageRequest both = request().outputSchema(SCHEMA).effort(OutputConfig.Effort.LOW).build();
    MessageRequest schemaOnly = both.toBuilder().effort(null).build();
    MessageRequest neither = schemaOnly.toBuilder().outputSchema(null).build();

    assertThat(schemaOnly.outputConfig()).isEqualTo(OutputConfig.jsonSchema(SCHEMA));
    assertThat(sent(neither).has("output_config")).isFalse();
  }

  @Test
  void toolsCarryStrictAndEagerInputStreamingOnlyWhenSet() throws Exception {
    ToolDefinition plain = new ToolDefinition("plain", "Plain.", SCHEMA);
    MessageRequest request =
        request()
            .addTool(plain)
            .addTool(
                new ToolDefinition("strict", "Strict.", SCHEMA)
                    .withStrict(true)
                    .withEagerInputStreaming(true))
            .addTool(
                new ToolDefinition("buffered", "Buffered.", SCHEMA).withEagerInputStreaming(false))
            .build();

    JsonNode tools = sent(request).get("tools");

    assertThat(tools.get(0).has("strict")).isFalse();
    assertThat(tools.get(0).has("eager_input_streaming")).isFalse();
    assertThat(tools.get(1).get("strict").asBoolean()).isTrue();
    assertThat(tools.get(1).get("eager_input_streaming").asBoolean()).isTrue();
    assertThat(tools.get(2).get("eager_input_streaming").isBoolean()).isTrue();
    assertThat(tools.get(2).get("eager_input_streaming").asBoolean()).isFalse();
  }
}
