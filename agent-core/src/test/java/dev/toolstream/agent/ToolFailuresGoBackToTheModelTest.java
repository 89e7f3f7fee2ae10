package dev.toolstream.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolstream.testkit.Turn;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Each failure the model can fix becomes an is_error tool_result, and the run goes on. */
class ToolFailuresGoBackToTheModelTest extends AgentTestSupport {
  private JsonNode secondMessages;

  /**
   * Runs one turn that calls tool {@code name} with {@code inputJson} (sent as is, valid or not)
   * and returns the tool_result the second request carried.
   */
  private JsonNode toolResultFor(Agent agent, String name, String inputJson) throws Exception {
    enqueue(Turn.builder().toolUse("toolu_1", name, inputJson).build(), Turn.text("Done."));
    AgentResult result = agent.run("Go");
    assertThat(result.text()).isEqualTo("Done.");
    nextRequestBody();
    secondMessages = nextRequestBody().get("messages");
    JsonNode results = secondMessages.get(2).get("content");
    assertThat(results).hasSize(1);
    return results.get(0);
  }

  @Test
  void invalidJsonIsReportedAndTheHandlerDoesNotRun() throws Exception {
    JsonNode result =
        toolResultFor(agent(weatherTool()).build(), "get_weather", "{\"city\": \"Tok");

    assertThat(result.get("is_error").asBoolean()).isTrue();
    assertThat(result.get("content").get(0).get("text").asString())
        .isEqualTo("{\"INVALID_JSON\":\"{\\\"city\\\": \\\"Tok\"}");
    assertThat(result.get("content").get(1).get("text").asString())
        .startsWith("The input for tool get_weather is not valid JSON (")
        .contains("Call it again");
    assertThat(handled).isEmpty();
  }

  @Test
  void invalidJsonStaysAJsonObjectInTheHistory() throws Exception {
    toolResultFor(agent(weatherTool()).build(), "get_weather", "{\"city\": \"Tok");

    JsonNode call = secondMessages.get(1).get("content").get(0);
    assertThat(call.get("input")).isEqualTo(json("{\"INVALID_JSON\":\"{\\\"city\\\": \\\"Tok\"}"));
  }

  @Test
  void schemaViolationsNameEachPropertyAndRule() throws Exception {
    JsonNode result =
        toolResultFor(
            agent(weatherTool()).build(), "get_weather", "{\"unit\":\"kelvin\",\"zip\":1}");

    String text = result.get("content").asString();
    assertThat(result.get("is_error").asBoolean()).isTrue();
    assertThat(text).contains("does not match its input schema");
    assertThat(text).contains("city").contains("(required)");
    assertThat(text).contains("$.unit").contains("(enum)");
    assertThat(text).contains("zip").contains("(additionalProperties)");
    assertThat(handled).isEmpty();
  }

  @Test
  void anUnknownToolIsNamedWithTheAvailableOnes() throws Exception {
    JsonNode result =
        toolResultFor(agent(weatherTool()).build(), "get_forecast", "{\"city\":\"Oslo\"}");

    assertThat(result.get("is_error").asBoolean()).isTrue();
    assertThat(result.get("content").asString())
        .isEqualTo("There is no tool named \"get_forecast\". Available tools: get_weather.");
  }

  @Test
  void aThrowingHandlerSendsItsMessageWithoutAStackTrace() throws Exception {
    ToolSpec failing =
        ToolSpec.builder("get_weather")
            .description("Weather.")
            .inputSchema(json(WEATHER_SCHEMA))
            .handler(
                (input, context) -> {
                  throw new IllegalStateException("weather service answered 503");
                })
            .build();

    JsonNode result =
        toolResultFor(agent(failing).build(), "get_weather", "{\"city\":\"Oslo\"}");

    assertThat(result.get("is_error").asBoolean()).isTrue();
    assertThat(result.get("content").asString())
        .isEqualTo("Tool get_weather failed: weather service answered 503");
  }

  @Test
  void aHandlerPastItsTimeoutIsInterruptedAndReportedAsTimedOut() throws Exception {
    CountDownLatch interrupted = new CountDownLatch(1);
    ToolSpec slow =
        ToolSpec.builder("get_weather")
            .description("Weather.")
            .inputSchema(json(WEATHER_SCHEMA))
            .timeout(Duration.ofMillis(200))
            .handler(
                (input, context) -> {
                  try {
                    new CountDownLatch(1).await(30, TimeUnit.SECONDS);
                    return ToolOutput.text("too late");
                  } catch (InterruptedException e) {
                    interrupted.countDown();
                    throw e;
                  }
                })
            .build();

    TimeoutsFireAtOnce timer = new TimeoutsFireAtOnce();

    JsonNode result =
        toolResultFor(agent(slow).timer(timer).build(), "get_weather", "{\"city\":\"Oslo\"}");

    timer.shutdown();
    assertThat(timer.delays()).containsExactly(Duration.ofMillis(200));
    assertThat(result.get("is_error").asBoolean()).isTrue();
    assertThat(result.get("content").asString())
        .isEqualTo("Tool get_weather timed out after 200 ms and was stopped.");
    assertThat(interrupted.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(Thread.currentThread().isInterrupted())
        .as("the loop's thread does not keep the timeout's interrupt")
        .isFalse();
  }

  @Test
  void theAgentDefaultTimeoutAppliesToToolsWithoutTheirOwn() throws Exception {
    ToolSpec slow =
        ToolSpec.builder("get_weather")
            .description("Weather.")
            .inputSchema(json(WEATHER_SCHEMA))
            .handler(
                (input, context) -> {
                  new CountDownLatch(1).await(30, TimeUnit.SECONDS);
                  return ToolOutput.text("too late");
                })
            .build();

    TimeoutsFireAtOnce timer = new TimeoutsFireAtOnce();

    JsonNode result =
        toolResultFor(
            agent(slow).toolTimeout(Duration.ofSeconds(7)).timer(timer).build(),
            "get_weather",
            "{\"city\":\"Oslo\"}");

    timer.shutdown();
    assertThat(timer.delays()).containsExactly(Duration.ofSeconds(7));
    assertThat(result.get("content").asString()).contains("timed out after 7 s");
  }

  @Test
  void listenersHearOfEachFailedCallWithItsResult() throws Exception {
    List<ToolExecution> executions = new ArrayList<>();
    toolResultFor(
        agent(weatherTool()).listener(new AgentListener() {
          @Override
          public void onToolResult(ToolExecution execution) {
            executions.add(execution);
          }
        }).build(),
        "nope",
        "{}");

    assertThat(executions).hasSize(1);
    assertThat(executions.get(0).isError()).isTrue();
    assertThat(executions.get(0).call().name()).isEqualTo("nope");
    assertThat(executions.get(0).duration()).isZero();
  }
}
