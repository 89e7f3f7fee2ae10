package dev.toolstream.internal.http;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Keeps API keys and tokens out of sight: trims what a copy-paste leaves around them, rejects one
 * that cannot be an HTTP header value with a message that names the character but never shows the
 * secret, and blanks a known secret out of text before it is shown (a last line of defence for
 * error bodies that echo what was sent).
 */
public final class Secrets {
  /** What a secret is replaced with in redacted text. */
  public static final String REDACTED = "[redacted]";

  /** Pieces of a secret shorter than this are too common to blank out of text. */
  private static final int MIN_FRAGMENT = 8;

  private final List<String> fragments;

  private Secrets(List<String> fragments) {
    this.fragments = List.copyOf(fragments);
  }

  /**
   * Returns a redactor for {@code secrets}: each whole, trimmed, and every run of at least 8
   * characters between the characters no header can hold, so that a key cut at a newline is
   * still hidden. Null secrets are skipped, and so are those under 8 characters, which are no
   * real key and would blank out ordinary words.
   */
  public static Secrets of(List<? extends @Nullable String> secrets) {
    List<String> fragments = new ArrayList<>();
    for (String secret : secrets) {
      if (secret == null || trim(secret).length() < MIN_FRAGMENT) {
        continue;
      }
      fragments.add(secret);
      fragments.add(trim(secret));
      StringBuilder piece = new StringBuilder();
      for (int i = 0; i <= secret.length(); i++) {
        char c = i < secret.length() ? secret.charAt(i) : '\n';
        if (c > ' ' && c < 0x7f) {
          piece.append(c);
        } else {
          if (piece.length() >= MIN_FRAGMENT) {
            fragments.add(piece.toString());
          }
          piece.setLength(0);
        }
      }
    }
    // Longest first, so that a whole key is replaced before a piece of it.
    fragments.sort(Comparator.comparingInt(String::length).reversed());
    return new Secrets(fragments.stream().distinct().toList());
  }

  /** Returns {@code text} with every known secret, or long piece of one, replaced by {@value #REDACTED}. */
  public String redact(String text) {
    String redacted = text;
    for (String fragment : fragments) {
      redacted = redacted.replace(fragment, REDACTED);
    }
    return redacted;
  }

  /**
   * Returns {@code value} without the whitespace and invisible characters a copy-paste leaves at
   * either end: every Unicode space (including the no-break spaces U+00A0, U+2007 and U+202F that
   * {@link String#strip()} keeps), line breaks, the byte-order mark U+FEFF and the zero-width
   * characters U+200B to U+200D and U+2060.
   */
  public static String trim(String value) {
    int start = 0;
    int end = value.length();
    while (start < end && isTrimmable(value.charAt(start))) {
      start++;
    }
    while (end > start && isTrimmable(value.charAt(end - 1))) {
      end--;
    }
    return value.substring(start, end);
  }

  /** Returns whether {@code value} is empty once {@link #trim trimmed}. */
  public static boolean isBlank(String value) {
    return trim(value).isEmpty();
  }

  /**
   * Checks that {@code value} can be sent as a header: printable ASCII (U+0021 to U+007E), no
   * spaces. Called {@code what} in the message, such as "the API key".
   *
   * @throws IllegalArgumentException naming the first bad character's kind, code point and
   *     position (counting from 1), never the value
   */
  public static String checkHeaderValue(String what, String value) {
    if (value.isEmpty()) {
      throw new IllegalArgumentException(what + " is empty; set it to the whole key");
    }
    for (int i = 0; i < value.length(); ) {
      int codePoint = value.codePointAt(i);
      if (codePoint <= ' ' || codePoint >= 0x7f) {
        int position = value.codePointCount(0, i) + 1;
        int length = value.codePointCount(0, value.length());
        throw new IllegalArgumentException(
            what + " has " + describe(codePoint) + " at position " + position + " of " + length
                + "; keys and tokens are printable ASCII without spaces: copy it again without"
                + " that character");
      }
      i += Character.charCount(codePoint);
    }
    return value;
  }

  /** Returns the kind, code point and name of a character, such as "a no-break space (U+00A0 …)". */
  static String describe(int codePoint) {
    String kind;
    if (codePoint == '\n' || codePoint == '\r') {
      kind = "a line break";
    } else if (codePoint == 0xFEFF) {
      kind = "a byte-order mark";
    } else if (Character.isISOControl(codePoint)) {
      kind = "a control character";
    } else if (codePoint == 0xA0 || codePoint == 0x2007 || codePoint == 0x202F) {
      kind = "a no-break space";
    } else if (Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint)) {
      kind = "a space";
    } else if (Character.getType(codePoint) == Character.FORMAT) {
      kind = "an invisible character";
    } else if (isQuote(codePoint)) {
      kind = "a typographic quote";
    } else {
      kind = "a non-ASCII character";
    }
    String name = Character.getName(codePoint);
    return kind
        + String.format(Locale.ROOT, " (U+%04X", codePoint)
        + (name == null ? "" : " " + name)
        + ")";
  }

  private static boolean isQuote(int codePoint) {
    int type = Character.getType(codePoint);
    return type == Character.INITIAL_QUOTE_PUNCTUATION
        || type == Character.FINAL_QUOTE_PUNCTUATION
        || (codePoint >= 0x2018 && codePoint <= 0x201F);
  }

  private static boolean isTrimmable(char c) {
    return Character.isWhitespace(c)
        || Character.isSpaceChar(c)
        || c == 0xFEFF
        || (c >= 0x200B && c <= 0x200D)
        || c == 0x2060;
  }
}
