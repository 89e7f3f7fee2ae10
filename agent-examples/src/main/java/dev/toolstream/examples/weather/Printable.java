package dev.toolstream.examples.weather;

/**
 * Makes text from outside (the model's, a tool's, a web page's) safe to print to a terminal: every
 * control character but a newline and a tab is shown, not obeyed. C0 controls become their
 * Unicode control pictures ({@code ESC} is {@code ␛}), {@code DEL} becomes {@code ␡}, the C1
 * controls (which some terminals read as {@code ESC [} and the like) become {@code �}, and a
 * carriage return is dropped, so that {@code \r\n} ends a line and a lone one cannot move back
 * over text already shown. Otherwise an escape sequence could clear the screen, rewrite a line,
 * retitle the window or write to the clipboard.
 */
final class Printable {
  private Printable() {}

  /** Returns {@code text} with its control characters made visible; itself when it has none. */
  static String of(String text) {
    int first = 0;
    while (first < text.length() && !control(text.charAt(first))) {
      first++;
    }
    if (first == text.length()) {
      return text;
    }
    StringBuilder shown = new StringBuilder(text.length()).append(text, 0, first);
    for (int i = first; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!control(c)) {
        shown.append(c);
      } else if (c < 0x20) {
        if (c != '\r') {
          shown.append((char) (0x2400 + c));
        }
      } else {
        shown.append(c == 0x7f ? '\u2421' : '\ufffd');
      }
    }
    return shown.toString();
  }

  private static boolean control(char c) {
    return (c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7f && c <= 0x9f);
  }
}
