package dev.toolstream.examples.weather;

import dev.toolstream.messages.Usage;
import java.util.ArrayList;
import java.util.List;

/** The line the command line prints on stderr after a run: what it cost. */
final class UsageLine {
  private UsageLine() {}

  /**
   * Returns the run's usage in a line, with the prompt cache's part of the input when it had one:
   * {@code usage: 2400 input tokens (1800 read from cache, 500 written to cache), 52 output tokens
   * over 2 turns}.
   */
  static String of(Usage usage, int turns) {
    StringBuilder line =
        new StringBuilder("usage: ").append(Plural.of(usage.totalInputTokens(), "input token"));
    List<String> cache = new ArrayList<>();
    if (usage.cacheReadInputTokens() > 0) {
      cache.add(usage.cacheReadInputTokens() + " read from cache");
    }
    if (usage.cacheCreationInputTokens() > 0) {
      Usage.CacheCreation split = usage.cacheCreation();
      long oneHour = split == null ? 0 : split.ephemeral1hInputTokens();
      cache.add(
          usage.cacheCreationInputTokens()
              + " written to cache"
              + (oneHour > 0 ? ", " + oneHour + " of them for 1h" : ""));
    }
    if (!cache.isEmpty()) {
      line.append(" (").append(String.join(", ", cache)).append(')');
    }
    return line.append(", ")
        .append(Plural.of(usage.outputTokens(), "output token"))
        .append(" over ")
        .append(Plural.of(turns, "turn"))
        .toString();
  }

  /** Tells whether {@code usage} counts any token, so that a line about it says something. */
  static boolean anyTokens(Usage usage) {
    return usage.totalInputTokens() > 0 || usage.outputTokens() > 0;
  }
}
