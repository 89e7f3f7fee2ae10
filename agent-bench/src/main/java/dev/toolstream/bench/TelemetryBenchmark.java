package dev.toolstream.bench;

import dev.toolstream.agent.Agent;
import dev.toolstream.agent.AgentObserver;
import dev.toolstream.agent.AgentResult;
import dev.toolstream.agent.ToolExecution;
import dev.toolstream.client.MessagesClient;
import dev.toolstream.messages.ContentBlock;
import dev.toolstream.messages.Message;
import dev.toolstream.messages.MessageRequest;
import dev.toolstream.otel.AgentTelemetry;
import dev.toolstream.testkit.ScriptedClaude;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Duration;
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

/**
 * What telemetry costs when no OpenTelemetry SDK is configured. {@code agentRun}: the agent-loop
 * benchmark's run (two turns, one no-op tool call, over loopback) with no observer ({@code none})
 * and with {@link AgentTelemetry} on {@link OpenTelemetry#noop()} ({@code noop}), the state of an
 * application that adds agent-otel but no SDK. {@code observations}: the observer's calls of such a
 * run alone, in memory, to show the cost the run's noise hides.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class TelemetryBenchmark {
  /** Which observer the agent reports to. */
  @Param({"none", "noop"})
  public String observer;

  private ScriptedClaude claude;
  private OkHttpClient http;
  private Agent agent;
  private AgentObserver observing;
  private MessageRequest request;
  private Message reply;
  private AgentResult done;
  private ContentBlock.ToolUse call;
  private ToolExecution execution;

  /** Starts the test kit and builds the agent with the chosen observer. */
  @Setup(Level.Trial)
  public void setUp() {
    observing =
        observer.equals("none") ? AgentObserver.NONE : AgentTelemetry.create(OpenTelemetry.noop());
    claude = ScriptedClaude.start(NoopAgent.SCRIPT);
    http = new OkHttpClient();
    MessagesClient client = NoopAgent.client(claude.baseUrl(), http);
    agent = NoopAgent.agent(client).newBuilder().observer(observing).build();
    AgentResult result = agent.run("What's the weather in Tokyo?");
    if (result.turns() != 2 || !result.text().equals("ok")) {
      throw new IllegalStateException("the scripted run did not take two turns ending in ok");
    }
    request =
        MessageRequest.builder()
            .model("claude-sonnet-4-6")
            .maxTokens(1024)
            .addUserMessage("What's the weather in Tokyo?")
            .build();
    reply = result.finalMessage();
    done = result;
    call = (ContentBlock.ToolUse) result.history().get(1).content().get(1);
    execution =
        new ToolExecution(
            call, ContentBlock.ToolResult.text(call.id(), "ok", false), Duration.ZERO);
  }

  /** Stops the test kit and the client's connections. */
  @TearDown(Level.Trial)
  public void tearDown() {
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
    claude.close();
  }

  /** One agent run: two turns and one no-op tool call. */
  @Benchmark
  public AgentResult agentRun() {
    return agent.run("What's the weather in Tokyo?");
  }

  /** The observer's calls for such a run: two model calls and a tool call, each entered. */
  @Benchmark
  public Object observations() {
    AgentObserver.Run run = observing.runStarted("0", request, "http://127.0.0.1:1/");
    try (AgentObserver.Scope entered = run.enter()) {
      for (int turn = 1; turn <= 2; turn++) {
        AgentObserver.ModelCall model = run.modelCallStarted(turn, request);
        try (AgentObserver.Scope inModel = model.enter()) {
          model.firstChunk();
        }
        model.ended(reply, null);
      }
      AgentObserver.ToolCall tool = run.toolCallStarted(1, call, NoopAgent.NOOP);
      try (AgentObserver.Scope inTool = tool.enter()) {
        tool.ended(execution, AgentObserver.ToolOutcome.SUCCEEDED, null);
      }
    }
    run.ended(done, null);
    return run;
  }
}
