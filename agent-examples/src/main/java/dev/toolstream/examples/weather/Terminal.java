package dev.toolstream.examples.weather;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * Which of the process's standard streams are terminals, and how wide the terminal is: each
 * stream is asked on its own, so {@code weather-agent 2>log} keeps colour on stdout and writes
 * none into the log. The command line takes one as a seam; tests pass {@link #of} or {@link #NONE}
 * rather than a real terminal.
 */
final class Terminal {
  /** No stream is a terminal; the width is unknown. */
  static final Terminal NONE = of(false, false, false, 0);

  private static final Path FDS = Path.of("/proc/self/fd");

  private final boolean stdin;
  private final boolean stdout;
  private final boolean stderr;
  private final IntSupplier width;

  private Terminal(boolean stdin, boolean stdout, boolean stderr, IntSupplier width) {
    this.stdin = stdin;
    this.stdout = stdout;
    this.stderr = stderr;
    this.width = width;
  }

  /** Returns a terminal as given: which streams are terminals, and its width (0 if unknown). */
  static Terminal of(boolean stdin, boolean stdout, boolean stderr, int width) {
    return new Terminal(stdin, stdout, stderr, () -> width);
  }

  /**
   * Returns the process's own: on Linux from {@code /proc/self/fd}, elsewhere from the shell's
   * {@code test -t}; the width is asked of {@code stty} only when {@link #width} is first called.
   */
  static Terminal system() {
    boolean out = isTerminal(1);
    return new Terminal(isTerminal(0), out, isTerminal(2), out ? Terminal::sttyColumns : () -> 0);
  }

  /** Tells whether stdin is a terminal, where a person types. */
  boolean stdin() {
    return stdin;
  }

  /** Tells whether stdout is a terminal. */
  boolean stdout() {
    return stdout;
  }

  /** Tells whether stderr is a terminal. */
  boolean stderr() {
    return stderr;
  }

  /** Returns the terminal's width in columns, or 0 if stdout is no terminal or it cannot tell. */
  int width() {
    return width.getAsInt();
  }

  private static boolean isTerminal(int fd) {
    if (Files.isDirectory(FDS)) {
      try {
        String target = Files.readSymbolicLink(FDS.resolve(String.valueOf(fd))).toString();
        return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty")
            || target.equals("/dev/console");
      } catch (IOException | UnsupportedOperationException e) {
        return false;
      }
    }
    ProcessBuilder test = new ProcessBuilder("sh", "-c", "[ -t " + fd + " ]");
    switch (fd) {
      case 0 -> test.redirectInput(ProcessBuilder.Redirect.INHERIT);
      case 1 -> test.redirectOutput(ProcessBuilder.Redirect.INHERIT);
      default -> test.redirectError(ProcessBuilder.Redirect.INHERIT);
    }
    try {
      Process process = test.start();
      return process.waitFor(2, TimeUnit.SECONDS) && process.exitValue() == 0;
    } catch (IOException e) {
      return System.console() != null; // No shell: stdin and stdout are the console, or not.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Returns the columns {@code stty size} reports for the controlling terminal, or 0. */
  private static int sttyColumns() {
    try {
      Process stty =
          new ProcessBuilder("stty", "size")
              .redirectInput(new File("/dev/tty"))
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      String size = new String(stty.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
      if (!stty.waitFor(2, TimeUnit.SECONDS) || stty.exitValue() != 0) {
        return 0;
      }
      String[] rowsAndColumns = size.strip().split("\\s+");
      return rowsAndColumns.length == 2 ? Integer.parseInt(rowsAndColumns[1]) : 0;
    } catch (IOException | NumberFormatException e) {
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
  }
}
