package dev.toolstream.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.toolstream.errors.OutputMismatchException;
import dev.toolstream.messages.OutputConfig;
import dev.toolstream.testkit.Turn;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** An agent built with an output type asks for it, streams it and reads the answer into it. */
class StructuredOutputTest extends AgentTestSupport {
  private static final String REPORT_SCHEMA =
      "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"},"
          + "\"temperature\":{\"type\":\"number\"}},"
          + "\"required\":[\"city\",\"temperature\"],\"additionalProperties\":false}";

  record Report(String city, double temperature) {}

  private static final OutputType<Report> REPORT =
      OutputType.of(
          json(REPORT_SCHEMA),
          node -> new Report(node.get("city").asString(), node.get("temperature").asDouble()));

  @Test
  void everyTurnAsksForTheOutputSchemaAndTheEffort() throws Exception {
    enqueue(
        Turn.builder().toolUse("toolu_1", "get_weather", "{\"city\":\"Lisbon\"}").build(),
        Turn.text("{\"city\":\"Lisbon\",\"temperature\":21}"));

    agent(weatherTool()).output(REPORT).effort(OutputConfig.Effort.LOW).build().run("Lisbon?");

    JsonNode expected =
        json(
            "{\"effort\":\"low\",\"format\":{\"type\":\"json_schema\",\"schema\":"
                + REPORT_SCHEMA
                + "}}");
    assertThat(nextRequestBody().get("output_config")).isEqualTo(expected);
    assertThat(nextRequestBody().get("output_config")).isEqualTo(expected);
  }

  @Test
  void theAnswerIsReadIntoTheOutputType() {
    enqueue(Turn.text("{\"city\":\"Lisbon\",\"temperature\":21.5}"));

    AgentResult result = agent().output(REPORT).build().run("Lisbon?");

    assertThat(result.output(REPORT)).isEqualTo(new Report("Lisbon", 21.5));
  }

  @Test
  void anAnswerThatDoesNotFitSaysWhereAndKeepsTheText() {
    String answer = "{\"city\":\"Lisbon\",\"temperature\":\"warm\"}";
    enqueue(Turn.text(answer));

    AgentResult result = agent().output(REPORT).build().run("Lisbon?");

    assertThatThrownBy(() -> result.output(REPORT))
        .isInstanceOf(OutputMismatchException.class)
        .hasMessageStartingWith("the answer does not match the output schema: $.temperature: ")
        .hasMessageContaining("(type)")
        .extracting(e -> ((OutputMismatchException) e).text())
        .isEqualTo(answer);
  }

  @Test
  void anAnswerThatIsNotJsonSaysSo() {
    enqueue(Turn.text("It is warm in Lisbon."));

    AgentResult result = agent().output(REPORT).build().run("Lisbon?");

    assertThatThrownBy(() -> result.output(REPORT))
        .isInstanceOf(OutputMismatchException.class)
        .hasMessageStartingWith("the answer is not JSON: ");
  }

  @Test
  void aRefusalIsNotReadAsOutput() {
    enqueue(Turn.builder().text("I can't help with that.").stopReason("refusal").build());

    AgentResult result = agent().output(REPORT).build().run("Lisbon?");

    assertThatThrownBy(() -> result.output(REPORT))
        .isInstanceOf(OutputMismatchException.class)
        .hasMessage("the model refused to answer (stop_reason refusal), so there is no output");
  }

  @Test
  void anAnswerCutAtMaxTokensSaysToRaiseThem() {
    enqueue(Turn.builder().text("{\"city\":\"Lisb").stopReason("max_tokens").build());

    AgentResult result = agent().output(REPORT).build().run("Lisbon?");

    assertThatThrownBy(() -> result.output(REPORT))
        .isInstanceOf(OutputMismatchException.class)
        .hasMessageContaining("max_tokens")
        .hasMessageContaining("raise maxTokens");
  }

  /** Records every output delta of a run. */
  private static final class Deltas implements AgentListener {
    final List<OutputDelta> deltas = new ArrayList<>();

    @Override
    public void onOutputDelta(OutputDelta delta) {
      deltas.add(delta);
    }
  }

  @Test
  void listenersSeeThePartialValueGrowAsTheAnswerStreams() {
    enqueue(
        Turn.builder()
            .textDeltas("{\"city\": \"Lis", "bon\", \"temp", "erature\": 21", ".5}")
            .build());
    Deltas listener = new Deltas();

    agent().output(REPORT).listener(listener).build().run("Lisbon?");

    assertThat(listener.deltas)
        .extracting(delta -> delta.partialOutput().toString())
        .containsExactly(
            "{\"city\":\"Lis\"}",
            "{\"city\":\"Lisbon\"}",
            "{\"city\":\"Lisbon\"}",
            "{\"city\":\"Lisbon\",\"temperature\":21.5}");
  }

  @Test
  void aKeptDeltaStillShowsTheAnswerAsItWasWhenItArrived() {
    String[] pieces = new String[40];
    StringBuilder whole = new StringBuilder("{\"notes\":\"");
    for (int i = 0; i < pieces.length; i++) {
      pieces[i] = "twenty characters.. ";
    }
    pieces[0] = whole + pieces[0];
    pieces[pieces.length - 1] = pieces[pieces.length - 1] + "\"}";
    enqueue(Turn.builder().textDeltas(pieces).build());
    Deltas listener = new Deltas();

    agent()
        .output(
            OutputType.json(
                json(
                    "{\"type\":\"object\",\"properties\":{\"notes\":"
                        + "{\"type\":\"string\"}},\"additionalProperties\":false}")))
        .listener(listener)
        .build()
        .run("Notes?");

    StringBuilder soFar = new StringBuilder();
    for (int i = 0; i < pieces.length; i++) {
      soFar.append(pieces[i]);
      OutputDelta delta = listener.deltas.get(i);
      assertThat(delta.fragment()).isEqualTo(pieces[i]);
      assertThat(delta.outputJson())
          .as("delta %d, kept past buffer growth", i)
          .isEqualTo(soFar.toString());
    }
  }

  @Test
  void anAgentWithoutAnOutputTypeSendsNoOutputConfigAndNoDeltas() throws Exception {
    enqueue(Turn.text("{\"city\":\"Lisbon\"}"));
    Deltas listener = new Deltas();

    agent().listener(listener).build().run("Lisbon?");

    assertThat(nextRequestBody().has("output_config")).isFalse();
    assertThat(listener.deltas).isEmpty();
  }

  @Test
  void anOutputSchemaStructuredOutputsCannotTakeIsRefusedSayingWhere() {
    JsonNode schema =
        json(
            "{\"type\":\"object\",\"properties\":{\"temperature\":{\"type\":\"number\","
                + "\"minimum\":-90}},\"additionalProperties\":false}");

    assertThatThrownBy(() -> OutputType.json(schema))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "the output schema uses what structured outputs do not support:"
                + " $.properties.temperature: \"minimum\": numeric constraints are not supported;"
                + " say the range in the description");
  }
}
