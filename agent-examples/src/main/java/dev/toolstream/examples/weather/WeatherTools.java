package dev.toolstream.examples.weather;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.toolstream.agent.ToolOutput;
import dev.toolstream.tools.Tool;
import dev.toolstream.tools.ToolParam;
import java.io.IOException;
import java.util.Locale;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The weather agent's one tool: current conditions from Open-Meteo. It geocodes the city, then
 * reads the current weather there. A city that is not found is a normal answer; a failing service
 * is an {@code is_error} result the model can report.
 */
public final class WeatherTools {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String CURRENT =
      "temperature_2m,relative_humidity_2m,wind_speed_10m,weather_code";

  private final OkHttpClient http;
  private final HttpUrl forecastBase;
  private final HttpUrl geocodingBase;

  /** Temperature units, as Open-Meteo names them. */
  public enum Unit {
    @JsonProperty("celsius")
    CELSIUS,
    @JsonProperty("fahrenheit")
    FAHRENHEIT
  }

  /**
   * Returns the tool, calling Open-Meteo's forecast API at {@code forecastBase} and its geocoding
   * API at {@code geocodingBase}.
   */
  public WeatherTools(OkHttpClient http, String forecastBase, String geocodingBase) {
    this.http = http;
    this.forecastBase = HttpUrl.get(forecastBase);
    this.geocodingBase = HttpUrl.get(geocodingBase);
  }

  /**
   * Returns the current weather in {@code city}. Idempotent (it only reads), so a durable run
   * interrupted during the call runs it again.
   */
  @Tool(
      name = "get_weather",
      idempotent = true,
      description =
          "Get the current weather in a city: temperature, humidity, wind and conditions. Call it"
              + " once per city.")
  public ToolOutput getWeather(
      @ToolParam(description = "The city, for example \"Tokyo\" or \"Paris\".") String city,
      @ToolParam(description = "The temperature unit.", required = false, defaultValue = "celsius")
          Unit unit) {
    JsonNode place;
    JsonNode current;
    try {
      place = geocode(city);
      if (place == null) {
        return ToolOutput.text("No place called \"" + city + "\" was found.");
      }
      current = currentWeather(place, unit);
    } catch (IOException | JacksonException e) {
      return ToolOutput.error("The weather service failed: " + e.getMessage());
    }
    return ToolOutput.text(describe(place, current));
  }

  private JsonNode geocode(String city) throws IOException {
    HttpUrl url =
        geocodingBase
            .newBuilder()
            .addPathSegments("v1/search")
            .addQueryParameter("name", city)
            .addQueryParameter("count", "1")
            .build();
    JsonNode results = get(url).path("results");
    return results.isArray() && !results.isEmpty() ? results.get(0) : null;
  }

  private JsonNode currentWeather(JsonNode place, Unit unit) throws IOException {
    HttpUrl url =
        forecastBase
            .newBuilder()
            .addPathSegments("v1/forecast")
            .addQueryParameter("latitude", place.path("latitude").asString())
            .addQueryParameter("longitude", place.path("longitude").asString())
            .addQueryParameter("current", CURRENT)
            .addQueryParameter("temperature_unit", unit.name().toLowerCase(Locale.ROOT))
            .build();
    return get(url);
  }

  private JsonNode get(HttpUrl url) throws IOException {
    try (Response response = http.newCall(new Request.Builder().url(url).build()).execute()) {
      String body = response.body().string();
      if (!response.isSuccessful()) {
        String reason = JSON.readTree(body.isBlank() ? "{}" : body).path("reason").asString("");
        throw new IOException(
            url.host() + " answered HTTP " + response.code() + (reason.isEmpty() ? "" : ": " + reason));
      }
      return JSON.readTree(body);
    }
  }

  private static String describe(JsonNode place, JsonNode weather) {
    JsonNode now = weather.path("current");
    JsonNode units = weather.path("current_units");
    int code = now.path("weather_code").asInt(-1);
    return place.path("name").asString()
        + ", "
        + place.path("country").asString("")
        + ": "
        + now.path("temperature_2m").asString()
        + " "
        + units.path("temperature_2m").asString("°C")
        + ", humidity "
        + now.path("relative_humidity_2m").asString()
        + " "
        + units.path("relative_humidity_2m").asString("%")
        + ", wind "
        + now.path("wind_speed_10m").asString()
        + " "
        + units.path("wind_speed_10m").asString("km/h")
        + ", "
        + WmoCodes.describe(code)
        + " (WMO code "
        + code
        + ")";
  }
}
