package dev.toolstream.examples.weather;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * The help, as wide as the terminal: {@code COLUMNS} if set, else the terminal's width, else 80
 * (never under picocli's minimum of 55), in colour only when stdout is a terminal and {@code
 * NO_COLOR} is not set. Picocli writes the synopsis; the description, the
 * parameters, the options and the footer are wrapped here, between words only, because picocli
 * also breaks after a colon or a slash, inside a URL. A word wider than the line overflows it.
 * The footer is written as one line per paragraph or table row ({@code "  NAME   text"}).
 */
final class HelpText {
  /** The width when neither {@code COLUMNS} nor the terminal tells one. */
  static final int DEFAULT_WIDTH = 80;

  /** Picocli's narrowest usage message. */
  private static final int MIN_WIDTH = 55;

  /** Where an option's description starts, as picocli lays it out. */
  private static final int DESCRIPTION_COLUMN = 26;

  private static final String NEWLINE = System.lineSeparator();

  private HelpText() {}

  /** Prints {@code command}'s help to {@code out}, as wide as {@code env} and the terminal say. */
  static void print(
      CommandLine command, Function<String, String> env, Terminal terminal, PrintStream out) {
    int width = width(env.apply("COLUMNS"), terminal);
    command.setUsageHelpWidth(width);
    boolean color = ConsoleListener.Style.forStream(terminal.stdout(), env).color();
    command.setColorScheme(CommandLine.Help.defaultColorScheme(color ? Ansi.ON : Ansi.OFF));
    CommandSpec spec = command.getCommandSpec();
    command
        .getHelpSectionMap()
        .put(UsageMessageSpec.SECTION_KEY_DESCRIPTION, help -> paragraphs(spec, width));
    command
        .getHelpSectionMap()
        .put(UsageMessageSpec.SECTION_KEY_PARAMETER_LIST, help -> parameters(spec, width));
    command
        .getHelpSectionMap()
        .put(UsageMessageSpec.SECTION_KEY_OPTION_LIST, help -> options(spec, width));
    command
        .getHelpSectionMap()
        .put(
            UsageMessageSpec.SECTION_KEY_FOOTER,
            help -> wrap(List.of(spec.usageMessage().footer()), width));
    command.usage(out);
  }

  /** Returns the help's width: {@code columns} if a positive number, else the terminal's, else 80. */
  static int width(String columns, Terminal terminal) {
    int width = 0;
    if (columns != null) {
      try {
        width = Integer.parseInt(columns.strip());
      } catch (NumberFormatException e) {
        width = 0;
      }
    }
    if (width <= 0) {
      width = terminal.stdout() ? terminal.width() : 0;
    }
    return width <= 0 ? DEFAULT_WIDTH : Math.max(MIN_WIDTH, width);
  }

  /**
   * Wraps each line to {@code width} between words. A line that starts with spaces is a table row,
   * {@code "  NAME   text"}: its continuation lines are indented to where its text starts.
   */
  static String wrap(List<String> lines, int width) {
    StringBuilder wrapped = new StringBuilder();
    for (String line : lines) {
      int textStart = hangingIndent(line);
      wrapped.append(row(line.substring(0, textStart), line.substring(textStart), textStart, width));
    }
    return wrapped.toString();
  }

  private static String paragraphs(CommandSpec spec, int width) {
    return wrap(List.of(spec.usageMessage().description()), width);
  }

  private static String parameters(CommandSpec spec, int width) {
    StringBuilder list = new StringBuilder();
    for (PositionalParamSpec parameter : spec.positionalParameters()) {
      String label = parameter.paramLabel() + (parameter.arity().max() > 1 ? "..." : "");
      String name = "      " + (parameter.arity().min() == 0 ? "[" + label + "]" : label);
      list.append(described(name, parameter.renderedDescription(), width));
    }
    return list.toString();
  }

  private static String options(CommandSpec spec, int width) {
    StringBuilder list = new StringBuilder();
    for (OptionSpec option : spec.options()) {
      String shortName =
          Arrays.stream(option.names()).filter(n -> n.length() == 2).findFirst().orElse(null);
      String names =
          (shortName == null ? "      " : "  " + shortName + ", ")
              + option.longestName()
              + (option.arity().max() > 0 ? "=" + option.paramLabel() : "");
      list.append(described(names, option.renderedDescription(), width));
    }
    return list.toString();
  }

  /** Returns an option or parameter: its names, then its description from the usual column. */
  private static String described(String names, String[] description, int width) {
    String text = String.join(" ", description);
    if (names.length() + 2 > DESCRIPTION_COLUMN) {
      return names + NEWLINE + row(" ".repeat(DESCRIPTION_COLUMN), text, DESCRIPTION_COLUMN, width);
    }
    String padded = names + " ".repeat(DESCRIPTION_COLUMN - names.length());
    return row(padded, text, DESCRIPTION_COLUMN, width);
  }

  /**
   * Returns {@code prefix} and {@code text} wrapped to {@code width}, continuation lines indented
   * by {@code indent}, or by four spaces when a word of the text would not fit there.
   */
  private static String row(String prefix, String text, int indent, int width) {
    String[] words = text.strip().split(" +");
    int longest = Arrays.stream(words).mapToInt(String::length).max().orElse(0);
    String hanging = " ".repeat(indent + longest > width ? Math.min(indent, 4) : indent);
    StringBuilder wrapped = new StringBuilder();
    StringBuilder current = new StringBuilder(prefix);
    int lineStart = current.length();
    for (String word : words) {
      if (word.isEmpty()) {
        continue;
      }
      if (current.length() > lineStart && current.length() + 1 + word.length() > width) {
        wrapped.append(current.toString().stripTrailing()).append(NEWLINE);
        current.setLength(0);
        current.append(hanging);
        lineStart = current.length();
      }
      current.append(current.length() > lineStart ? " " : "").append(word);
    }
    return wrapped.append(current.toString().stripTrailing()).append(NEWLINE).toString();
  }

  /** Returns where a table row's text starts: after the first gap of two spaces; else 0. */
  private static int hangingIndent(String line) {
    int lead = 0;
    while (lead < line.length() && line.charAt(lead) == ' ') {
      lead++;
    }
    if (lead == 0) {
      return 0;
    }
    int gap = line.indexOf("  ", lead);
    if (gap < 0) {
      return lead;
    }
    int text = gap;
    while (text < line.length() && line.charAt(text) == ' ') {
      text++;
    }
    return text;
  }
}
