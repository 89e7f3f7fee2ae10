package dev.toolstream.examples.readme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolstream.agent.AgentResult;
import dev.toolstream.client.MessagesClient;
import dev.toolstream.messages.Message;
import dev.toolstream.messages.MessageRequest;
import dev.toolstream.testkit.RecordedRequest;
import dev.toolstream.testkit.Script;
import dev.toolstream.testkit.ScriptedClaude;
import dev.toolstream.testkit.Turn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;
import tools.jackson.databind.JsonNode;

/** Runs the README's snippets against the test kit and checks they do what the README says. */
@ResourceLock(Resources.SYSTEM_OUT)
final class ReadmeSnippetsRunTest {
  @RegisterExtension final CapturedStdout out = new CapturedStdout();

  @Test
  void theStreamingSnippetsPrintTheTextAndTheStopReason() throws Exception {
    Turn haiku = Turn.builder().textDeltas("Water ", "finds ", "its way").usage(12, 7).build();
    try (ScriptedClaude claude = ScriptedClaude.start(haiku, haiku, haiku, haiku, haiku)) {
      MessagesClient client = CapturedStdout.client(claude);
      MessageRequest request = StreamingSnippets.printText(client);
      assertThat(out.printed()).isEqualTo("Water finds its way");
      assertThat(claude.requests().get(0).lastUserText()).isEqualTo("Write a haiku about rivers.");

      out.reset();
      Message message = StreamingSnippets.finalMessage(client, request);
      assertThat(message.usage().outputTokens()).isEqualTo(7);
      assertThat(out.printed()).isEqualTo("Water finds its way\nend_turn, 7 tokens out\n");

      out.reset();
      StreamingSnippets.events(client, request);
      assertThat(out.printed()).isEqualTo("Water finds its way\nstop_reason: end_turn\n");

      out.reset();
      StreamingSnippets.async(client, request).get();
      assertThat(out.printed()).startsWith("Water finds its way\n");
    }
  }

  @Test
  void theAgentLoopSnippetRunsTheToolAndSendsItsResult() {
    Turn call =
        Turn.builder().toolUse("get_weather", "{\"city\":\"Tokyo\"}").stopReason("tool_use").build();
    try (ScriptedClaude claude = ScriptedClaude.start(Script.echoToolResults(call))) {
      AgentResult result = AgentLoopSnippets.weatherAgent(CapturedStdout.client(claude));

      assertThat(result.turns()).isEqualTo(2);
      assertThat(result.text()).isEqualTo("Sunny, 21 °C in Tokyo");
      assertThat(out.printed()).startsWith("Sunny, 21 °C in Tokyo\n2 turns, ");
    }
  }

  @Test
  void theAnnotatedToolSnippetSendsWhatTheReadmeSays() {
    Turn call =
        Turn.builder().toolUse("get_weather", "{\"city\":\"Lisbon\"}").stopReason("tool_use").build();
    try (ScriptedClaude claude = ScriptedClaude.start(Script.echoToolResults(call))) {
      new AnnotatedToolsSnippets().agent(CapturedStdout.client(claude)).run("Weather in Lisbon?");

      RecordedRequest first = claude.requests().get(0);
      assertThat(first.body().path("tools").get(0).path("name").asString()).isEqualTo("get_weather");
      RecordedRequest second = claude.requests().get(1);
      JsonNode content = second.toolResults().get(0).path("content");
      String text = content.isString() ? content.asString() : content.get(0).path("text").asString();
      assertThat(text)
          .isEqualTo("{\"city\":\"Lisbon\",\"temperature\":21.5,\"unit\":\"celsius\"}");
    }
  }
}
