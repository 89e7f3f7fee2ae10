package dev.toolstream.examples.readme;

// region tools-imports
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.toolstream.agent.Agent;
import dev.toolstream.agent.ToolSpec;
import dev.toolstream.client.MessagesClient;
import dev.toolstream.tools.AnnotatedTools;
import dev.toolstream.tools.Tool;
import dev.toolstream.tools.ToolParam;
import java.util.List;
// endregion

/** The README's annotated-tools snippet, compiled by the build and run against the test kit. */
final class AnnotatedToolsSnippets {
  // region tools-types
  enum Unit {
    @JsonProperty("celsius") CELSIUS,
    @JsonProperty("fahrenheit") FAHRENHEIT
  }

  record Weather(String city, double temperature, Unit unit) {}

  final class WeatherTools {
    @Tool(name = "get_weather", description = "Returns the current weather in a city.")
    Weather getWeather(
        @ToolParam(description = "City name, such as Lisbon") String city,
        @ToolParam(description = "Temperature unit", defaultValue = "celsius") Unit unit) {
      return new Weather(city, unit == Unit.CELSIUS ? 21.5 : 70.7, unit);
    }
  }
  // endregion

  Agent agent(MessagesClient client) {
    // region tools-register
    List<ToolSpec> tools = AnnotatedTools.from(new WeatherTools());
    Agent agent = Agent.builder().client(client).model("claude-sonnet-4-6").tools(tools).build();
    // endregion
    return agent;
  }
}
