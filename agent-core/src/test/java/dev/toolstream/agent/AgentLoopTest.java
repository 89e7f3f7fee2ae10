package dev.toolstream.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.toolstream.messages.ContentBlock;
import dev.toolstream.messages.Message;
import dev.toolstream.messages.Role;
import dev.toolstream.messages.StopReason;
import dev.toolstream.messages.ThinkingConfig;
import dev.toolstream.messages.Usage;
import dev.toolstream.stream.ToolInputDelta;
import dev.toolstream.testkit.Turn;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class AgentLoopTest extends AgentTestSupport {
  private static final String TOKYO = "{\"city\": \"Tokyo\"}";

  @Test
  void happyPathSendsExactRequestBodiesAndReturnsTheFinalAnswer() throws Exception {
    enqueue(
        Turn.builder()
            .text("Let me check.")
            .toolUse("toolu_1", "get_weather", TOKYO)
            .usage(300, 40)
            .build(),
        Turn.builder().text("It is sunny in Tokyo.").usage(400, 12).build());

    AgentResult result =
        agent(weatherTool()).system("You answer weather questions.").build().run("Weather in Tokyo?");

    String tools =
        "[{\"name\":\"get_weather\",\"description\":\"Current weather in a city.\","
            + "\"input_schema\":" + WEATHER_SCHEMA + "}]";
    String question =
        "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Weather in Tokyo?\"}]}";
    String firstMessages = "[" + question + "]";
    assertThat(nextRequestBody())
        .isEqualTo(
            json(
                "{\"model\":\"claude-sonnet-4-6\",\"max_tokens\":1024,"
                    + "\"system\":\"You answer weather questions.\",\"messages\":" + firstMessages
                    + ",\"tools\":" + tools + ",\"cache_control\":{\"type\":\"ephemeral\"},"
                    + "\"stream\":true}"));
    String secondMessages =
        "[" + question + ","
            + "{\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"Let me check.\"},"
            + "{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"get_weather\","
            + "\"input\":{\"city\":\"Tokyo\"}}]},"
            + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_1\","
            + "\"content\":\"Sunny, 21 °C in Tokyo\"}]}]";
    assertThat(nextRequestBody())
        .isEqualTo(
            json(
                "{\"model\":\"claude-sonnet-4-6\",\"max_tokens\":1024,"
                    + "\"system\":\"You answer weather questions.\",\"messages\":" + secondMessages
                    + ",\"tools\":" + tools + ",\"cache_control\":{\"type\":\"ephemeral\"},"
                    + "\"stream\":true}"));
    assertThat(result.text()).isEqualTo("It is sunny in Tokyo.");
    assertThat(result.stopReason()).isEqualTo(StopReason.END_TURN);
    assertThat(result.turns()).isEqualTo(2);
    assertThat(result.turnUsage()).containsExactly(new Usage(300, 40, 0, 0), new Usage(400, 12, 0, 0));
    assertThat(result.usage()).isEqualTo(new Usage(700, 52, 0, 0));
    assertThat(result.history()).hasSize(4);
    assertThat(result.history().get(3).role()).isEqualTo(Role.ASSISTANT);
  }

  @Test
  void decimalsInToolInputKeepEveryDigitForTheHandlerAndInTheHistorySentBack() throws Exception {
    String input = "{\"amount\":12345678901234567.89,\"rate\":1.10}";
    enqueue(
        Turn.builder().toolUse("toolu_1", "pay", input).stopReason("tool_use").build(),
        Turn.text("Paid."));
    List<JsonNode> seen = new ArrayList<>();
    ToolSpec pay =
        ToolSpec.builder("pay")
            .description("Pays an amount.")
            .inputSchema(json("{\"type\":\"object\"}"))
            .handler(
                (in, context) -> {
                  seen.add(in);
                  return ToolOutput.text("ok");
                })
            .build();

    agent(pay).build().run("Pay it.");

    assertThat(seen.get(0).get("amount").decimalValue())
        .isEqualTo(new java.math.BigDecimal("12345678901234567.89"));
    claude.takeRequest(WAIT);
    assertThat(claude.takeRequest(WAIT).bodyText())
        .contains("\"input\":" + input); // Not 1.2345678901234568E16, not 1.1.
  }

  @Test
  void twoCallsOfOneTurnAreAnsweredInOneUserMessageInCallOrder() throws Exception {
    enqueue(
        Turn.builder()
            .toolUse("toolu_a", "get_weather", TOKYO)
            .toolUse("toolu_b", "get_weather", "{\"city\":\"Paris\",\"unit\":\"fahrenheit\"}")
            .build(),
        Turn.text("Both sunny."));

    agent(weatherTool()).build().run("Tokyo and Paris?");

    nextRequestBody();
    JsonNode messages = nextRequestBody().get("messages");
    assertThat(messages).hasSize(3);
    JsonNode results = messages.get(2).get("content");
    assertThat(results).hasSize(2);
    assertThat(results.get(0).get("tool_use_id").asString()).isEqualTo("toolu_a");
    assertThat(results.get(0).get("content").asString()).contains("Tokyo");
    assertThat(results.get(1).get("tool_use_id").asString()).isEqualTo("toolu_b");
    assertThat(results.get(1).get("content").asString()).contains("Paris");
    assertThat(handled).containsExactly(json(TOKYO), json("{\"city\":\"Paris\",\"unit\":\"fahrenheit\"}"));
  }

  @Test
  void thinkingBlocksGoBackUnchangedWithTheirSignatures() throws Exception {
    enqueue(
        Turn.builder()
            .thinking("The user wants Tokyo's weather.\nI'll call the tool.", "EqQBCgIYAhIM1gbcDa9GJwZA2b3h")
            .redactedThinking("EmwKAhgBEgy3va3pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIwxtE3rAFBa8cr3qpP")
            .toolUse("toolu_1", "get_weather", TOKYO)
            .build(),
        Turn.text("Sunny."));

    agent(weatherTool()).thinking(ThinkingConfig.enabled(2048)).build().run("Weather in Tokyo?");

    assertThat(nextRequestBody().get("thinking"))
        .isEqualTo(json("{\"type\":\"enabled\",\"budget_tokens\":2048}"));
    JsonNode assistant = nextRequestBody().get("messages").get(1).get("content");
    assertThat(assistant.get(0))
        .isEqualTo(
            json(
                "{\"type\":\"thinking\",\"thinking\":\"The user wants Tokyo's weather.\\nI'll call"
                    + " the tool.\",\"signature\":\"EqQBCgIYAhIM1gbcDa9GJwZA2b3h\"}"));
    assertThat(assistant.get(1))
        .isEqualTo(
            json(
                "{\"type\":\"redacted_thinking\",\"data\":"
                    + "\"EmwKAhgBEgy3va3pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIwxtE3rAFBa8cr3qpP\"}"));
    assertThat(assistant.get(2).get("type").asString()).isEqualTo("tool_use");
  }

  @Test
  void pauseTurnSendsTheHistoryBackToContinue() throws Exception {
    enqueue(
        Turn.builder().text("Searching…").stopReason("pause_turn").build(),
        Turn.text("Found it."));

    AgentResult result = agent(weatherTool()).build().run("Look it up");

    nextRequestBody();
    JsonNode messages = nextRequestBody().get("messages");
    assertThat(messages).hasSize(2);
    assertThat(messages.get(1))
        .isEqualTo(
            json(
                "{\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"Searching…\"}]}"));
    assertThat(result.text()).isEqualTo("Found it.");
    assertThat(result.turns()).isEqualTo(2);
  }

  @Test
  void refusalFinishesTheRunMarkedAsARefusal() throws Exception {
    enqueue(Turn.builder().text("I can't help with that.").stopReason("refusal").build());

    AgentResult result = agent(weatherTool()).build().run("Something bad");

    assertThat(result.isRefusal()).isTrue();
    assertThat(result.turns()).isEqualTo(1);
    assertThat(requestCount()).isEqualTo(1);
  }

  @Test
  void stopSequenceFinishesNormally() throws Exception {
    enqueue(Turn.builder().text("Answer: 42").stopReason("stop_sequence").build());

    AgentResult result =
        agent().request(r -> r.stopSequences(List.of("END"))).build().run("Question");

    assertThat(nextRequestBody().get("stop_sequences")).isEqualTo(json("[\"END\"]"));
    assertThat(result.stopReason()).isEqualTo(StopReason.STOP_SEQUENCE);
    assertThat(result.text()).isEqualTo("Answer: 42");
  }

  @Test
  void runContinuesAGivenHistory() throws Exception {
    enqueue(Turn.text("You asked about Tokyo."));
    List<dev.toolstream.messages.MessageParam> history =
        List.of(
            dev.toolstream.messages.MessageParam.user("Weather in Tokyo?"),
            dev.toolstream.messages.MessageParam.assistant("Sunny."),
            dev.toolstream.messages.MessageParam.user("What did I ask?"));

    AgentResult result = agent().build().run(history);

    assertThat(nextRequestBody().get("messages")).hasSize(3);
    assertThat(result.history()).hasSize(4).startsWith(history.toArray(new dev.toolstream.messages.MessageParam[0]));
  }

  @Test
  void listenersSeeEveryStepInOrder() throws Exception {
    enqueue(
        Turn.builder()
            .thinking("hm", "sig")
            .textDeltas("Checkin", "g.")
            .toolUseFragments("toolu_1", "get_weather", "", "{\"cit", "y\": \"", "Tokyo", "\"}")
            .usage(100, 20)
            .build(),
        Turn.builder().text("Sunny.").usage(100, 20).build());
    List<String> seen = new ArrayList<>();
    AgentListener recorder =
        new AgentListener() {
          @Override
          public void onText(String text) {
            seen.add("text:" + text);
          }

          @Override
          public void onThinking(String thinking) {
            seen.add("thinking:" + thinking);
          }

          @Override
          public void onToolInputDelta(ToolInputDelta delta) {
            if (delta.partialInput().has("city")) {
              seen.add("partial:" + delta.partialInput().get("city").asString());
            }
          }

          @Override
          public void onToolCall(ContentBlock.ToolUse call) {
            seen.add("call:" + call.name() + call.input());
          }

          @Override
          public void onToolResult(ToolExecution execution) {
            seen.add("result:" + execution.resultText());
          }

          @Override
          public void onTurnComplete(int turn, Message message) {
            seen.add("turn:" + turn + ":" + message.usage().outputTokens());
          }
        };

    agent(weatherTool()).listener(recorder).build().run("Weather?");

    assertThat(seen)
        .containsSubsequence(
            "thinking:hm",
            "text:Checkin",
            "text:g.",
            "partial:",
            "partial:Tokyo",
            "call:get_weather{\"city\":\"Tokyo\"}",
            "result:Sunny, 21 °C in Tokyo",
            "turn:1:20",
            "text:Sunny.",
            "turn:2:20");
    assertThat(seen.indexOf("call:get_weather{\"city\":\"Tokyo\"}"))
        .isLessThan(seen.indexOf("result:Sunny, 21 °C in Tokyo"));
  }

  @Test
  void aToolNameCanBeRegisteredOnce() {
    Agent.Builder builder = agent(weatherTool());

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> builder.tool(weatherTool()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("get_weather")
        .hasMessageContaining("already registered");
  }

  @Test
  void aBlankModelIsRefusedAsTheAgentIsConfiguredRatherThanByTheApiAtEveryRun() {
    // As an empty property (toolstream.agent.model=) gives it.
    assertThatThrownBy(() -> agent().model(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("model is blank: name one, such as \"claude-sonnet-4-6\"");
    assertThat(requestCount()).isZero();
  }
}
