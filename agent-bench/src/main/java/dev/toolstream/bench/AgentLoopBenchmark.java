package dev.toolstream.bench;

import dev.toolstream.agent.Agent;
import dev.toolstream.agent.AgentResult;
import dev.toolstream.client.MessagesClient;
import dev.toolstream.messages.ContentBlock;
import dev.toolstream.messages.Message;
import dev.toolstream.messages.MessageParam;
import dev.toolstream.messages.MessageRequest;
import dev.toolstream.stream.MessageStream;
import dev.toolstream.testkit.ScriptedClaude;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The agent loop's own cost per turn, against the test kit: a run of two turns (one no-op tool
 * call, then the final text) through {@link Agent}, and the same two requests streamed directly
 * with {@link MessagesClient}. Half their difference is the loop's overhead per turn: history,
 * schema validation, dispatch, the tool result message.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class AgentLoopBenchmark {
  private ScriptedClaude claude;
  private OkHttpClient http;
  private MessagesClient client;
  private Agent agent;
  private MessageRequest first;

  /** Starts the test kit and builds the agent and the client. */
  @Setup(Level.Trial)
  public void setUp() {
    claude = ScriptedClaude.start(NoopAgent.SCRIPT);
    http = new OkHttpClient();
    client = NoopAgent.client(claude.baseUrl(), http);
    agent = NoopAgent.agent(client);
    first =
        MessageRequest.builder()
            .model("claude-sonnet-4-6")
            .maxTokens(1024)
            .addUserMessage("What's the weather in Tokyo?")
            .addTool(NoopAgent.NOOP.definition())
            .build();
    AgentResult result = agent.run("What's the weather in Tokyo?");
    if (result.turns() != 2 || !result.text().equals("ok")) {
      throw new IllegalStateException("the scripted run did not take two turns ending in ok");
    }
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

  /** The same two exchanges without the loop: stream, then send the tool result by hand. */
  @Benchmark
  public Message twoStreams() {
    Message call;
    try (MessageStream stream = client.stream(first)) {
      call = stream.finalMessage();
    }
    ContentBlock.ToolUse use = (ContentBlock.ToolUse) call.content().get(1);
    MessageRequest second =
        first.toBuilder()
            .addMessage(MessageParam.assistant(call.content()))
            .addMessage(
                MessageParam.user(List.of(ContentBlock.ToolResult.text(use.id(), "ok", false))))
            .build();
    try (MessageStream stream = client.stream(second)) {
      return stream.finalMessage();
    }
  }
}
