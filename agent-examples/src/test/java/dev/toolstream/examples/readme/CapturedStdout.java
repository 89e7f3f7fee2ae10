package dev.toolstream.examples.readme;

import dev.toolstream.client.MessagesClient;
import dev.toolstream.testkit.ScriptedClaude;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What the README's snippets print on {@code System.out} during a test, restored after it; a test
 * class using it holds {@code @ResourceLock(Resources.SYSTEM_OUT)}.
 */
final class CapturedStdout implements BeforeEachCallback, AfterEachCallback {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private PrintStream original = System.out;

  @Override
  public void beforeEach(ExtensionContext context) {
    original = System.out;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
  }

  @Override
  public void afterEach(ExtensionContext context) {
    System.setOut(original);
  }

  /** Returns what was printed since the test began or since {@link #reset()}. */
  String printed() {
    return out.toString(StandardCharsets.UTF_8);
  }

  /** Forgets what was printed so far. */
  void reset() {
    out.reset();
  }

  /** Returns a client of the scripted Claude, as the snippets' {@code client} is. */
  static MessagesClient client(ScriptedClaude claude) {
    return MessagesClient.builder().baseUrl(claude.baseUrl()).apiKey("test-key").build();
  }
}
