package dev.toolstream.bench;

import dev.toolstream.testkit.ScriptedClaude;
import java.io.IOException;

/**
 * The test kit's scripted Claude in a process of its own, playing {@link NoopAgent#SCRIPT} (a tool
 * call, then the tool's result as the answer), its connections on virtual threads: {@link
 * ConcurrentRuns} talks to it as it would to the API, so that its own JVM holds only the client
 * side of each connection. Prints its base URL on the first line of stdout and serves until stdin
 * closes.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.toolstream.bench.ScriptedServer} on Java 21 or
 * newer.
 */
public final class ScriptedServer {
  private ScriptedServer() {}

  /** Serves until stdin closes. */
  public static void main(String[] args) throws IOException {
    try (ScriptedClaude claude =
        ScriptedClaude.builder()
            .script(NoopAgent.SCRIPT)
            .threadFactory(VirtualThreads.factory("scripted-"))
            .build()
            .start()) {
      System.out.println(claude.baseUrl());
      System.out.flush();
      System.in.transferTo(java.io.OutputStream.nullOutputStream());
    }
  }
}
