package dev.toolstream.examples.weather;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolstream.testkit.ErrorReply;
import dev.toolstream.testkit.ScriptedClaude;
import dev.toolstream.testkit.Turn;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The command line's manners: help width, plurals, failures, --host and colour per stream. */
class CommandLineTest {
  private static final String ESC = "\u001b[";
  /** Words of the help that a line must never split: URLs, names with a colon, option labels. */
  private static final List<String> UNBROKEN =
      List.of(
          "https://api.anthropic.com",
          "https://api.open-meteo.com",
          "https://geocoding-api.open-meteo.com",
          "https://app.example",
          "HOST:PORT",
          "--tool-timeout=SECONDS",
          "--allow-origin=ORIGIN",
          "Open-Meteo");

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final Map<String, String> env = new HashMap<>();
  private ScriptedClaude claude;

  @AfterEach
  void stop() {
    if (claude != null) {
      claude.close();
    }
  }

  private int run(Terminal terminal, String... args) {
    return WeatherAgent.run(
        args,
        env::get,
        new ByteArrayInputStream(new byte[0]),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        terminal);
  }

  /** Runs against {@code server}, with a key, as a user with a real API would. */
  private int runAgainst(ScriptedClaude server, Terminal terminal, String... args) {
    claude = server;
    env.put("ANTHROPIC_API_KEY", "sk-ant-test-secret");
    env.put("ANTHROPIC_BASE_URL", server.baseUrl());
    return run(terminal, args);
  }

  private String stdout() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private static int widest(String text) {
    return text.lines().mapToInt(String::length).max().orElse(0);
  }

  @Test
  void helpWrapsToColumnsAndNeverSplitsAUrlOrAWord() {
    for (int columns = 55; columns <= 140; columns++) {
      env.put("COLUMNS", String.valueOf(columns));
      out.reset();

      assertThat(run(Terminal.NONE, "--help")).isZero();

      String help = stdout();
      assertThat(widest(help)).as("width at COLUMNS=%d", columns).isLessThanOrEqualTo(columns);
      for (String word : UNBROKEN) {
        assertThat(help).as("%s at COLUMNS=%d", word, columns).contains(word);
      }
      assertThat(String.join(" ", help.lines().map(String::strip).toList()))
          .contains("Exit status: 0 done, 1 API error, 2 bad usage, 3 turn limit, 4 max tokens in"
              + " a tool call, 5 stream error, 6 connection failure, 7 refusal.");
    }
  }

  @Test
  void helpIsAsWideAsTheTerminalWithoutColumns() {
    env.put("NO_COLOR", "1");

    assertThat(run(Terminal.of(false, true, false, 120), "--help")).isZero();

    assertThat(widest(stdout())).isGreaterThan(80).isLessThanOrEqualTo(120);
  }

  @Test
  void helpIsEightyWideWithoutColumnsOrATerminal() {
    assertThat(run(Terminal.NONE, "--help")).isZero();

    assertThat(widest(stdout())).isGreaterThan(70).isLessThanOrEqualTo(80);
  }

  @Test
  void helpIsInColourOnlyOnATerminalWithoutNoColor() {
    assertThat(run(Terminal.of(false, true, false, 100), "--help")).isZero();
    assertThat(stdout()).contains(ESC);

    out.reset();
    env.put("NO_COLOR", "1");
    assertThat(run(Terminal.of(false, true, false, 100), "--help")).isZero();
    assertThat(stdout()).doesNotContain(ESC);

    out.reset();
    env.remove("NO_COLOR");
    assertThat(run(Terminal.of(false, false, true, 100), "--help")).isZero();
    assertThat(stdout()).doesNotContain(ESC);
  }

  @Test
  void oneTurnIsSingular() {
    Turn answer = Turn.builder().text("Sunny.").usage(1, 1).build();

    assertThat(runAgainst(ScriptedClaude.start(answer), Terminal.NONE, "Tokyo?")).isZero();

    assertThat(stderr()).contains("usage: 1 input token, 1 output token over 1 turn\n");
  }

