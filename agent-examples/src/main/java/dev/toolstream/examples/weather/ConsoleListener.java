package dev.toolstream.examples.weather;

import dev.toolstream.agent.AgentListener;
import dev.toolstream.agent.ToolExecution;
import dev.toolstream.messages.ContentBlock;
import dev.toolstream.messages.Message;
import dev.toolstream.sse.RunEvents;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Prints a run: the assistant's text to stdout as each delta arrives, tool calls and their
 * results to stderr (web searches too, which the API runs), a newline between turns. What the
 * model and the tools wrote is printed {@linkplain Printable as text}: it cannot control the
 * terminal.
 */
final class ConsoleListener implements AgentListener {
  private final PrintStream out;
  private final PrintStream err;
  private final Style style;
  private boolean textOnLine;
  private final Map<String, String> serverCalls = new HashMap<>();

  ConsoleListener(PrintStream out, PrintStream err, Style style) {
    this.out = out;
    this.err = err;
    this.style = style;
  }

  @Override
  public void onText(String text) {
    out.print(Printable.of(text));
    out.flush(); // A pipe gets each delta at once too.
    textOnLine = !text.endsWith("\n");
  }

  @Override
  public void onToolCall(ContentBlock.ToolUse call) {
    endLine();
    String input = call.invalidInput() != null ? call.invalidInput().rawJson() : call.input().toString();
    err.println(style.dim(Printable.of("→ " + call.name() + " " + input)));
  }

  @Override
  public void onToolResult(ToolExecution execution) {
    String text = abbreviate(Printable.of(execution.resultText().replace('\n', ' ')), 160);
    String line =
        (execution.isError() ? "✗ " : "← ")
            + execution.call().name()
            + ": "
            + text
            + " ("
            + execution.duration().toMillis()
            + " ms)";
    err.println(execution.isError() ? style.red(line) : style.dim(line));
  }

  @Override
  public void onServerToolCall(ContentBlock.ServerToolUse call) {
    endLine();
    serverCalls.put(call.id(), call.name());
    err.println(style.dim(Printable.of("→ " + call.name() + " " + call.input())));
  }

  @Override
  public void onServerToolResult(ContentBlock.ServerToolResult result) {
    String name = serverCalls.getOrDefault(result.toolUseId(), result.type());
    String line = abbreviate(Printable.of(RunEvents.summary(result)), 160);
    err.println(
        result.isError() ? style.red("✗ " + name + ": " + line) : style.dim("← " + name + ": " + line));
  }

  @Override
  public void onTurnComplete(int turn, Message message) {
    endLine();
  }

  private void endLine() {
    if (textOnLine) {
      out.println();
      out.flush();
      textOnLine = false;
    }
  }

  private static String abbreviate(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }

  /** ANSI styling for one stream, or none. */
  record Style(boolean color) {
    /**
     * Returns the styling for a stream: colour when it is a terminal, unless {@code NO_COLOR} is
     * set to anything (https://no-color.org) or {@code TERM} is {@code dumb}.
     */
    static Style forStream(boolean terminal, Function<String, String> env) {
      String noColor = env.apply("NO_COLOR");
      return new Style(
          terminal && (noColor == null || noColor.isEmpty()) && !"dumb".equals(env.apply("TERM")));
    }

    String bold(String text) {
      return color ? "\u001b[1m" + text + "\u001b[0m" : text;
    }

    String dim(String text) {
      return color ? "\u001b[2m" + text + "\u001b[0m" : text;
    }

    String red(String text) {
      return color ? "\u001b[31m" + text + "\u001b[0m" : text;
    }
  }
}
