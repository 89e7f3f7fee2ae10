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
 * held until its line ends (or the stream is closed), so a key printed in pieces is still blanked
 * out: a flush does not split a line, as a {@link PrintStream} flushes after every print.
 * Not thread-safe on its own; the {@link PrintStream} around it locks.
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
      emit();
    }
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    for (int i = offset; i < offset + length; i++) {
      write(bytes[i]);
    }
  }

  /** Flushes the lines written so far; an unfinished line waits for its end. */
  @Override
  public void flush() throws IOException {
    out.flush();
  }

  /** Writes the unfinished line, if any, and leaves the underlying stream open: it is the caller's. */
  @Override
  public void close() throws IOException {
    emit();
    out.flush();
  }

  /** Writes the held text with the secrets blanked out; it ends a line, or the stream. */
  private void emit() throws IOException {
    if (line.size() > 0) {
      String text = line.toString(StandardCharsets.UTF_8);
      out.write(secrets.redact(text).getBytes(StandardCharsets.UTF_8));
      line.reset();
    }
  }
}
