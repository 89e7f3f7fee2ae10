package dev.toolstream.stream;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The recorded streams in src/test/resources/fixtures, copied from the project's shared fixtures. */
public final class Fixtures {
  /** Every fixture file name. */
  public static final List<String> ALL =
      List.of(
          "text.sse",
          "tool_use.sse",
          "parallel_tools.sse",
          "empty_tool_input.sse",
          "max_tokens.sse",
          "error_midstream.sse",
          "thinking_tool_use.sse",
          "crlf_unknown_events.sse");

  private Fixtures() {}

  /** Returns the bytes of fixture {@code name}. */
  public static byte[] bytes(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns fixture {@code name} as text. */
  public static String text(String name) {
    return new String(bytes(name), StandardCharsets.UTF_8);
  }
}
