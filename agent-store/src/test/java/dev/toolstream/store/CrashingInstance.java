package dev.toolstream.store;

import dev.toolstream.agent.Agent;
import dev.toolstream.agent.ToolOutput;
import dev.toolstream.agent.ToolSpec;
import dev.toolstream.client.MessagesClient;
import dev.toolstream.internal.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CountDownLatch;

/**
 * The instance {@link CrashTest} kills: a JVM of its own that runs one durable run on the shared
 * database, whose second tool call blocks until the process dies.
 *
 * <p>Arguments: the database URL, the scripted Claude's base URL, the side-effects file. Each tool
 * appends a line to that file as its effect; {@code book_room} then prints {@value #BLOCKING} and
 * waits forever.
 */
public final class CrashingInstance {
  static final String BLOCKING = "book_room is running";

  private CrashingInstance() {}

  /**
   * Runs the durable run.
   *
   * @param args the database URL, the Claude base URL, the side-effects file
   */
  public static void main(String[] args) throws InterruptedException {
    Path effects = Path.of(args[2]);
    CountDownLatch never = new CountDownLatch(1);
    Agent agent =
        Agent.builder()
            .client(MessagesClient.builder().apiKey("sk-test").baseUrl(args[1]).maxRetries(0).build())
            .model("claude-sonnet-4-6")
            .maxTokens(1024)
            .tool(sideEffect("send_mail", effects, () -> {}))
            .tool(
                sideEffect(
                    "book_room",
                    effects,
                    () -> {
                      System.out.println(BLOCKING);
                      System.out.flush();
                      never.await();
                    }))
            .build();
    try (JdbcRunStore store = JdbcRunStore.open(args[0]);
        DurableAgent durable = DurableAgent.builder(agent, store).owner("crashing").build()) {
      durable.start("Mail the team, then book a room");
    }
  }

  /** A tool whose effect is a line in the file, then whatever {@code after} does. */
  static ToolSpec sideEffect(String name, Path effects, Blocking after) {
    return ToolSpec.builder(name)
        .description("Has an effect in the world.")
        .inputSchema(Json.parse("{\"type\":\"object\"}"))
        .handler(
            (input, context) -> {
              append(effects, name);
              after.run();
              return ToolOutput.text(name + " done");
            })
        .build();
  }

  static synchronized void append(Path effects, String line) {
    try {
      Files.writeString(
          effects, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What a tool does after its effect. */
  interface Blocking {
    void run() throws InterruptedException;
  }
}
