package dev.toolstream.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.toolstream.internal.json.Json;
import dev.toolstream.internal.json.MessageCodec;
import dev.toolstream.messages.CacheControl;
import dev.toolstream.messages.ContentBlock;
import dev.toolstream.messages.Message;
import dev.toolstream.messages.MessageParam;
import dev.toolstream.messages.MessageRequest;
import dev.toolstream.messages.ThinkingConfig;
import dev.toolstream.messages.ToolChoice;
import dev.toolstream.messages.ToolDefinition;
import dev.toolstream.stream.Fixtures;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class MessagesClientTest {
  private final MockWebServer server = new MockWebServer();
  private MessagesClient client;

  @BeforeEach
  void start() throws Exception {
    server.start();
    client = MessagesClient.builder().apiKey("sk-test-secret").baseUrl(server.url("/").toString()).build();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  static MessageRequest request() {
    return MessageRequest.builder().model("claude-sonnet-4-6").maxTokens(1024).addUserMessage("Hi").build();
  }

  @Test
  void streamSendsTheApiHeadersAndStreamTrue() throws Exception {
    server.enqueue(ApiServer.stream(Fixtures.text("text.sse")));
    client.stream(request().toBuilder().addBeta("fine-grained-tool-streaming-2025-05-14").build()).finalMessage();

    RecordedRequest recorded = server.takeRequest();
    assertThat(recorded.getMethod()).isEqualTo("POST");
    assertThat(recorded.getUrl().encodedPath()).isEqualTo("/v1/messages");
    assertThat(recorded.getHeaders().get("x-api-key")).isEqualTo("sk-test-secret");
    assertThat(recorded.getHeaders().get("anthropic-version")).isEqualTo("2023-06-01");
    assertThat(recorded.getHeaders().get("anthropic-beta")).isEqualTo("fine-grained-tool-streaming-2025-05-14");
    assertThat(recorded.getHeaders().get("content-type")).startsWith("application/json");
    assertThat(recorded.getHeaders().get("user-agent")).startsWith("Toolstream/");
    assertThat(recorded.getHeaders().get("authorization")).isNull();
    JsonNode body = Json.parse(recorded.getBody().utf8());
    assertThat(body.get("stream").asBoolean()).isTrue();
    assertThat(body.get("model").asString()).isEqualTo("claude-sonnet-4-6");
    assertThat(body.get("max_tokens").asInt()).isEqualTo(1024);
  }

  @Test
  void authTokenIsSentAsBearer() throws Exception {
    server.enqueue(ApiServer.stream(Fixtures.text("text.sse")));
    MessagesClient tokenClient = MessagesClient.fromEnv(
            Map.of("ANTHROPIC_AUTH_TOKEN", "tok-123", "ANTHROPIC_BASE_URL", server.url("/").toString())::get)
        .build();
    tokenClient.stream(request()).finalMessage();
    RecordedRequest recorded = server.takeRequest();
    assertThat(recorded.getHeaders().get("authorization")).isEqualTo("Bearer tok-123");
    assertThat(recorded.getHeaders().get("x-api-key")).isNull();
  }

  @Test
  void clientWithoutCredentialsSaysWhatToSet() {
    assertThatThrownBy(() -> MessagesClient.fromEnv(Map.<String, String>of()::get).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("ANTHROPIC_API_KEY");
  }

  @Test
  void requestBodyCarriesEveryToolUseField() throws Exception {
    server.enqueue(ApiServer.stream(Fixtures.text("text.sse")));
    JsonNode schema = Json.parse("{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}");
    MessageRequest request =
        MessageRequest.builder()
            .model("claude-sonnet-4-6")
            .maxTokens(2048)
            .system(List.of(ContentBlock.text("Be brief.").withCacheControl(CacheControl.ephemeral())))
            .addMessage(MessageParam.user("Weather?"))
            .addMessage(MessageParam.assistant(List.of(
                new ContentBlock.Thinking("hmm", "sig"),
                new ContentBlock.RedactedThinking("opaque"),
                new ContentBlock.ToolUse("toolu_1", "get_weather", Json.parse("{\"city\":\"Paris\"}")))))
            .addMessage(MessageParam.user(List.of(
                ContentBlock.ToolResult.text("toolu_1", "sunny", false),
                new ContentBlock.ToolResult("toolu_2", List.of(ContentBlock.text("a"), ContentBlock.text("b")), true, null))))
            .addTool(new ToolDefinition("get_weather", "Weather now", schema).withCacheControl(CacheControl.ephemeral()))
            .toolChoice(ToolChoice.any().withParallelToolUseDisabled())
            .thinking(ThinkingConfig.enabled(1024))
            .temperature(1.0)
            .topK(5)
            .stopSequences(List.of("STOP"))
            .metadata("user_id", "u-1")
            .extraField("service_tier", Json.MAPPER.getNodeFactory().stringNode("auto"))
            .build();
    client.stream(request).finalMessage();

    JsonNode body = Json.parse(server.takeRequest().getBody().utf8());
    assertThat(body).isEqualTo(Json.parse("""
        {"model":"claude-sonnet-4-6","max_tokens":2048,
         "messages":[
           {"role":"user","content":[{"type":"text","text":"Weather?"}]},
           {"role":"assistant","content":[
             {"type":"thinking","thinking":"hmm","signature":"sig"},
             {"type":"redacted_thinking","data":"opaque"},
             {"type":"tool_use","id":"toolu_1","name":"get_weather","input":{"city":"Paris"}}]},
           {"role":"user","content":[
             {"type":"tool_result","tool_use_id":"toolu_1","content":"sunny"},
             {"type":"tool_result","tool_use_id":"toolu_2","content":[{"type":"text","text":"a"},{"type":"text","text":"b"}],"is_error":true}]}],
         "system":[{"type":"text","text":"Be brief.","cache_control":{"type":"ephemeral"}}],
         "tools":[{"name":"get_weather","description":"Weather now","input_schema":{"type":"object","properties":{"city":{"type":"string"}}},"cache_control":{"type":"ephemeral"}}],
         "tool_choice":{"type":"any","disable_parallel_tool_use":true},
         "thinking":{"type":"enabled","budget_tokens":1024},
         "temperature":1.0,"top_k":5,"stop_sequences":["STOP"],"metadata":{"user_id":"u-1"},
         "stream":true,"service_tier":"auto"}
        """));
  }

  @Test
  void streamedFinalMessageEqualsTheNonStreamingResponse() throws Exception {
    server.enqueue(ApiServer.stream(Fixtures.text("parallel_tools.sse")));
    Message streamed = client.stream(request()).finalMessage();

    String json = Json.write(MessageCodec.writeMessage(streamed));
    server.enqueue(new MockResponse.Builder().code(200).setHeader("content-type", "application/json").body(json).build());
    Message created = client.create(request());

    assertThat(created).isEqualTo(streamed);
    assertThat(Json.parse(server.takeRequest().getBody().utf8()).get("stream").asBoolean()).isTrue();
    JsonNode createBody = Json.parse(server.takeRequest().getBody().utf8());
    assertThat(createBody.has("stream")).isFalse();
  }

  @Test
  void unknownResponseFieldsAreKept() {
    server.enqueue(new MockResponse.Builder().code(200).body("""
        {"id":"msg_1","type":"message","role":"assistant","model":"m","content":[{"type":"text","text":"hi"},{"type":"future_block","x":1}],
         "stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":3,"output_tokens":4},"container":{"id":"c1"}}
        """).build());
    Message message = client.create(request());
    assertThat(message.extraFields()).containsKey("container");
    assertThat(message.content().get(1)).isInstanceOf(ContentBlock.Unknown.class);
    assertThat(message.content().get(1).type()).isEqualTo("future_block");
  }
}
