package dev.toolstream.examples.weather.offline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.toolstream.agent.ToolOutput;
import dev.toolstream.examples.weather.WeatherTools;
import dev.toolstream.messages.ContentBlock;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The stand-in answers get_weather for real world cities, and only for those. */
class OpenMeteoStandInTest {
  private final OkHttpClient http = new OkHttpClient();
  private OpenMeteoStandIn standIn;
  private WeatherTools tools;

  @BeforeEach
  void start() throws Exception {
    standIn = OpenMeteoStandIn.start();
    tools = new WeatherTools(http, standIn.baseUrl(), standIn.baseUrl());
  }

  @AfterEach
  void stop() {
    standIn.close();
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }

  private String weather(String city) {
    ToolOutput output = tools.getWeather(city, WeatherTools.Unit.CELSIUS);
    assertThat(output.isError()).isFalse();
    return ((ContentBlock.Text) output.content().get(0)).text();
  }

  @Test
  void knowsThousandsOfRealCitiesWithTheirCountries() {
    assertThat(WorldCities.get().size()).isBetween(3000, 6000);
    assertThat(weather("Lagos")).startsWith("Lagos, Nigeria: ");
    assertThat(weather("Reykjavik")).startsWith("Reykjavík, Iceland: ");
    assertThat(weather("Lima")).startsWith("Lima, Peru: ");
  }

  @Test
  void aSharedNameFindsTheMostPopulousCity() {
    assertThat(weather("London")).startsWith("London, United Kingdom: ");
  }

  @Test
  void aCountryAfterACommaSaysWhichCityAndARegionFindsNone() {
    assertThat(weather("London, Canada")).startsWith("London, Canada: ");
    assertThat(weather("Paris, Texas")).isEqualTo("No place called \"Paris, Texas\" was found.");
  }

  @Test
  void samplesKeepTheirFixedWeather() {
    assertThat(weather("Tokyo")).isEqualTo(
        "Tokyo, Japan: 14.3 °C, humidity 58 %, wind 7.9 km/h, partly cloudy (WMO code 2)");
    assertThat(weather("Paris")).startsWith("Paris, France: 9.1 °C");
  }

  @Test
  void aPlaceAlwaysGetsTheSameWeather() {
    assertThat(weather("Nairobi")).isEqualTo(weather("Nairobi"));
  }

  @Test
  void aForecastWithoutNumbersIsABadRequestWithTheReason() throws Exception {
    try (Response response = get("/v1/forecast?latitude=north&longitude=2.35")) {
      assertThat(response.code()).isEqualTo(400);
      assertThat(response.body().string())
          .isEqualTo("{\"error\":true,\"reason\":\"latitude and longitude must be numbers\"}");
    }
  }

  @Test
  void anotherPathIsNotFound() throws Exception {
    try (Response response = get("/v1/archive?latitude=1&longitude=2")) {
      assertThat(response.code()).isEqualTo(404);
      assertThat(response.header("content-type")).isEqualTo("application/json; charset=utf-8");
    }
  }

  private Response get(String pathAndQuery) throws Exception {
    return http.newCall(new Request.Builder().url(standIn.baseUrl() + pathAndQuery).build())
        .execute();
  }

  @Test
  void anUnknownPlaceIsNotFound() {
    assertThat(weather("Atlantis")).isEqualTo("No place called \"Atlantis\" was found.");
  }
}
