package dev.toolstream.stream;

import java.util.Arrays;

/**
 * A tool call's input text as it streams: the fragments themselves, kept in arrival order, never
 * copied into one growing array. A fragment is the string its event already holds, so keeping the
 * input costs a reference per fragment, whatever the input's size, and the input is read once, by
 * its one parse (copied out through {@link #toCharArray()}), or joined when asked for as text.
 *
 * <p>Append-only, never cleared or reused: a fragment once stored is never replaced, and an array
 * outgrown is left as it was, so the first {@code n} fragments of the array {@link #pieces()}
 * returns stay what they are for good. That is what lets every {@link ToolInputDelta} keep a view
 * of the input so far without copying it. Not thread-safe to append; a view handed out is safe to
 * read from any thread.
 */
final class InputText implements CharSequence {
  private String[] pieces = new String[16];
  private int count;
  private int length;

  /** Appends {@code piece}, moving to a larger array (and leaving the old one as it is) if full. */
  void append(String piece) {
    if (piece.isEmpty()) {
      return;
    }
    if (count == pieces.length) {
      pieces = Arrays.copyOf(pieces, 2 * count);
    }
    pieces[count++] = piece;
    length += piece.length();
  }

  /** Returns the array holding the fragments; its first {@link #count()} are the text. */
  String[] pieces() {
    return pieces;
  }

  /** Returns how many fragments hold the text. */
  int count() {
    return count;
  }

  /** Tells whether the text is empty or only whitespace, as {@link String#isBlank()} does. */
  boolean isBlank() {
    for (int i = 0; i < count; i++) {
      if (!pieces[i].isBlank()) {
        return false;
      }
    }
    return true;
  }

  /** Returns the text as a new array of exactly {@link #length()} characters, for its one parse. */
  char[] toCharArray() {
    char[] chars = new char[length];
    int at = 0;
    for (int i = 0; i < count; i++) {
      String piece = pieces[i];
      piece.getChars(0, piece.length(), chars, at);
      at += piece.length();
    }
    return chars;
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
    for (int i = 0; ; i++) {
      if (index < pieces[i].length()) {
        return pieces[i].charAt(index);
      }
      index -= pieces[i].length();
    }
  }

  @Override
  public CharSequence subSequence(int start, int end) {
    return toString().substring(start, end);
  }

  @Override
  public String toString() {
    return join(pieces, count, length);
  }

  /** Joins the first {@code count} of {@code pieces}, {@code length} characters in all. */
  static String join(String[] pieces, int count, int length) {
    if (count == 1) {
      return pieces[0];
    }
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < count; i++) {
      text.append(pieces[i]);
    }
    return text.toString();
  }
}
