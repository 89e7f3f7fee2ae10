package dev.toolstream.bench;

import dev.toolstream.agent.Agent;
import dev.toolstream.agent.AgentResult;
import dev.toolstream.messages.ContentBlock;
import dev.toolstream.messages.Message;
import dev.toolstream.messages.MessageParam;
import dev.toolstream.messages.StopReason;
import dev.toolstream.messages.Usage;
import dev.toolstream.store.DurableAgent;
import dev.toolstream.store.JdbcRunStore;
import dev.toolstream.store.PostgresServer;
import dev.toolstream.store.RunStep;
import dev.toolstream.store.RunStore;
import dev.toolstream.testkit.ScriptedClaude;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.json.JsonMapper;

/**
 * What durability costs, on an H2 file and on PostgreSQL (the real server, on loopback, started
 * from the Maven Central binaries as agent-store's tests start it; fsync off, as in tests).
 *
 * <ul>
 *   <li>{@code turnCheckpoint}: saving one complete assistant turn (a sentence and one tool call),
 *       the checkpoint taken before its tools run.
 *   <li>{@code toolCallCheckpoints}: the two checkpoints of one tool call, its start and its
 *       result.
 *   <li>{@code durableRun} against {@code plainRun}: the agent-loop benchmark's run (two turns, one
 *       no-op tool call, over loopback) through {@link DurableAgent} and through {@link Agent}
 *       alone. Their difference is a whole run's checkpoints: the run's creation, two turns, the
 *       call's start and result, and its end.
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class CheckpointBenchmark {
  private static final String OWNER = "bench";

  /** Which database keeps the runs. */
  @Param({"h2", "postgresql"})
  public String database;

  private Path directory;
  private RunStore store;
  private String runId;
  private Message turn;
  private ContentBlock.ToolResult result;
  private int turns;

  private ScriptedClaude claude;
  private OkHttpClient http;
  private Agent agent;
  private DurableAgent durable;

  /** Opens the store, creates the run the checkpoints go to, and starts the test kit. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    directory = Files.createTempDirectory("toolstream-checkpoints");
    store =
        database.equals("h2")
            ? JdbcRunStore.h2(directory.resolve("runs"))
            : JdbcRunStore.open(PostgresServer.newDatabase().url());
    runId = "run_bench";
    store.create(
        runId,
        null,
        0,
        List.of(MessageParam.user("What's the weather in Tokyo?")),
        OWNER,
        Duration.ofHours(1));
    ContentBlock.ToolUse call =
        new ContentBlock.ToolUse(
            "toolu_01A09q90qw90lq917835lq9",
            "get_weather",
            JsonMapper.builder().build().readTree("{\"city\":\"Tokyo\",\"unit\":\"celsius\"}"),
            null);
    turn =
        new Message(
            "msg_01XFDUDYJgAACzvnptvVoYEL",
            "claude-sonnet-4-6",
            List.of(ContentBlock.text("Let me check the weather in Tokyo for you."), call),
            StopReason.TOOL_USE,
            null,
            null,
            new Usage(412, 64, 0, 0),
            Map.of());
    result =
        new ContentBlock.ToolResult(
            call.id(),
            List.of(ContentBlock.text("{\"temperature\":18.4,\"conditions\":\"partly cloudy\"}")),
            false,
            null,
            Map.of());

    claude = ScriptedClaude.start(NoopAgent.SCRIPT);
    http = new OkHttpClient();
    agent = NoopAgent.agent(NoopAgent.client(claude.baseUrl(), http));
    durable = DurableAgent.builder(agent, store).owner(OWNER).build();
    if (!durable.start("What's the weather in Tokyo?").text().equals("ok")) {
      throw new IllegalStateException("the durable run did not end with the tool's answer");
    }
  }

  /** Stops the test kit and closes the store. */
  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    durable.close();
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
    claude.close();
    store.close();
    try (var files = Files.walk(directory)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(CheckpointBenchmark::delete);
    }
  }

  /** The checkpoint of a complete assistant turn, taken before its tools run. */
  @Benchmark
  public void turnCheckpoint() {
    store.append(runId, OWNER, new RunStep.Turn(++turns, turn));
  }

  /** The two checkpoints of a tool call: it started, and its result. */
  @Benchmark
  public void toolCallCheckpoints() {
    store.append(runId, OWNER, new RunStep.ToolStarted(result.toolUseId()));
    store.append(runId, OWNER, new RunStep.ToolCompleted(result));
  }

  /** A whole run (two turns, one tool call) with every step saved. */
  @Benchmark
  public AgentResult durableRun() {
    return durable.start("What's the weather in Tokyo?").result();
  }

  /** The same run without a store. */
  @Benchmark
  public AgentResult plainRun() {
    return agent.run("What's the weather in Tokyo?");
  }

  private static void delete(Path path) {
    try {
      Files.delete(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
