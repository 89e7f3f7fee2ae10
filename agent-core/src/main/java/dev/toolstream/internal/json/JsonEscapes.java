package dev.toolstream.internal.json;

/**
 * The escapes of a JSON string (RFC 8259, section 7), for the scanners that read strings without a
 * parser. Only ASCII letters and digits count: a full-width digit is not a hex digit here, as it is
 * not in JSON.
 */
public final class JsonEscapes {
  private JsonEscapes() {}

  /**
   * Returns the character the short escape letter {@code letter} stands for ({@code \" \\ \/ \b \f
   * \n \r \t}), or 0 if it is not one; {@code \\u} is the caller's to read.
   */
  public static char unescape(int letter) {
    switch (letter) {
      case '"':
        return '"';
      case '\\':
        return '\\';
      case '/':
        return '/';
      case 'b':
        return '\b';
      case 'f':
        return '\f';
      case 'n':
        return '\n';
      case 'r':
        return '\r';
      case 't':
        return '\t';
      default:
        return 0;
    }
  }

  /** Returns the value of the ASCII hex digit {@code c}, or -1 if it is not one. */
  public static int hexDigit(int c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    } else if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    } else if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }
}
