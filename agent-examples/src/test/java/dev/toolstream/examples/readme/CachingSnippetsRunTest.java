package dev.toolstream.examples.readme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.toolstream.agent.ToolOutput;
import dev.toolstream.agent.ToolSpec;
import dev.toolstream.client.MessagesClient;
import dev.toolstream.messages.CacheControl;
import dev.toolstream.messages.ContentBlock;
import dev.toolstream.messages.MessageParam;
import dev.toolstream.messages.MessageRequest;
import dev.toolstream.testkit.Script;
import dev.toolstream.testkit.ScriptedClaude;
import dev.toolstream.testkit.Turn;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;
import tools.jackson.databind.json.JsonMapper;

/** Runs the README's caching and token-counting snippets against the test kit. */
@ResourceLock(Resources.SYSTEM_OUT)
final class CachingSnippetsRunTest {
  @RegisterExtension final CapturedStdout out = new CapturedStdout();

  @Test
  void theCachingAgentAsksForTheCacheAndPrintsItsReadsAndWrites() {
    Turn call =
        Turn.builder().toolUse("get_weather", "{\"city\":\"Tokyo\"}").cacheCreation(600, 0).build();
    Turn answer = Turn.builder().text("Sunny.").cacheUsage(0, 600).cacheCreation(0, 80).build();
    ToolSpec weather =
        ToolSpec.builder("get_weather")
            .description("Current weather in a city.")
            .inputSchema(JsonMapper.builder().build().readTree("{\"type\":\"object\"}"))
            .handler((input, context) -> ToolOutput.text("Sunny, 21 °C"))
            .build();
    try (ScriptedClaude claude = ScriptedClaude.start(call, answer)) {
      CachingSnippets.cachingAgent(CapturedStdout.client(claude), weather);

      assertThat(claude.requests())
          .allSatisfy(request -> assertThat(request.body().has("cache_control")).isTrue());
      assertThat(out.printed())
          .isEqualTo(
              "600 input tokens read from the cache, 680 written to it\n"
                  + "600 kept for 5 minutes, 80 for an hour\n");
    }
  }

  @Test
  void theBreakpointsSnippetHasTwoAndAFifthIsRefused() {
    MessageRequest request = CachingSnippets.breakpoints("Rule one: be brief.");

    assertThat(request.cacheBreakpoints()).isEqualTo(1);
    assertThat(request.cacheControl()).isEqualTo(CacheControl.ephemeral());
    ContentBlock.Text cached =
        ContentBlock.text("More.").withCacheControl(CacheControl.ephemeral());
    MessageRequest.Builder tooMany =
        request.toBuilder().addMessage(MessageParam.user(List.of(cached, cached, cached)));
    assertThatThrownBy(tooMany::build).hasMessageContaining("5 cache breakpoints");
  }

  /** Starts a scripted Claude that counts {@code tokens} for any request and answers one. */
  private static ScriptedClaude countingClaude(int tokens) {
    return ScriptedClaude.builder()
        .script(Script.of(Turn.text("Brevity.")))
        .tokenCounter(request -> tokens)
        .build()
        .start();
  }

  @Test
  void theCountIsTakenBeforeTheRequestIsSent() {
    try (ScriptedClaude claude = countingClaude(2_000)) {
      CachingSnippets.countThenSend(CapturedStdout.client(claude), CachingSnippets.breakpoints("Be brief."));

      assertThat(claude.countTokensRequests()).hasSize(1);
      assertThat(claude.requests()).hasSize(1);
    }
  }

  @Test
  void aRequestOverTheBudgetIsNeverSent() {
    try (ScriptedClaude claude = countingClaude(250_000)) {
      MessageRequest request = CachingSnippets.breakpoints("Be brief.");

      assertThatThrownBy(() -> CachingSnippets.countThenSend(CapturedStdout.client(claude), request))
          .hasMessage("too long to send: 250000 tokens");
      assertThat(claude.requests()).isEmpty();
    }
  }
}
