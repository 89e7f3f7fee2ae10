package dev.toolstream.examples.weather;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The command line's common case read without picocli: words of the question and the flags that
 * take no value. Picocli reads its options by reflection over {@link WeatherAgent}'s annotations,
 * which loads some 300 classes and is a sixth of a plain run's start-up; a question and a few
 * flags need none of it. Anything else (an option with a value, {@code --help}, {@code --}, an
 * {@code @file}, a word starting with a dash, a flag given twice) is left to picocli, so that
 * every error message and the help stay picocli's. {@code QuickArgsTest} checks that both read
 * every command line this class accepts the same way.
 */
final class QuickArgs {
  /** The options that take no value and may come once each; help is left to picocli. */
  private static final Set<String> FLAGS =
      Set.of("--web-search", "--verbose", "--serve", "--mcp", "--offline");

  private final Set<String> matched;

  private QuickArgs(Set<String> matched) {
    this.matched = matched;
  }

  /**
   * Reads {@code args} into {@code options} if they hold only words of the question and flags,
   * each once; returns null, leaving {@code options} untouched, for anything else.
   */
  static QuickArgs read(String[] args, WeatherAgent options) {
    Set<String> flags = new HashSet<>();
    List<String> words = new ArrayList<>();
    for (String arg : args) {
      if (FLAGS.contains(arg)) {
        if (!flags.add(arg)) {
          return null; // Picocli says it may be given once.
        }
      } else if (arg.startsWith("-") || arg.startsWith("@")) {
        return null; // An option, "--", a negative number or an argument file: picocli's.
      } else {
        words.add(arg);
      }
    }
    options.webSearch = flags.contains("--web-search");
    options.verbose = flags.contains("--verbose");
    options.serve = flags.contains("--serve");
    options.mcp = flags.contains("--mcp");
    options.offline = flags.contains("--offline");
    options.prompt = words;
    return new QuickArgs(flags);
  }

  /** Tells whether the command line named the option {@code name}, as picocli's parse does. */
  boolean hasMatchedOption(String name) {
    return matched.contains(name);
  }
}
