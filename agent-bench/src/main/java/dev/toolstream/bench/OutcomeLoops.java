package dev.toolstream.bench;

import dev.toolstream.agent.Agent;
import dev.toolstream.agent.AgentCancelledException;
import dev.toolstream.agent.AgentListener;
import dev.toolstream.agent.AgentResult;
import dev.toolstream.agent.ToolHandler;
import dev.toolstream.agent.ToolOutput;
import dev.toolstream.agent.ToolSpec;
import dev.toolstream.client.MessagesClient;
import dev.toolstream.testkit.Script;
import dev.toolstream.testkit.ScriptedClaude;
import dev.toolstream.testkit.Turn;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The loops that check the documented outcomes of timeouts and interrupts over many runs: tool
 * calls that outlive their timeout are answered "timed out" and the run goes on, and an
 * interrupted run ends with {@link AgentCancelledException}, its thread still marked interrupted,
 * wherever the interrupt lands.
 */
final class OutcomeLoops {
  private static final Duration TOOL_TIMEOUT = Duration.ofMillis(5);
  private static final Turn CALL = Turn.builder().toolUse("slow", "{}").build();
  private static final ThreadLocal<Boolean> INTERRUPT_ON_CONNECT =
      ThreadLocal.withInitial(() -> false);

  private OutcomeLoops() {}

  /**
   * Runs {@code runs} runs in a row whose one tool call outlives its timeout with its interrupt
   * kept set; returns whether every run went on and sent "timed out" to the model.
   */
  static boolean timedOutCalls(int runs) throws Exception {
    ToolSpec stubborn =
        tool(
            TOOL_TIMEOUT,
            (input, context) -> {
              try {
                new CountDownLatch(1).await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // Keeps the flag: the hardest case.
              }
              return ToolOutput.text("late");
            });
    Map<String, Integer> outcomes = new TreeMap<>();
    try (ScriptedClaude claude = ScriptedClaude.start(Script.echoToolResults(CALL))) {
      Agent agent = agent(client(claude.baseUrl(), new OkHttpClient()), stubborn);
      long start = System.nanoTime();
      for (int i = 0; i < runs; i++) {
        String outcome;
        try {
          AgentResult result = agent.run("Go");
          outcome = result.text().contains("timed out after 5 ms") ? "timed out, run went on" : "other text";
        } catch (RuntimeException e) {
          outcome = e.getClass().getSimpleName();
        }
        outcomes.merge(outcome, 1, Integer::sum);
      }
      long wall = System.nanoTime() - start;
      return report(
          String.format(Locale.ROOT, "%,d timed-out tool calls in a row (%d ms timeout, no executor)", runs, TOOL_TIMEOUT.toMillis()),
          outcomes, "timed out, run went on", runs, wall);
    }
  }

  /**
   * Runs {@code runs} runs, each on its own thread, interrupted while connecting, while streaming,
   * while waiting for a tool, or after a random delay; returns whether every one ended with {@link
   * AgentCancelledException} and its thread still marked interrupted.
   */
  static boolean interruptedRuns(int runs) throws Exception {
    OkHttpClient http =
        new OkHttpClient.Builder()
            .eventListener(
                new EventListener() {
                  @Override
                  public void callStart(Call call) {
                    if (INTERRUPT_ON_CONNECT.get()) {
                      Thread.currentThread().interrupt();
                    }
                  }
                })
            .build();
    Map<String, Integer> outcomes = new TreeMap<>();
    Turn streamed = Turn.builder().textDeltas("Let ", "me ", "check.").toolUse("slow", "{}").build();
    try (ScriptedClaude claude = ScriptedClaude.start(Script.echoToolResults(streamed))) {
      MessagesClient client = client(claude.baseUrl(), http);
      long start = System.nanoTime();
      for (int i = 0; i < runs; i++) {
        outcomes.merge(interruptedRun(client, i % 4), 1, Integer::sum);
      }
      long wall = System.nanoTime() - start;
      return report(
          String.format(Locale.ROOT, "%,d interrupted runs (connecting, streaming, in a tool, at random)", runs),
          outcomes, "AgentCancelledException, still interrupted", runs, wall);
    } finally {
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
  }

  private static String interruptedRun(MessagesClient client, int where) throws Exception {
    CountDownLatch inTool = new CountDownLatch(1);
    ToolSpec waits =
        tool(
            Duration.ofMinutes(1),
            (input, context) -> {
              inTool.countDown();
              new CountDownLatch(1).await(); // Until interrupted.
              return ToolOutput.text("never");
            });
    Agent.Builder builder = Agent.builder().client(client).model("claude-sonnet-4-6").tool(waits);
    if (where == 1) {
      builder.listener(AgentListener.onText(text -> Thread.currentThread().interrupt()));
    }
    Agent agent = builder.build();
    AtomicReference<String> outcome = new AtomicReference<>("no outcome");
    Thread thread =
        new Thread(
            () -> {
              INTERRUPT_ON_CONNECT.set(where == 0);
              try {
                agent.run("Go");
                outcome.set("completed");
              } catch (AgentCancelledException e) {
                outcome.set(
                    Thread.currentThread().isInterrupted()
                        ? "AgentCancelledException, still interrupted"
                        : "AgentCancelledException, interrupt lost");
              } catch (Throwable t) {
                outcome.set(t.getClass().getSimpleName());
              }
            },
            "interrupted-run");
    thread.start();
    if (where == 2 && !inTool.await(10, TimeUnit.SECONDS)) {
      return "tool never started";
    }
    if (where == 3) {
      TimeUnit.MICROSECONDS.sleep(ThreadLocalRandom.current().nextLong(3_000));
    }
    if (where >= 2) {
      thread.interrupt();
    }
    thread.join(10_000);
    return thread.isAlive() ? "hung" : outcome.get();
  }

  private static boolean report(
      String what, Map<String, Integer> outcomes, String expected, int runs, long wallNanos) {
    boolean all = outcomes.getOrDefault(expected, 0) == runs;
    System.out.printf(
        Locale.ROOT,
        "| %s | %s in %.1f s%s |%n",
        what,
        outcomes,
        wallNanos / 1e9,
        all ? "; 100% as documented" : " **NOT AS DOCUMENTED**");
    return all;
  }

  private static ToolSpec tool(Duration timeout, ToolHandler handler) {
    return ToolSpec.builder("slow")
        .description("A tool of the loops.")
        .inputSchema(JsonMapper.builder().build().readTree("{\"type\":\"object\"}"))
        .timeout(timeout)
        .handler(handler)
        .build();
  }

  private static MessagesClient client(String baseUrl, OkHttpClient http) {
    return NoopAgent.client(baseUrl, http);
  }

  private static Agent agent(MessagesClient client, ToolSpec tool) {
    return Agent.builder().client(client).model("claude-sonnet-4-6").tool(tool).build();
  }

}
