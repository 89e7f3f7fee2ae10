package dev.toolstream.examples.weather;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolstream.testkit.ErrorReply;
import dev.toolstream.testkit.ScriptedClaude;
import dev.toolstream.testkit.Turn;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code weather-agent} without a question on a terminal: a conversation, typed on stdin. The
 * terminal is the {@link Terminal} seam, told that stdin is one; the typing is a string.
 */
class ConversationTest {
  private static final Terminal TYPING = Terminal.of(true, false, false, 80);

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final Map<String, String> env = new HashMap<>(Map.of("NO_COLOR", "1"));
  private ScriptedClaude claude;

  @AfterEach
  void stop() {
    if (claude != null) {
      claude.close();
    }
  }

  private int type(String typed, Terminal terminal) {
    return WeatherAgent.run(
        new String[0],
        env::get,
        new ByteArrayInputStream(typed.getBytes(Charset.defaultCharset())),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        terminal);
  }

  private int typeTo(ScriptedClaude server, String typed) {
    claude = server;
    env.put("ANTHROPIC_API_KEY", "sk-ant-test-secret");
    env.put("ANTHROPIC_BASE_URL", server.baseUrl());
    return type(typed, TYPING);
  }

  private String stdout() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private static List<String> texts(List<JsonNode> messages) {
    return messages.stream()
        .map(m -> m.get("role").asString() + ": " + text(m.get("content")))
        .toList();
  }

  private static String text(JsonNode content) {
    if (content.isString()) {
      return content.asString();
    }
    StringBuilder text = new StringBuilder();
    content.forEach(block -> text.append(block.path("text").asString("")));
    return text.toString();
  }

  @Test
  void eachQuestionIsSentWithTheConversationSoFar() {
    ScriptedClaude server =
        ScriptedClaude.start(Turn.text("Sunny in Tokyo."), Turn.text("Rainy in Paris."));

    int status = typeTo(server, "What's the weather in Tokyo?\nAnd in Paris?\nexit\n");

    assertThat(status).isZero();
    assertThat(stdout()).isEqualTo("> Sunny in Tokyo.\n> Rainy in Paris.\n> ");
    assertThat(claude.requests()).hasSize(2);
    assertThat(texts(claude.requests().get(1).messages()))
        .containsExactly(
            "user: What's the weather in Tokyo?", "assistant: Sunny in Tokyo.", "user: And in Paris?");
  }

  @Test
  void theEndOfInputEndsTheConversation() {
    int status = typeTo(ScriptedClaude.start(Turn.text("Sunny.")), "Tokyo?\n\n");

    assertThat(status).isZero();
    assertThat(stdout()).isEqualTo("> Sunny.\n> > \n");
    assertThat(claude.requests()).hasSize(1);
    assertThat(stderr()).contains("exit or Ctrl-D ends").contains("usage: ");
  }

  @Test
  void aQuestionThatFailsIsLeftOutOfTheConversation() {
    ScriptedClaude server =
        ScriptedClaude.start(
            ErrorReply.of(400, "invalid_request_error", "bad request"), Turn.text("Sunny."));

    int status = typeTo(server, "First?\nSecond?\n");

    assertThat(status).isZero();
    assertThat(stderr())
        .contains("error: the API answered 400 invalid_request_error: bad request")
        .contains("left out of the conversation");
    assertThat(texts(claude.requests().get(1).messages())).containsExactly("user: Second?");
    assertThat(stdout()).endsWith("> Sunny.\n> \n");
  }

  @Test
  void thePromptIsStyledOnlyWhenStdoutIsATerminal() {
    env.remove("NO_COLOR");
    claude = ScriptedClaude.start(Turn.text("Sunny."));
    env.put("ANTHROPIC_API_KEY", "sk-ant-test-secret");
    env.put("ANTHROPIC_BASE_URL", claude.baseUrl());

    type("Tokyo?\n", Terminal.of(true, true, false, 80));

    assertThat(stdout()).startsWith("\u001b[1m> \u001b[0mSunny.");
    assertThat(stderr()).doesNotContain("\u001b[");
  }

  @Test
  void theSimulationFollowsTheConversation() {
    env.remove("NO_COLOR");
    int status = type("What's the weather in Tokyo?\nAnd in Lisbon and Madrid?\n", TYPING);

    assertThat(status).isZero();
    assertThat(stderr())
        .contains("simulated")
        .contains("→ get_weather {\"city\":\"Tokyo\"}")
        .contains("→ get_weather {\"city\":\"Lisbon\"}")
        .contains("→ get_weather {\"city\":\"Madrid\"}");
    assertThat(stdout()).contains("- Madrid, Spain: ");
  }

  @Test
  void withoutATerminalNoQuestionIsStillAnError() {
    int status = type("Tokyo?\n", Terminal.of(false, true, true, 80));

    assertThat(status).isEqualTo(Failures.USAGE);
    assertThat(stderr()).contains("error: no question given");
    assertThat(stdout()).isEmpty();
  }
}
