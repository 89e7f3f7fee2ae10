package dev.toolstream.examples.weather;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The command line without a key: the simulation answers for every city a question names. */
class SimulationTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int ask(String question) {
    return WeatherAgent.run(
        new String[] {question},
        Map.of("NO_COLOR", "1")::get,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String stdout() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void threeCitiesGetThreeCallsAndThreeAnswers() {
    assertThat(ask("What's the weather in Tokyo, Paris and Lisbon?")).isZero();

    assertThat(stderr())
        .contains("→ get_weather {\"city\":\"Tokyo\"}")
        .contains("→ get_weather {\"city\":\"Paris\"}")
        .contains("→ get_weather {\"city\":\"Lisbon\"}");
    assertThat(stdout())
        .contains("I'll check the current weather in Tokyo, Paris and Lisbon.")
        .contains("- Tokyo, Japan: 14.3 °C")
        .contains("- Paris, France: 9.1 °C")
        .contains("- Lisbon, Portugal: ");
  }

  @Test
  void twoCitiesJoinedByAndAreTwoCalls() {
    assertThat(ask("Lisbon and Madrid")).isZero();

    assertThat(stderr())
        .contains("→ get_weather {\"city\":\"Lisbon\"}")
        .contains("→ get_weather {\"city\":\"Madrid\"}");
    assertThat(stdout()).contains("- Lisbon, Portugal: ").contains("- Madrid, Spain: ");
  }

  @Test
  void anUnknownCityIsAnsweredAsUnknownToTheSimulation() {
    assertThat(ask("What's the weather in Atlantis and Cairo?")).isZero();

    assertThat(stderr()).contains("→ get_weather {\"city\":\"Atlantis\"}");
    assertThat(stdout())
        .contains("- Cairo, Egypt: 24.9 °C")
        .contains("The simulation does not know Atlantis: it knows 4,350 real cities");
  }

  @Test
  void aQuestionWithoutACitySaysWhichTheSimulationKnows() {
    assertThat(ask("Will I need an umbrella?")).isZero();

    assertThat(stdout())
        .startsWith("Which city would you like the weather for?")
        .contains("This simulation knows 4,350 real cities");
    assertThat(stderr()).doesNotContain("→ get_weather");
  }
}
