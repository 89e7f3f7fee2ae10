package dev.toolstream.bench;

import dev.toolstream.testkit.ScriptedClaude;
import java.io.IOException;

/**
 * The test kit's scripted Claude in a process of its own, playing {@link NoopAgent#SCRIPT} (a tool
 * call, then the tool's result as the answer), its connections on virtual threads (on Java 17,
 * platform threads, one per connection while it lasts): {@link ConcurrentRuns} and {@link
 * RelayStreams} talk to it as it would to the API, so that its own JVM holds only the client
 * side of each connection. Prints its base URL on the first line of stdout and serves until stdin
 * closes.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.toolstream.bench.ScriptedServer}.
 */
public final class ScriptedServer {
  private ScriptedServer() {}

  /** Serves until stdin closes. */
  public static void main(String[] args) throws IOException {
    ScriptedClaude.Builder builder = ScriptedClaude.builder().script(NoopAgent.SCRIPT);
    if (VirtualThreads.available()) {
      builder.threadFactory(VirtualThreads.factory("scripted-"));
    }
    try (ScriptedClaude claude = builder.build().start()) {
      System.out.println(claude.baseUrl());
      System.out.flush();
      System.in.transferTo(java.io.OutputStream.nullOutputStream());
    }
  }
}
