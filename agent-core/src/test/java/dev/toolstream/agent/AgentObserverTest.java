package dev.toolstream.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolstream.messages.ContentBlock;
import dev.toolstream.messages.Message;
import dev.toolstream.messages.MessageRequest;
import dev.toolstream.testkit.Turn;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** An observer hears of a run's work in the order it happens, each end exactly once. */
class AgentObserverTest extends AgentTestSupport {
  /** Records every callback as a line, in order. */
  private final List<String> seen = new CopyOnWriteArrayList<>();

  private final AgentObserver recorder =
      new AgentObserver() {
        @Override
        public Run runStarted(String runId, MessageRequest template, String baseUrl) {
          seen.add("run started " + template.model() + " at " + baseUrl.startsWith("http://"));
          return new Run() {
            @Override
            public ModelCall modelCallStarted(int turn, MessageRequest request) {
              seen.add(
                  "model call " + turn + " started, " + request.messages().size() + " messages");
              return new ModelCall() {
                @Override
                public void firstChunk() {
                  seen.add("first chunk " + turn);
                }

                @Override
                public void ended(@Nullable Message message, @Nullable Throwable failure) {
                  seen.add("model call " + turn + " ended " + message.stopReason().value());
                }
              };
            }

            @Override
            public ToolCall toolCallStarted(
                int turn, ContentBlock.ToolUse call, @Nullable ToolSpec tool) {
              seen.add("tool call " + call.id() + " started");
              return new ToolCall() {
                @Override
                public void ended(
                    ToolExecution execution, ToolOutcome outcome, @Nullable Throwable failure) {
                  seen.add("tool call " + call.id() + " ended " + outcome);
                }
              };
            }

            @Override
            public void ended(@Nullable AgentResult result, @Nullable AgentException failure) {
              seen.add("run ended " + (result != null ? result.text() : failure));
            }
          };
        }
      };

  @Test
  void anObserverHearsOfEachModelCallAndToolCallInOrderAndOfTheRunsEndLast() {
    enqueue(
        Turn.builder()
            .toolUse("toolu_1", "get_weather", "{\"city\":\"Paris\"}")
            .toolUse("toolu_2", "get_weather", "{\"town\":\"Paris\"}")
            .build(),
        Turn.text("Sunny."));

    agent(weatherTool()).observer(recorder).build().run("Weather?");

    assertThat(seen)
        .containsExactly(
            "run started claude-sonnet-4-6 at true",
            "model call 1 started, 1 messages",
            "first chunk 1",
            "tool call toolu_2 started",
            "tool call toolu_2 ended SCHEMA_VIOLATION",
            "model call 1 ended tool_use",
            "tool call toolu_1 started",
            "tool call toolu_1 ended SUCCEEDED",
            "model call 2 started, 3 messages",
            "first chunk 2",
            "model call 2 ended end_turn",
            "run ended Sunny.");
  }

  @Test
  void anObserverThatThrowsAtAToolCallsEndNeitherHangsNorFailsTheRun() throws Exception {
    AgentObserver throwing =
        new AgentObserver() {
          @Override
          public Run runStarted(String runId, MessageRequest template, String baseUrl) {
            return new Run() {
              @Override
              public ToolCall toolCallStarted(
                  int turn, ContentBlock.ToolUse call, @Nullable ToolSpec tool) {
                return new ToolCall() {
                  @Override
                  public void ended(
                      ToolExecution execution, ToolOutcome outcome, @Nullable Throwable failure) {
                    throw new IllegalStateException("observer bug");
                  }
                };
              }
            };
          }
        };
    enqueue(
        Turn.builder().toolUse("toolu_1", "get_weather", "{\"city\":\"Paris\"}").build(),
        Turn.text("Sunny."));

    Agent agent = agent(weatherTool()).observer(throwing).build();
    AgentResult result =
        CompletableFuture.supplyAsync(() -> agent.run("Weather?"))
            .get(WAIT.toSeconds(), TimeUnit.SECONDS); // Fails, rather than hangs, if it waits.

    assertThat(result.text()).isEqualTo("Sunny.");
  }

  /** An observer whose every callback throws, as a buggy exporter might. */
  private static final AgentObserver BROKEN =
      new AgentObserver() {
        @Override
        public Run runStarted(String runId, MessageRequest template, String baseUrl) {
          return new Run() {
            @Override
            public Scope enter() {
              return () -> {
                throw new IllegalStateException("observer bug: closing the run's scope");
              };
            }

            @Override
            public ModelCall modelCallStarted(int turn, MessageRequest request) {
              return new ModelCall() {
                @Override
                public Scope enter() {
                  throw new IllegalStateException("observer bug: entering the model call");
                }

                @Override
                public void firstChunk() {
                  throw new IllegalStateException("observer bug: first chunk");
                }

                @Override
                public void ended(@Nullable Message message, @Nullable Throwable failure) {
                  throw new IllegalStateException("observer bug: ending the model call");
                }
              };
            }

            @Override
            public ToolCall toolCallStarted(
                int turn, ContentBlock.ToolUse call, @Nullable ToolSpec tool) {
              throw new IllegalStateException("observer bug: starting a tool call");
            }

            @Override
            public void ended(@Nullable AgentResult result, @Nullable AgentException failure) {
              throw new IllegalStateException("observer bug: ending the run");
            }
          };
        }
      };

  @Test
  void anObserverThatThrowsAnywhereNeitherFailsTheRunNorKeepsItsListenersFromItsEnd() {
    enqueue(
        Turn.builder()
            .toolUse("toolu_1", "get_weather", "{\"city\":\"Paris\"}")
            .toolUse("toolu_2", "get_weather", "{\"town\":\"Paris\"}")
            .build(),
        Turn.text("Sunny."));
    List<String> ends = new CopyOnWriteArrayList<>();
    AgentListener listener =
        new AgentListener() {
          @Override
          public void onComplete(AgentResult result) {
            ends.add("completed: " + result.text());
          }

          @Override
          public void onError(AgentException error) {
            ends.add("failed: " + error.getMessage());
          }
        };

    AgentResult result =
        agent(weatherTool()).observer(BROKEN).listener(listener).build().run("Weather?");

    assertThat(result.text()).isEqualTo("Sunny.");
    assertThat(ends).containsExactly("completed: Sunny.");
  }

  @Test
  void anObserverThatThrowsAsARunStartsLeavesThatRunUnobservedButRunning() {
    enqueue(Turn.text("Sunny."));
    AgentObserver refusing =
        new AgentObserver() {
          @Override
          public Run runStarted(String runId, MessageRequest template, String baseUrl) {
            throw new IllegalStateException("observer bug: starting the run");
          }
        };

    assertThat(agent(weatherTool()).observer(refusing).build().run("Weather?").text())
        .isEqualTo("Sunny.");
  }
}
