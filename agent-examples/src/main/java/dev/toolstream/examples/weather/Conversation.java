package dev.toolstream.examples.weather;

import dev.toolstream.agent.Agent;
import dev.toolstream.agent.AgentException;
import dev.toolstream.agent.AgentResult;
import dev.toolstream.messages.MessageParam;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code weather-agent} on a terminal without a question: a prompt on stdout, a question read from
 * stdin, the answer streamed as for one question, and again, each question sent with the
 * conversation so far. An empty line asks nothing; {@code exit}, {@code quit} or the end of input
 * (Ctrl-D) ends it. A question whose run fails is reported as a single run's failure would be and
 * left out of the conversation, so the next question starts from the last answer.
 */
final class Conversation {
  /** The prompt, on stdout: where the answers go, so they read as one transcript. */
  static final String PROMPT = "> ";

  private final Agent agent;
  private final Failures.Reporter failures;
  private final BufferedReader in;
  private final PrintStream out;
  private final PrintStream err;
  private final ConsoleListener.Style outStyle;
  private final ConsoleListener.Style errStyle;

  Conversation(
      Agent agent,
      Failures.Reporter failures,
      InputStream in,
      PrintStream out,
      PrintStream err,
      ConsoleListener.Style outStyle,
      ConsoleListener.Style errStyle) {
    this.agent = agent;
    this.failures = failures;
    this.in = new BufferedReader(new InputStreamReader(in, Charset.defaultCharset()));
    this.out = out;
    this.err = err;
    this.outStyle = outStyle;
    this.errStyle = errStyle;
  }

  /** Asks until the end of input or {@code exit}, and returns the exit status: 0. */
  int run() {
    err.println(errStyle.dim("Ask about the weather, one question a line; exit or Ctrl-D ends."));
    List<MessageParam> history = List.of();
    for (String question = next(); question != null; question = next()) {
      if (question.isEmpty()) {
        continue;
      }
      if (List.of("exit", "quit").contains(question.toLowerCase(Locale.ROOT))) {
        return 0;
      }
      List<MessageParam> asked = new ArrayList<>(history);
      asked.add(MessageParam.user(question));
      try {
        AgentResult result = agent.run(asked);
        err.println(errStyle.dim(UsageLine.of(result.usage(), result.turns())));
        if (result.isRefusal()) {
          err.println(errStyle.red("error: the model declined to answer (stop_reason refusal)"));
        }
        history = result.history();
      } catch (AgentException e) {
        failures.report(e, out, err, errStyle);
        err.println(errStyle.dim("(that question is left out of the conversation)"));
      }
    }
    out.println(); // Ctrl-D leaves the cursor after the prompt.
    return 0;
  }

  /** Prompts and returns the next line, stripped, or null at the end of input. */
  private String next() {
    out.print(outStyle.bold(PROMPT));
    out.flush();
    try {
      String line = in.readLine();
      return line == null ? null : line.strip();
    } catch (IOException e) {
      return null; // A terminal that goes away ends the conversation as Ctrl-D does.
    }
  }
}
