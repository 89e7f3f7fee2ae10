package app.tools;

import dev.toolstream.tools.Tool;

/** One tool, in a package the module opens only to agent-tools and Jackson. */
public final class WeatherTools {
  /** The tool's argument: Jackson builds it from the tool call's JSON. */
  public record Place(String city) {}

  @Tool(name = "get_weather", description = "Returns the current weather in a city.")
  String getWeather(Place place) {
    return "Sunny in " + place.city();
  }
}
