package dev.toolstream.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.toolstream.agent.ToolSpec;
import dev.toolstream.internal.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.SerializationFeature;

/** The README's quick start, run: the annotated class and the exact schema the model sees. */
final class WeatherExampleTest {

  enum Unit {
    @JsonProperty("celsius")
    CELSIUS,
    @JsonProperty("fahrenheit")
    FAHRENHEIT
  }

  record Weather(String city, double temperature, Unit unit) {}

  static final class WeatherTools {
    @Tool(name = "get_weather", description = "Returns the current weather in a city.")
    Weather getWeather(
        @ToolParam(description = "City name, such as Lisbon") String city,
        @ToolParam(description = "Temperature unit", defaultValue = "celsius") Unit unit) {
      return new Weather(city, unit == Unit.CELSIUS ? 21.5 : 70.7, unit);
    }
  }

  static final String SCHEMA =
      """
      {
        "type" : "object",
        "properties" : {
          "city" : {
            "type" : "string",
            "description" : "City name, such as Lisbon"
          },
          "unit" : {
            "type" : "string",
            "enum" : [ "celsius", "fahrenheit" ],
            "description" : "Temperature unit",
            "default" : "celsius"
          }
        },
        "required" : [ "city" ],
        "additionalProperties" : false
      }\
      """;

  @Test
  void weatherToolHasTheDocumentedSchema() {
    List<ToolSpec> tools = AnnotatedTools.from(new WeatherTools());
    String schema =
        Json.MAPPER
            .writer()
            .with(SerializationFeature.INDENT_OUTPUT)
            .writeValueAsString(tools.get(0).definition().inputSchema());
    System.out.println(schema);
    assertThat(tools.get(0).name()).isEqualTo("get_weather");
    assertThat(schema.replace("\r\n", "\n")).isEqualTo(SCHEMA);
  }

  @Test
  void weatherToolAppliesTheDefaultUnit() throws Exception {
    ToolSpec tool = AnnotatedTools.from(new WeatherTools()).get(0);
    assertThat(Harness.text(Harness.call(tool, "{\"city\":\"Lisbon\"}")))
        .isEqualTo("{\"city\":\"Lisbon\",\"temperature\":21.5,\"unit\":\"celsius\"}");
  }
}
