package dev.toolstream.testkit;

/** The line terminator of streamed events; SSE readers must accept all three. */
public enum LineEnding {
  /** {@code \n}, as the Messages API sends. */
  LF("\n"),
  /** {@code \r\n}, as some proxies rewrite streams. */
  CRLF("\r\n"),
  /** {@code \r} alone, which the SSE specification also allows. */
  CR("\r");

  private final String chars;

  LineEnding(String chars) {
    this.chars = chars;
  }

  /**
   * Returns the terminator as the server writes it.
   *
   * @return {@code "\n"}, {@code "\r\n"} or {@code "\r"}
   */
  public String chars() {
    return chars;
  }
}
