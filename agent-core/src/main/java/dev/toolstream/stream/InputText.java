package dev.toolstream.stream;

import java.util.Arrays;

/**
 * A tool call's input text as it streams: append-only, never cleared or reused. Characters once
 * written are never written again, and an array outgrown is left as it was, so the first {@code
 * n} characters of the array {@link #array()} returns stay what they are for good. That is what
 * lets every {@link ToolInputDelta} keep a view of the input so far without copying it.
 * Not thread-safe to append; a view handed out is safe to read from any thread.
 */
final class InputText implements CharSequence {
  private char[] chars;
  private int length;

  InputText(int capacity) {
    this.chars = new char[Math.max(16, capacity)];
  }

  /** Appends {@code piece}, moving to a larger array (and leaving the old one as it is) if full. */
  void append(String piece) {
    int needed = length + piece.length();
    if (needed > chars.length) {
      chars = Arrays.copyOf(chars, Math.max(needed, chars.length * 2));
    }
    piece.getChars(0, piece.length(), chars, length);
    length = needed;
  }

  /** Returns the array holding the text; its first {@link #length()} characters are the text. */
  char[] array() {
    return chars;
  }

  /** Tells whether the text is empty or only whitespace, as {@link String#isBlank()} does. */
  boolean isBlank() {
    for (int i = 0; i < length; i++) {
      if (!Character.isWhitespace(chars[i])) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int length() {
    return length;
  }

  @Override
  public char charAt(int index) {
    if (index < 0 || index >= length) {
      throw new IndexOutOfBoundsException(index);
    }
    return chars[index];
  }

  @Override
  public CharSequence subSequence(int start, int end) {
    return toString().substring(start, end);
  }

  @Override
  public String toString() {
    return new String(chars, 0, length);
  }
}
