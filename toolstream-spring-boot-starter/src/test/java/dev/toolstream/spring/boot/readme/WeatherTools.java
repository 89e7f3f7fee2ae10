package dev.toolstream.spring.boot.readme;

import dev.toolstream.tools.Tool;
import dev.toolstream.tools.ToolParam;
import org.springframework.stereotype.Component;

// region spring-tools
@Component
public class WeatherTools {
  @Tool(description = "Current weather in a city.")
  public String weather(@ToolParam(description = "The city, such as Lisbon") String city) {
    return "Sunny and 21 °C in " + city;
  }
}
// endregion
