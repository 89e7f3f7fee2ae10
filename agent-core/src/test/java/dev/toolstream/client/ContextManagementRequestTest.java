package dev.toolstream.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolstream.internal.json.Json;
import dev.toolstream.messages.CacheControl;
import dev.toolstream.messages.ContentBlock;
import dev.toolstream.messages.ContextManagement;
import dev.toolstream.messages.MessageParam;
import dev.toolstream.messages.MessageRequest;
import dev.toolstream.messages.ThinkingConfig;
import dev.toolstream.testkit.RecordedRequest;
import dev.toolstream.testkit.ScriptedClaude;
import dev.toolstream.testkit.Turn;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Context-management edits and thinking settings go out as the API spells them, betas implied. */
class ContextManagementRequestTest {
  private final ScriptedClaude claude = ScriptedClaude.start(request -> Turn.text("ok"));
  private final MessagesClient client =
      MessagesClient.builder().apiKey("test-key").baseUrl(claude.baseUrl()).maxRetries(0).build();

  @AfterEach
  void stop() {
    claude.close();
  }

  private RecordedRequest send(MessageRequest.Builder request) throws InterruptedException {
    client.stream(request.build()).finalMessage();
    return claude.takeRequest(Duration.ofSeconds(5));
  }

  private static MessageRequest.Builder request() {
    return MessageRequest.builder().model("claude-opus-4-6").maxTokens(4096).addUserMessage("Hi");
  }

  @Test
  void everyEditAndParameterIsWrittenAsTheApiReferenceHasIt() throws Exception {
    ContextManagement edits =
        ContextManagement.of(
            ContextManagement.clearToolUses()
                .withTrigger(ContextManagement.Trigger.toolUses(12))
                .withKeep(3)
                .withClearAtLeast(5000)
                .withExcludeTools(List.of("web_search"))
                .withClearToolInputs(List.of("read_file")),
            ContextManagement.clearThinking().withKeepTurns(2),
            ContextManagement.compact()
                .withTrigger(100_000)
                .withPauseAfterCompaction(true)
                .withInstructions("Keep the file names."));

    RecordedRequest recorded = send(request().contextManagement(edits));

    assertThat(recorded.body().get("context_management"))
        .isEqualTo(
            Json.parse(
                """
                {"edits":[
                  {"type":"clear_tool_uses_20250919",
                   "trigger":{"type":"tool_uses","value":12},
                   "keep":{"type":"tool_uses","value":3},
                   "clear_at_least":{"type":"input_tokens","value":5000},
                   "exclude_tools":["web_search"],
                   "clear_tool_inputs":["read_file"]},
                  {"type":"clear_thinking_20251015","keep":{"type":"thinking_turns","value":2}},
                  {"type":"compact_20260112",
                   "trigger":{"type":"input_tokens","value":100000},
                   "pause_after_compaction":true,
                   "instructions":"Keep the file names."}]}
                """));
  }

  @Test
  void editsLeftAtTheirDefaultsSendOnlyTheirType() throws Exception {
    ContextManagement edits =
        ContextManagement.of(
            ContextManagement.clearToolUses().withClearToolInputs(true),
            ContextManagement.clearThinking().withKeepAll(),
            ContextManagement.compact());

    RecordedRequest recorded = send(request().contextManagement(edits));

    assertThat(recorded.body().get("context_management"))
        .isEqualTo(
            Json.parse(
                """
                {"edits":[
                  {"type":"clear_tool_uses_20250919","clear_tool_inputs":true},
                  {"type":"clear_thinking_20251015","keep":{"type":"all"}},
                  {"type":"compact_20260112"}]}
                """));
  }

  @Test
  void clearingImpliesTheContextManagementBetaAndCompactionItsOwn() throws Exception {
    RecordedRequest clearing =
        send(request().contextManagement(ContextManagement.of(ContextManagement.clearThinking())));
    RecordedRequest compacting =
        send(request().contextManagement(ContextManagement.of(ContextManagement.compact())));
    RecordedRequest both =
        send(
            request()
                .contextManagement(
                    ContextManagement.of(
                        ContextManagement.clearToolUses(), ContextManagement.compact())));
    RecordedRequest plain = send(request());

    assertThat(clearing.header("anthropic-beta")).isEqualTo("context-management-2025-06-27");
    assertThat(compacting.header("anthropic-beta")).isEqualTo("compact-2026-01-12");
    assertThat(both.header("anthropic-beta"))
        .isEqualTo("context-management-2025-06-27,compact-2026-01-12");
    assertThat(plain.header("anthropic-beta")).isNull();
    assertThat(plain.body().has("context_management")).isFalse();
  }

  @Test
  void aCallersValueForTheCompactionBetaTakesTheImpliedOnesPlace() throws Exception {
    RecordedRequest recorded =
        send(
            request()
                .contextManagement(ContextManagement.of(ContextManagement.compact()))
                .addBeta("compact-2026-09-04"));

    assertThat(recorded.header("anthropic-beta")).isEqualTo("compact-2026-09-04");
  }

  @Test
  void anEditTheLibraryDoesNotModelIsSentAsGiven() throws Exception {
    ContextManagement edits =
        ContextManagement.of(
            new ContextManagement.Raw(
                Json.parse("{\"type\":\"clear_images_20270101\",\"keep\":1}")));

    RecordedRequest recorded = send(request().contextManagement(edits));

    assertThat(recorded.body().path("context_management").path("edits").get(0))
        .isEqualTo(Json.parse("{\"type\":\"clear_images_20270101\",\"keep\":1}"));
    assertThat(recorded.header("anthropic-beta")).isEqualTo("context-management-2025-06-27");
  }

  @Test
  void aCompactionBlockInTheHistoryGoesOutWithItsCacheBreakpoint() throws Exception {
    ContentBlock.Compaction summary =
        new ContentBlock.Compaction("Summary.", "enc").withCacheControl(CacheControl.ephemeral());

    RecordedRequest recorded =
        send(
            request()
                .messages(
                    List.of(
                        MessageParam.assistant(List.of(summary)), MessageParam.user("Go on."))));

    assertThat(recorded.messages().get(0).path("content"))
        .isEqualTo(
            Json.parse(
                "[{\"type\":\"compaction\",\"content\":\"Summary.\",\"encrypted_content\":\"enc\","
                    + "\"cache_control\":{\"type\":\"ephemeral\"}}]"));
  }

  @Test
  void adaptiveThinkingWithADisplayNeedsNoBeta() throws Exception {
    RecordedRequest recorded =
        send(request().thinking(ThinkingConfig.adaptive().withDisplay(ThinkingConfig.SUMMARIZED)));

    assertThat(recorded.body().get("thinking"))
        .isEqualTo(Json.parse("{\"type\":\"adaptive\",\"display\":\"summarized\"}"));
    assertThat(recorded.header("anthropic-beta")).isNull();
  }

  @Test
  void interleavedThinkingWithABudgetImpliesItsBetaAndAdaptiveDoesNot() throws Exception {
    RecordedRequest budget = send(request().thinking(ThinkingConfig.enabled(2048).interleaved()));
    RecordedRequest adaptive = send(request().thinking(ThinkingConfig.adaptive().interleaved()));

    assertThat(budget.body().get("thinking"))
        .isEqualTo(Json.parse("{\"type\":\"enabled\",\"budget_tokens\":2048}"));
    assertThat(budget.header("anthropic-beta")).isEqualTo("interleaved-thinking-2025-05-14");
    assertThat(adaptive.header("anthropic-beta")).isNull();
  }
}
