package dev.toolstream.examples.weather;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolstream.agent.ToolExecution;
import dev.toolstream.messages.ContentBlock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * What the model writes and what tools return reach the terminal as text, never as terminal
 * control: an escape sequence from a web page or a prompt injection could otherwise clear the
 * screen, rewrite a line already shown, retitle the window or write to the clipboard.
 */
class ConsoleListenerTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final ConsoleListener console =
      new ConsoleListener(
          new PrintStream(out, true, StandardCharsets.UTF_8),
          new PrintStream(err, true, StandardCharsets.UTF_8),
          new ConsoleListener.Style(false));

  @Test
  void theModelsTextCarriesNoTerminalControlToStdout() {
    console.onText("Sunny\u001b]52;c;ZXZpbA==\u0007 in\u001b[2J Tokyo.\r\nBye\u009b0m.\tOK\n");

    assertThat(stdout()).isEqualTo("Sunny␛]52;c;ZXZpbA==␇ in␛[2J Tokyo.\nBye\ufffd0m.\tOK\n");
  }

  @Test
  void aToolsResultAndTheModelsBrokenInputCarryNoTerminalControlToStderr() {
    ContentBlock.ToolUse call =
        new ContentBlock.ToolUse(
            "toolu_1",
            "get_weather",
            JsonNodeFactory.instance.objectNode(),
            new ContentBlock.InvalidInput("{\"city\": \"\u001b[8mTokyo", "unexpected end"),
            Map.of());

    console.onToolCall(call);
    console.onToolResult(
        new ToolExecution(
            call,
            ContentBlock.ToolResult.text("toolu_1", "Tokyo\u001b[1A\u001b[2K: 14 °C\rfake", false),
            Duration.ofMillis(3)));

    assertThat(stderr())
        .isEqualTo(
            "→ get_weather {\"city\": \"␛[8mTokyo\n"
                + "← get_weather: Tokyo␛[1A␛[2K: 14 °Cfake (3 ms)\n");
  }

  private String stdout() {
    return out.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
  }

  private String stderr() {
    return err.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
  }
}
