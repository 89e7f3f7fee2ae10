package dev.toolstream.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolstream.internal.json.Json;
import dev.toolstream.messages.CacheControl;
import dev.toolstream.messages.Message;
import dev.toolstream.messages.MessageRequest;
import dev.toolstream.messages.Usage;
import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Automatic caching goes out as the top-level {@code cache_control}, and the cache writes come back
 * split by time to live, in a streamed message and a whole one alike.
 */
class PromptCachingOnTheWireTest {
  private static final String MESSAGE_START =
      "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\","
          + "\"role\":\"assistant\",\"model\":\"claude-sonnet-4-6\",\"content\":[],"
          + "\"stop_reason\":null,\"stop_sequence\":null,\"usage\":%s}}";
  private static final String TEXT_BLOCK =
      "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\","
          + "\"text\":\"\"}}\n\n"
          + "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
          + "\"delta\":{\"type\":\"text_delta\",\"text\":\"Hi\"}}\n\n"
          + "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}";

  private final MockWebServer server = new MockWebServer();
  private MessagesClient client;

  @BeforeEach
  void start() throws Exception {
    server.start();
    client = MessagesClient.builder().apiKey("sk-test").baseUrl(server.url("/").toString()).build();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static MessageRequest.Builder request() {
    return MessageRequest.builder().model("claude-sonnet-4-6").maxTokens(1024).addUserMessage("Hi");
  }

  private static String sse(String startUsage, String deltaUsage) {
    return "event: message_start\ndata: "
        + String.format(MESSAGE_START, startUsage)
        + "\n\nevent: content_block_start\ndata: "
        + TEXT_BLOCK
        + "\n\nevent: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":"
        + "{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},\"usage\":"
        + deltaUsage
        + "}\n\nevent: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";
  }

  @Test
  void automaticCachingIsSentAsTheTopLevelCacheControlWithItsTtl() throws Exception {
    server.enqueue(ApiServer.stream(sse("{\"input_tokens\":3}", "{\"output_tokens\":1}")));

    client.stream(request().cacheControl(CacheControl.ephemeral(Duration.ofHours(1))).build())
        .finalMessage();

    JsonNode body = Json.parse(server.takeRequest().getBody().utf8());
    assertThat(body.get("cache_control"))
        .isEqualTo(Json.parse("{\"type\":\"ephemeral\",\"ttl\":\"1h\"}"));
  }

  @Test
  void aRequestWithoutCacheControlSendsNone() throws Exception {
    server.enqueue(ApiServer.stream(sse("{\"input_tokens\":3}", "{\"output_tokens\":1}")));

    client.stream(request().build()).finalMessage();

    assertThat(Json.parse(server.takeRequest().getBody().utf8()).has("cache_control")).isFalse();
  }

  @Test
  void cacheWritesAreSplitByTimeToLive() {
    server.enqueue(
        ApiServer.stream(
            sse(
                "{\"input_tokens\":3,\"output_tokens\":1,\"cache_creation_input_tokens\":1500,"
                    + "\"cache_read_input_tokens\":2000,\"cache_creation\":"
                    + "{\"ephemeral_5m_input_tokens\":500,\"ephemeral_1h_input_tokens\":1000}}",
                "{\"output_tokens\":12}")));

    Usage usage = client.stream(request().build()).finalMessage().usage();

    assertThat(usage.cacheCreationInputTokens()).isEqualTo(1500);
    assertThat(usage.cacheReadInputTokens()).isEqualTo(2000);
    assertThat(usage.cacheCreation()).isEqualTo(new Usage.CacheCreation(500, 1000));
    assertThat(usage.totalInputTokens()).isEqualTo(3503);
    assertThat(usage.extraFields()).doesNotContainKey("cache_creation");
  }

  @Test
  void messageDeltaReplacesTheSplitFieldByFieldAndNeverAdds() {
    server.enqueue(
        ApiServer.stream(
            sse(
                "{\"input_tokens\":3,\"cache_creation_input_tokens\":100,\"cache_creation\":"
                    + "{\"ephemeral_5m_input_tokens\":100,\"ephemeral_1h_input_tokens\":0}}",
                "{\"output_tokens\":12,\"cache_creation_input_tokens\":150,\"cache_creation\":"
                    + "{\"ephemeral_1h_input_tokens\":50,\"ephemeral_24h_input_tokens\":7}}")));

    Usage usage = client.stream(request().build()).finalMessage().usage();

    assertThat(usage.cacheCreationInputTokens()).isEqualTo(150);
    assertThat(usage.cacheCreation().ephemeral5mInputTokens()).isEqualTo(100);
    assertThat(usage.cacheCreation().ephemeral1hInputTokens()).isEqualTo(50);
    assertThat(usage.cacheCreation().extraFields())
        .containsEntry("ephemeral_24h_input_tokens", Json.parse("7"));
  }

  @Test
  void aNullSplitInMessageDeltaLeavesTheSplitAsItWas() {
    server.enqueue(
        ApiServer.stream(
            sse(
                "{\"input_tokens\":3,\"cache_creation_input_tokens\":100,\"cache_creation\":"
                    + "{\"ephemeral_5m_input_tokens\":100,\"ephemeral_1h_input_tokens\":0}}",
                "{\"output_tokens\":12,\"cache_creation_input_tokens\":null,"
                    + "\"cache_creation\":null}")));

    Usage usage = client.stream(request().build()).finalMessage().usage();

    assertThat(usage.cacheCreationInputTokens()).isEqualTo(100);
    assertThat(usage.cacheCreation()).isEqualTo(new Usage.CacheCreation(100, 0));
    assertThat(usage.extraFields()).isEmpty();
  }

  @Test
  void aMessageWithoutASplitHasNone() {
    server.enqueue(
        ApiServer.stream(
            sse(
                "{\"input_tokens\":3,\"cache_creation_input_tokens\":100}",
                "{\"output_tokens\":1}")));

    Usage usage = client.stream(request().build()).finalMessage().usage();

    assertThat(usage.cacheCreationInputTokens()).isEqualTo(100);
    assertThat(usage.cacheCreation()).isNull();
  }

  @Test
  void aWholeMessageCarriesTheSplitToo() {
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .setHeader("content-type", "application/json")
            .body(
                "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\","
                    + "\"model\":\"claude-sonnet-4-6\",\"content\":[{\"type\":\"text\","
                    + "\"text\":\"Hi\"}],\"stop_reason\":\"end_turn\",\"stop_sequence\":null,"
                    + "\"usage\":{\"input_tokens\":3,\"output_tokens\":2,"
                    + "\"cache_creation_input_tokens\":40,\"cache_read_input_tokens\":0,"
                    + "\"cache_creation\":{\"ephemeral_5m_input_tokens\":0,"
                    + "\"ephemeral_1h_input_tokens\":40}}}")
            .build());

    Message message = client.create(request().build());

    assertThat(message.usage().cacheCreation()).isEqualTo(new Usage.CacheCreation(0, 40));
  }
}
