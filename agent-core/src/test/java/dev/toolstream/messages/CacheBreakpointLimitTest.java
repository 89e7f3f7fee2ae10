package dev.toolstream.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The request builder refuses more cache breakpoints than the API's four before anything is sent,
 * saying how many, where and what to do; the API would answer such a request with a 400.
 */
class CacheBreakpointLimitTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final CacheControl CACHE = CacheControl.ephemeral();

  private static MessageRequest.Builder request() {
    return MessageRequest.builder().model("claude-sonnet-4-6").maxTokens(1024);
  }

  private static ToolDefinition tool(String name) {
    return new ToolDefinition(name, "A tool.", JSON.readTree("{\"type\":\"object\"}"));
  }

  private static ContentBlock.Text cachedText(String text) {
    return ContentBlock.text(text).withCacheControl(CACHE);
  }

  @Test
  void fiveBlockBreakpointsAreRefusedWithEachPlaceNamed() {
    MessageRequest.Builder builder =
        request()
            .system(List.of(cachedText("You are terse."), cachedText("Rules.")))
            .addTool(tool("get_weather"))
            .addTool(tool("get_time").withCacheControl(CACHE))
            .addMessage(MessageParam.user(List.of(cachedText("A long document."))))
            .addMessage(MessageParam.assistant(List.of(ContentBlock.text("Read it."))))
            .addMessage(MessageParam.user(List.of(cachedText("Summarise it."))));

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "the request has 5 cache breakpoints and the API allows 4: cache_control on system[0],"
                + " system[1], tools[1] (get_time), messages[0].content[0],"
                + " messages[2].content[0]. Keep cache_control only on the last block of each"
                + " prefix worth caching on its own.");
  }

  @Test
  void aServerToolsBreakpointCountsLikeAClientTools() {
    MessageRequest.Builder builder =
        request()
            .system(List.of(cachedText("You are terse."), cachedText("Rules.")))
            .addTool(tool("get_weather").withCacheControl(CACHE))
            .addTool(ServerTool.webSearch().withCacheControl(CACHE))
            .addMessage(MessageParam.user(List.of(cachedText("Search for it."))));

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "the request has 5 cache breakpoints and the API allows 4: cache_control on system[0],"
                + " system[1], tools[0] (get_weather), tools[1] (web_search),"
                + " messages[0].content[0]. Keep cache_control only on the last block of each"
                + " prefix worth caching on its own.");
  }

  @Test
  void automaticCachingTakesASlotOfItsOwn() {
    MessageRequest.Builder builder =
        request()
            .system(List.of(cachedText("You are terse.")))
            .addTool(tool("get_weather").withCacheControl(CACHE))
            .addMessage(MessageParam.user(List.of(cachedText("One."), cachedText("Two."))))
            .cacheControl(CacheControl.ephemeral());

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "the request has 5 cache breakpoints and the API allows 4: cache_control on system[0],"
                + " tools[0] (get_weather), messages[0].content[0], messages[0].content[1], and"
                + " automatic caching (the top-level cache_control), which takes a slot. Keep"
                + " cache_control only on the last block of each prefix worth caching on its own,"
                + " or turn automatic caching off with cacheControl(null).");
  }

  @Test
  void automaticCachingSentAsAnExtraFieldTakesASlotToo() {
    MessageRequest.Builder builder =
        request()
            .addMessage(
                MessageParam.user(
                    List.of(cachedText("1"), cachedText("2"), cachedText("3"), cachedText("4"))))
            .extraField("cache_control", JSON.readTree("{\"type\":\"ephemeral\"}"));

    assertThatThrownBy(builder::build)
        .hasMessageContaining("the request has 5 cache breakpoints")
        .hasMessageContaining("and automatic caching (the top-level cache_control)");
  }

  @Test
  void threeBlockBreakpointsAndAutomaticCachingAreFour() {
    MessageRequest request =
        request()
            .system(List.of(cachedText("You are terse.")))
            .addTool(tool("get_weather").withCacheControl(CACHE))
            .addMessage(MessageParam.user(List.of(cachedText("A long document."))))
            .cacheControl(CacheControl.ephemeral())
            .build();

    assertThat(request.cacheBreakpoints()).isEqualTo(3);
    assertThat(request.cacheControl()).isEqualTo(CacheControl.ephemeral());
  }

  @Test
  void breakpointsInsideToolResultsAndOnBlocksKeptRawCount() {
    ContentBlock.ToolResult result =
        new ContentBlock.ToolResult("toolu_1", List.of(cachedText("A big result.")), false, CACHE);
    ContentBlock.ToolUse call =
        new ContentBlock.ToolUse(
            "toolu_1",
            "get_weather",
            JSON.readTree("{}"),
            null,
            Map.of("cache_control", JSON.readTree("{\"type\":\"ephemeral\"}")));
    ContentBlock.Unknown future =
        new ContentBlock.Unknown(
            JSON.readTree(
                "{\"type\":\"search_result\",\"cache_control\":{\"type\":\"ephemeral\"}}"));
    MessageRequest.Builder builder =
        request()
            .addMessage(MessageParam.user(List.of(future)))
            .addMessage(MessageParam.assistant(List.of(call)))
            .addMessage(MessageParam.user(List.of(result)))
            .cacheControl(CacheControl.ephemeral(Duration.ofHours(1)));

    assertThatThrownBy(builder::build)
        .hasMessageContaining(
            "5 cache breakpoints and the API allows 4: cache_control on messages[0].content[0],"
                + " messages[1].content[0], messages[2].content[0],"
                + " messages[2].content[0].content[0], and automatic caching");
  }

  @Test
  void aNullCacheControlInExtraFieldsIsNoBreakpoint() {
    JsonNode none = JSON.readTree("null");
    ContentBlock.ToolUse call =
        new ContentBlock.ToolUse(
            "toolu_1", "get_weather", JSON.readTree("{}"), null, Map.of("cache_control", none));

    MessageRequest request = request().addMessage(MessageParam.assistant(List.of(call))).build();

    assertThat(request.cacheBreakpoints()).isZero();
  }

  @Test
  void oneHourIsWrittenAsTheApiSpellsIt() {
    assertThat(CacheControl.ephemeral(Duration.ofHours(1)))
        .isEqualTo(new CacheControl("ephemeral", "1h"));
    assertThat(CacheControl.ephemeral(Duration.ofMinutes(5)))
        .isEqualTo(new CacheControl("ephemeral", "5m"));
    assertThat(CacheControl.ephemeral(Duration.ofMinutes(90)))
        .isEqualTo(new CacheControl("ephemeral", "90m"));
    assertThatThrownBy(() -> CacheControl.ephemeral(Duration.ofSeconds(30)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "a cache ttl is a positive number of whole minutes, such as Duration.ofMinutes(5) or"
                + " Duration.ofHours(1); was PT30S");
  }
}
