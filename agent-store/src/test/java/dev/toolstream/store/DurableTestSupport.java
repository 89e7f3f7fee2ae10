package dev.toolstream.store;


import dev.toolstream.agent.Agent;
import dev.toolstream.agent.ToolOutput;
import dev.toolstream.agent.ToolSpec;
import dev.toolstream.client.MessagesClient;
import dev.toolstream.internal.json.Json;
import dev.toolstream.testkit.RecordedRequest;
import dev.toolstream.testkit.Reply;
import dev.toolstream.testkit.ScriptedClaude;
import dev.toolstream.testkit.Turn;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import tools.jackson.databind.JsonNode;
/**
 * A scripted Claude, a store on the subclass's database with a clock the test moves, and agents
 * whose tools count their calls: what the durable-run tests share.
 */
abstract class DurableTestSupport {
  static final Duration WAIT = Duration.ofSeconds(20);

  final MutableClock clock = new MutableClock();
  final Queue<Reply> replies = new ConcurrentLinkedQueue<>();
  final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
  final List<AutoCloseable> closing = new ArrayList<>();
  ScriptedClaude claude;
  JdbcRunStore store;

  /** Returns a builder on this test's database (tables of its own), with no clock set. */
  abstract JdbcRunStore.Builder database();

  @BeforeEach
  void start() {
    claude = ScriptedClaude.start(request -> replies.remove());
    store = database().clock(clock).build();
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable resource : closing) {
      resource.close();
    }
    store.close();
    claude.close();
  }

  ToolSpec tool(String name, boolean idempotent, boolean requiresApproval) {
    return ToolSpec.builder(name)
        .description("A test tool.")
        .inputSchema(Json.parse("{\"type\":\"object\"}"))
        .idempotent(idempotent)
        .requiresApproval(requiresApproval)
        .handler(
            (input, context) -> {
              calls.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
              return ToolOutput.text(name + " done");
            })
        .build();
  }

  int callsOf(String name) {
    AtomicInteger count = calls.get(name);
    return count == null ? 0 : count.get();
  }

  Agent.Builder agent(ToolSpec... tools) {
    return Agent.builder()
        .client(MessagesClient.builder().apiKey("sk-test").baseUrl(claude.baseUrl()).maxRetries(0).build())
        .model("claude-sonnet-4-6")
        .maxTokens(1024)
        .tools(List.of(tools));
  }

  DurableAgent durable(String owner, Agent agent) {
    return durable(owner, agent, store);
  }

  DurableAgent durable(String owner, Agent agent, RunStore runStore) {
    DurableAgent durable = DurableAgent.builder(agent, runStore).owner(owner).build();
    closing.add(durable);
    return durable;
  }

  /**
   * Returns {@code store} as a store that runs {@code meanwhile} once, just before its first
   * {@link RunStore#create}: what another instance does between the reads an agent makes before
   * it stores a run and that run's insert.
   */
  static RunStore beforeFirstCreate(RunStore store, Runnable meanwhile) {
    AtomicBoolean ran = new AtomicBoolean();
    return (RunStore)
        Proxy.newProxyInstance(
            RunStore.class.getClassLoader(),
            new Class<?>[] {RunStore.class},
            (proxy, method, args) -> {
              if (method.getName().equals("create") && ran.compareAndSet(false, true)) {
                meanwhile.run();
              }
              try {
                return method.invoke(store, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  static Turn calling(String... tools) {
    Turn.Builder turn = Turn.builder().text("On it.");
    for (String tool : tools) {
      turn.toolUse("toolu_" + tool, tool, "{}");
    }
    return turn.build();
  }

  /** Returns the tool results of the request the scripted Claude got {@code index}-th (from 0). */
  JsonNode resultsOfRequest(int index) {
    RecordedRequest request = claude.requests().get(index);
    List<JsonNode> messages = request.messages();
    return messages.get(messages.size() - 1).get("content");
  }

  static String resultText(JsonNode results, String toolUseId) {
    for (JsonNode result : results) {
      if (result.get("tool_use_id").asString().equals(toolUseId)) {
        JsonNode content = result.get("content");
        return (result.path("is_error").asBoolean() ? "error: " : "")
            + (content.isString() ? content.asString() : content.get(0).get("text").asString());
      }
    }
    throw new AssertionError("no result for " + toolUseId + " in " + results);
  }
}
