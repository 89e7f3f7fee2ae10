package dev.toolstream.examples.readme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolstream.agent.ToolSpec;
import dev.toolstream.client.MessagesClient;
import dev.toolstream.examples.readme.StructuredOutputSnippets.Day;
import dev.toolstream.examples.readme.StructuredOutputSnippets.Forecast;
import dev.toolstream.internal.json.Json;
import dev.toolstream.testkit.ScriptedClaude;
import dev.toolstream.testkit.Turn;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;
import tools.jackson.databind.JsonNode;

/** Runs the README's structured-output snippets against the test kit. */
@ResourceLock(Resources.SYSTEM_OUT)
final class StructuredOutputSnippetsTest {
  private static final Forecast LISBON =
      new Forecast("Lisbon", List.of(new Day(LocalDate.of(2026, 12, 3), "clear", 17.5)));

  private static Turn answer() {
    return Turn.builder()
        .textDeltas(
            "{\"city\":\"Lis",
            "bon\",\"days\":[{\"date\":\"2026-12-03\",",
            "\"sky\":\"clear\",\"high\":17.5}]}")
        .build();
  }

  private static MessagesClient client(ScriptedClaude claude) {
    return MessagesClient.builder().baseUrl(claude.baseUrl()).apiKey("test-key").build();
  }

  @Test
  void theAgentSnippetPrintsThePartialsAndReadsTheForecast() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream original = System.out;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try (ScriptedClaude claude = ScriptedClaude.start(answer())) {
      assertThat(StructuredOutputSnippets.agentAnswer(client(claude))).isEqualTo(LISBON);

      JsonNode config = claude.takeRequest(Duration.ofSeconds(5)).body().get("output_config");
      assertThat(config.get("effort").asString()).isEqualTo("medium");
      assertThat(config.at("/format/type").asString()).isEqualTo("json_schema");
    } finally {
      System.setOut(original);
    }
    assertThat(out.toString(StandardCharsets.UTF_8).lines().toList())
        .startsWith(
            "{\"city\":\"Lis\"}", "{\"city\":\"Lisbon\",\"days\":[{\"date\":\"2026-12-03\"}]}");
  }

  @Test
  void theClientSnippetReadsTheForecast() {
    try (ScriptedClaude claude = ScriptedClaude.start(answer())) {
      assertThat(StructuredOutputSnippets.clientAnswer(client(claude))).isEqualTo(LISBON);
    }
  }

  @Test
  void theStrictToolsSayStrictOnTheirDefinitions() {
    JsonNode schema =
        Json.parse(
            "{\"type\":\"object\",\"properties\":{\"query\":{\"type\":\"string\"}},"
                + "\"required\":[\"query\"],\"additionalProperties\":false}");

    List<ToolSpec> tools = new StructuredOutputSnippets().strictTools(schema);

    assertThat(tools).allSatisfy(tool -> assertThat(tool.definition().strict()).isTrue());
    assertThat(tools.get(0).definition().eagerInputStreaming()).isTrue();
  }
}
