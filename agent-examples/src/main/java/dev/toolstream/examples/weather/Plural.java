package dev.toolstream.examples.weather;

/** Counts of things in words: "1 turn", "2 turns", "0 output tokens". */
final class Plural {
  private Plural() {}

  /** Returns {@code count} and {@code noun}, with an "s" unless the count is one. */
  static String of(long count, String noun) {
    return count + " " + noun + (count == 1 ? "" : "s");
  }
}
