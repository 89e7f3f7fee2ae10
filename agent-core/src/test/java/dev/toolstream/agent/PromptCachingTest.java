package dev.toolstream.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolstream.messages.CacheControl;
import dev.toolstream.messages.ContentBlock;
import dev.toolstream.messages.MessageParam;
import dev.toolstream.messages.Usage;
import dev.toolstream.testkit.RecordedRequest;
import dev.toolstream.testkit.Turn;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The agent asks for automatic prompt caching on every turn unless told not to, so that a tool
 * loop's later turns read their prefix from the cache; the run's usage reports the cache reads and
 * writes.
 */
class PromptCachingTest extends AgentTestSupport {
  private static final String TOKYO = "{\"city\":\"Tokyo\"}";

  private void enqueueToolLoop() {
    enqueue(
        Turn.builder()
            .text("Let me check.")
            .toolUse("toolu_1", "get_weather", TOKYO)
            .usage(3, 40)
            .cacheCreation(500, 0)
            .build(),
        Turn.builder()
            .text("It is sunny in Tokyo.")
            .usage(4, 12)
            .cacheUsage(0, 500)
            .cacheCreation(0, 200)
            .build());
  }

  @Test
  void theSecondTurnOfAToolLoopAsksForTheCacheAndReadsIt() throws Exception {
    enqueueToolLoop();

    AgentResult result = agent(weatherTool()).build().run("Weather in Tokyo?");

    RecordedRequest first = claude.takeRequest(WAIT);
    RecordedRequest second = claude.takeRequest(WAIT);
    assertThat(first.body().get("cache_control")).isEqualTo(json("{\"type\":\"ephemeral\"}"));
    assertThat(second.toolResults()).hasSize(1);
    assertThat(second.body().get("cache_control")).isEqualTo(json("{\"type\":\"ephemeral\"}"));
    assertThat(result.turnUsage().get(1).cacheReadInputTokens()).isEqualTo(500);
    assertThat(result.turnUsage().get(1).cacheCreation())
        .isEqualTo(new Usage.CacheCreation(0, 200));
  }

  @Test
  void theRunsUsageAddsUpCacheReadsAndWritesWithTheirTimeToLive() {
    enqueueToolLoop();

    AgentResult result = agent(weatherTool()).build().run("Weather in Tokyo?");

    assertThat(result.usage())
        .isEqualTo(new Usage(7, 52, 700, 500, new Usage.CacheCreation(500, 200), Map.of()));
    assertThat(result.usage().totalInputTokens()).isEqualTo(1207);
  }

  @Test
  void promptCachingFalseSendsNoCacheControl() throws Exception {
    enqueueToolLoop();

    agent(weatherTool()).promptCaching(false).build().run("Weather in Tokyo?");

    assertThat(claude.takeRequest(WAIT).body().has("cache_control")).isFalse();
    assertThat(claude.takeRequest(WAIT).body().has("cache_control")).isFalse();
  }

  @Test
  void aCacheControlOfItsOwnIsSentOnEveryTurn() throws Exception {
    enqueueToolLoop();

    agent(weatherTool())
        .promptCaching(CacheControl.ephemeral(Duration.ofHours(1)))
        .build()
        .run("Weather in Tokyo?");

    String oneHour = "{\"type\":\"ephemeral\",\"ttl\":\"1h\"}";
    assertThat(claude.takeRequest(WAIT).body().get("cache_control")).isEqualTo(json(oneHour));
    assertThat(claude.takeRequest(WAIT).body().get("cache_control")).isEqualTo(json(oneHour));
  }

  @Test
  void aDerivedAgentKeepsCachingOff() throws Exception {
    enqueue(Turn.text("Hello."));
    Agent off = agent().promptCaching(false).build();

    off.newBuilder().maxTurns(3).build().run("Hi");

    assertThat(claude.takeRequest(WAIT).body().has("cache_control")).isFalse();
  }

  @Test
  void aTurnWhoseOwnBreakpointsTakeAllFourSlotsIsSentWithoutAutomaticCaching() throws Exception {
    enqueue(Turn.text("Read them."));
    CacheControl cache = CacheControl.ephemeral();
    List<ContentBlock.Text> documents =
        List.of(
            ContentBlock.text("One.").withCacheControl(cache),
            ContentBlock.text("Two.").withCacheControl(cache),
            ContentBlock.text("Three.").withCacheControl(cache));

    AgentResult result =
        agent()
            .system(List.of(ContentBlock.text("You read.").withCacheControl(cache)))
            .build()
            .run(List.of(MessageParam.user(documents)));

    assertThat(result.text()).isEqualTo("Read them.");
    assertThat(claude.takeRequest(WAIT).body().has("cache_control")).isFalse();
  }
}
