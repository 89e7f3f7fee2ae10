package dev.toolstream.examples.weather;

import dev.toolstream.internal.http.Secrets;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Blanks the API key and token out of everything the command line prints to stderr: a last line
 * of defence behind the library's own rule that no exception or log line carries them. Text is
 * held until a line ends or the stream is flushed, so a key is never split across two writes of a
 * line. Not thread-safe on its own; the {@link PrintStream} around it locks.
 */
final class RedactingOutputStream extends FilterOutputStream {
  private final Secrets secrets;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();

  private RedactingOutputStream(OutputStream out, Secrets secrets) {
    super(out);
    this.secrets = secrets;
  }

  /** Returns a UTF-8 print stream that writes to {@code out} with {@code secrets} blanked out. */
  static PrintStream wrap(PrintStream out, Secrets secrets) {
    return new PrintStream(new RedactingOutputStream(out, secrets), true, StandardCharsets.UTF_8);
  }

  @Override
  public void write(int b) throws IOException {
    line.write(b);
    if (b == '\n') {
      emit(line.size());
    }
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    for (int i = offset; i < offset + length; i++) {
      write(bytes[i]);
    }
  }

  /** Writes what is held, except the bytes of a character cut in two by the flush. */
  @Override
  public void flush() throws IOException {
    emit(completeCharacters());
    out.flush();
  }

  @Override
  public void close() throws IOException {
    emit(line.size());
    out.flush(); // The stream is the caller's: it stays open.
  }

  private void emit(int length) throws IOException {
    if (length == 0) {
      return;
    }
    byte[] held = line.toByteArray();
    String text = new String(held, 0, length, StandardCharsets.UTF_8);
    out.write(secrets.redact(text).getBytes(StandardCharsets.UTF_8));
    line.reset();
    line.write(held, length, held.length - length);
  }

  /** Returns how many held bytes end on a character boundary of UTF-8. */
  private int completeCharacters() {
    byte[] held = line.toByteArray();
    int end = held.length;
    int start = end;
    while (start > 0 && end - start < 4 && (held[start - 1] & 0xC0) == 0x80) {
      start--; // Back over continuation bytes to the lead byte.
    }
    if (start == 0 || (held[start - 1] & 0x80) == 0) {
      return end; // All ASCII at the end, or only continuation bytes: nothing to hold back.
    }
    int lead = held[start - 1] & 0xFF;
    int needed = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    return end - (start - 1) >= needed ? end : start - 1;
  }
}