  /** Runs one turn that calls a tool, with {@code --max-turns 1}: it ends at the turn limit. */
  private int runIntoATurnLimitOfOne(int inputTokens, int outputTokens) {
    Turn call =
        Turn.builder()
            .toolUse("toolu_0", "get_weather", "{\"city\":\"Atlantis\"}")
            .stopReason("tool_use")
            .usage(inputTokens, outputTokens)
            .build();
    env.put("OPEN_METEO_URL", "http://127.0.0.1:9"); // Nothing listens: the tool fails at once.
    env.put("OPEN_METEO_GEOCODING_URL", "http://127.0.0.1:9");
    return runAgainst(ScriptedClaude.start(call), Terminal.NONE, "--max-turns", "1", "Q?");
  }

  @Test
  void aTurnLimitOfOneIsSingular() {
    int status = runIntoATurnLimitOfOne(1, 1);

    assertThat(status).isEqualTo(Failures.TURN_LIMIT);
    assertThat(stderr()).contains("error: stopped after 1 turn (--max-turns 1)");
  }

  @Test
  void aFailureThatUsedNoTokensPrintsNoUsageLine() {
    ErrorReply denied = ErrorReply.of(401, "authentication_error", "invalid x-api-key");

    int status = runAgainst(ScriptedClaude.start(denied), Terminal.NONE, "Tokyo?");

    assertThat(status).isEqualTo(Failures.API_ERROR);
    assertThat(stderr()).contains("error: the API answered 401").doesNotContain("usage:");
  }

  @Test
  void aFailureAfterATurnStillSaysWhatItCost() {
    runIntoATurnLimitOfOne(12, 5);

    assertThat(stderr()).contains("usage: 12 input tokens, 5 output tokens over 1 turn");
  }

  @Test
  void anAddressOfAnotherMachineIsBlamedOnTheHost() {
    int status = run(Terminal.NONE, "--serve", "--host", "192.0.2.1", "--port", "0");

    assertThat(status).isEqualTo(Failures.USAGE);
    assertThat(stderr())
        .startsWith("error: --host 192.0.2.1 is not an address of this machine; use 127.0.0.1")
        .doesNotContain("port");
  }

  @Test
  void anOpenMeteoUrlThatIsNoUrlIsOneClearLine() {
    Turn answer = Turn.builder().text("Sunny.").usage(1, 1).build();
    env.put("OPEN_METEO_URL", "api.open-meteo.com");

    int status = runAgainst(ScriptedClaude.start(answer), Terminal.NONE, "Tokyo?");

    assertThat(status).isEqualTo(Failures.USAGE);
    assertThat(stderr())
        .isEqualTo(
            "error: OPEN_METEO_URL \"api.open-meteo.com\" is not an http or https URL; set it to"
                + " one such as https://api.open-meteo.com, or unset it\n");
    assertThat(claude.requests()).isEmpty();
  }

  @Test
  void anMcpServerWithAGeocodingUrlThatIsNoUrlIsOneClearLine() {
    env.put("OPEN_METEO_GEOCODING_URL", "::1");

    int status = run(Terminal.NONE, "--mcp");

    assertThat(status).isEqualTo(Failures.USAGE);
    assertThat(stderr())
        .isEqualTo(
            "error: OPEN_METEO_GEOCODING_URL \"::1\" is not an http or https URL; set it to one"
                + " such as https://geocoding-api.open-meteo.com, or unset it\n");
  }

  @Test
  void redirectedStderrGetsNoColourWhileStdoutIsATerminal() {
    Turn answer = Turn.builder().text("Sunny.").usage(1, 1).build();

    runAgainst(ScriptedClaude.start(answer), Terminal.of(false, true, false, 80), "Tokyo?");

    assertThat(stderr()).contains("usage: ").doesNotContain(ESC);
  }

  @Test
  void stderrOnATerminalGetsColourWhileStdoutIsRedirected() {
    Turn answer = Turn.builder().text("Sunny.").usage(1, 1).build();

    runAgainst(ScriptedClaude.start(answer), Terminal.of(false, false, true, 80), "Tokyo?");

    assertThat(stderr()).contains(ESC + "2musage: ");
    assertThat(stdout()).isEqualTo("Sunny.\n");
  }

  @Test
  void noColorTurnsColourOffOnATerminal() {
    env.put("NO_COLOR", "1");
    Turn answer = Turn.builder().text("Sunny.").usage(1, 1).build();

    runAgainst(ScriptedClaude.start(answer), Terminal.of(false, true, true, 80), "Tokyo?");

    assertThat(stderr()).contains("usage: ").doesNotContain(ESC);
  }
}
