package dev.toolstream.examples.readme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolstream.agent.AgentResult;
import dev.toolstream.agent.ToolOutput;
import dev.toolstream.agent.ToolSpec;
import dev.toolstream.client.MessagesClient;
import dev.toolstream.testkit.RecordedRequest;
import dev.toolstream.testkit.ScriptedClaude;
import dev.toolstream.testkit.Turn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Runs the README's context-management snippets against the test kit. */
@ResourceLock(Resources.SYSTEM_OUT)
final class ContextSnippetsRunTest {
  @RegisterExtension final CapturedStdout out = new CapturedStdout();

  private static ToolSpec inventory() {
    return ToolSpec.builder("list_services")
        .description("Lists the services to audit.")
        .inputSchema(JsonMapper.builder().build().readTree("{\"type\":\"object\"}"))
        .handler((input, context) -> ToolOutput.text("billing, search"))
        .build();
  }

  @Test
  void theAgentSnippetCompactsAndGoesOnFromTheSummary() throws Exception {
    Turn compacted =
        Turn.builder()
            .compaction("Audited auth; billing and search remain.")
            .toolUse("list_services", "{}")
            .build();
    try (ScriptedClaude claude = ScriptedClaude.start(compacted, Turn.text("All audited."))) {
      AgentResult result = ContextSnippets.longRun(CapturedStdout.client(claude), inventory());

      RecordedRequest first = claude.requests().get(0);
      assertThat(first.body().path("context_management").path("edits").get(0).path("type"))
          .hasToString("\"compact_20260112\"");
      assertThat(first.body().path("thinking").path("type").asString()).isEqualTo("adaptive");
      JsonNode resent = claude.requests().get(1).messages().get(0).path("content").get(0);
      assertThat(resent.path("type").asString()).isEqualTo("compaction");
      assertThat(result.text()).isEqualTo("All audited.");
      assertThat(out.printed())
          .isEqualTo("[compacted] Audited auth; billing and search remain.\nAll audited.\n");
    }
  }

  @Test
  void theAgentSnippetReportsARefusalsCategory() {
    try (ScriptedClaude claude =
        ScriptedClaude.start(Turn.builder().refusal("cyber", "Exploit code.").build())) {
      ContextSnippets.longRun(CapturedStdout.client(claude), inventory());

      assertThat(out.printed()).isEqualTo("refused: cyber\n");
    }
  }

  @Test
  void theEditsSnippetSendsItsEditsAndBetasAndPrintsTheAppliedOnes() throws Exception {
    ObjectNode applied =
        (ObjectNode)
            JsonMapper.builder()
                .build()
                .readTree(
                    "{\"applied_edits\":[{\"type\":\"clear_tool_uses_20250919\","
                        + "\"cleared_tool_uses\":4,\"cleared_input_tokens\":31000}]}");
    try (ScriptedClaude claude =
        ScriptedClaude.start(Turn.builder().text("Next.").contextManagement(applied).build())) {
      ContextSnippets.clearing(CapturedStdout.client(claude));

      RecordedRequest request = claude.requests().get(0);
      assertThat(request.header("anthropic-beta"))
          .isEqualTo("context-management-2025-06-27,interleaved-thinking-2025-05-14");
      assertThat(request.body().path("context_management").path("edits")).hasSize(2);
      assertThat(out.printed())
          .isEqualTo("clear_tool_uses_20250919 freed 31000 input tokens\n");
    }
  }
}
