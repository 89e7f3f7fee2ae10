package dev.toolstream.examples.weather;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The quick reading of a command line agrees with picocli's, or leaves it to picocli. */
class QuickArgsTest {
  private static final List<String> OPTIONS =
      List.of(
          "--web-search", "--verbose", "--serve", "--mcp", "--offline", "--tool-timeout", "--port",
          "--host", "--allow-host", "--allow-origin", "--store", "--model", "--max-tokens",
          "--max-turns");

  /** What a reading of the command line produced, field by field, and the options it matched. */
  private static String read(WeatherAgent options, java.util.function.Predicate<String> matched) {
    StringBuilder text =
        new StringBuilder()
            .append(options.prompt)
            .append(' ')
            .append(options.model)
            .append(' ')
            .append(options.maxTokens)
            .append(' ')
            .append(options.maxTurns)
            .append(' ')
            .append(options.webSearch)
            .append(options.verbose)
            .append(options.serve)
            .append(options.mcp)
            .append(options.offline)
            .append(options.help)
            .append(' ')
            .append(options.toolTimeoutSeconds)
            .append(' ')
            .append(options.port)
            .append(options.host)
            .append(options.allowHosts)
            .append(options.allowOrigins)
            .append(options.store);
    for (String option : OPTIONS) {
      text.append(matched.test(option) ? " +" + option : "");
    }
    return text.toString();
  }

  private static String quickly(String... args) {
    WeatherAgent options = new WeatherAgent();
    QuickArgs quick = QuickArgs.read(args, options);
    assertThat(quick).as("read quickly: %s", List.of(args)).isNotNull();
    return read(options, quick::hasMatchedOption);
  }

  private static String byPicocli(String... args) {
    WeatherAgent options = new WeatherAgent();
    CommandLine.ParseResult parsed = new CommandLine(options).parseArgs(args);
    return read(options, parsed::hasMatchedOption);
  }

  @Test
  void aQuestionAndFlagsAreReadAsPicocliReadsThem() {
    List<String[]> lines =
        List.of(
            new String[] {"What's the weather in Tokyo?"},
            new String[] {"What's", "the", "weather", "in", "Tokyo?"},
            new String[] {},
            new String[] {""},
            new String[] {"  Paris  "},
            new String[] {"--verbose", "Weather in Paris?"},
            new String[] {"Weather", "--web-search", "in Paris?", "--verbose"},
            new String[] {"--serve"},
            new String[] {"--mcp", "--offline"},
            new String[] {"a=b", "x:y", "São Paulo?"});
    for (String[] args : lines) {
      assertThat(quickly(args)).as(List.of(args).toString()).isEqualTo(byPicocli(args));
    }
  }

  @Test
  void optionsWithValuesHelpAndAnythingDashedAreLeftToPicocli() {
    List<String[]> lines =
        List.of(
            new String[] {"--help"},
            new String[] {"-h"},
            new String[] {"--model", "claude-opus-4-1", "Tokyo?"},
            new String[] {"--max-tokens=5", "Tokyo?"},
            new String[] {"--", "--verbose"},
            new String[] {"-5 degrees?"},
            new String[] {"@args.txt"},
            new String[] {"--verbose", "--verbose", "Tokyo?"},
            new String[] {"--no-such-option", "Tokyo?"});
    for (String[] args : lines) {
      WeatherAgent options = new WeatherAgent();
      assertThat(QuickArgs.read(args, options)).as(List.of(args).toString()).isNull();
      assertThat(options.prompt).isEmpty();
      assertThat(options.verbose).isFalse();
    }
  }
}
