package dev.toolstream.examples.weather.offline;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A stand-in for Open-Meteo's geocoding and forecast APIs on loopback, in the real response shapes.
 * Its geocoder knows real world cities, those of {@link WorldCities} (GeoNames' cities of 100,000
 * people or more and every capital) and no others; its forecast is made up: the same place always
 * gets the same weather, warmer nearer the equator, and a few sample cities (Tokyo, Paris, …) get
 * fixed values that tests and the README can quote. The JDK's own HTTP server is enough for two
 * GET endpoints.
 */
public final class OpenMeteoStandIn implements AutoCloseable {
  /** Current weather: temperature in °C, relative humidity in %, wind in km/h, WMO code. */
  record Weather(double celsius, int humidity, double wind, int code) {}

  /** Fixed weather for sample cities, by GeoNames id. */
  private static final Map<Long, Weather> SAMPLES =
      Map.of(
          1850147L, new Weather(14.3, 58, 7.9, 2), // Tokyo
          2988507L, new Weather(9.1, 81, 14.2, 61), // Paris
          2643743L, new Weather(8.4, 87, 18.0, 3), // London
          5128581L, new Weather(6.7, 52, 12.6, 0), // New York City
          2147714L, new Weather(23.8, 64, 20.5, 1), // Sydney
          3413829L, new Weather(-1.2, 75, 31.3, 73), // Reykjavík
          360630L, new Weather(24.9, 40, 9.4, 0), // Cairo
          2950159L, new Weather(5.3, 79, 11.2, 45)); // Berlin

  /** The conditions made-up weather is drawn from: clear to cloudy, fog, rain, showers, storm. */
  private static final int[] CODES = {0, 0, 1, 1, 2, 2, 3, 3, 45, 61, 63, 80, 95};

  private final HttpServer server;

  private OpenMeteoStandIn(HttpServer server) {
    this.server = server;
  }

  /**
   * Starts the stand-in on a free loopback port, and starts reading its list of cities and the
   * countries' names on a thread of its own (a tenth of a second of work), so that the rest of the
   * agent's start-up overlaps with it rather than the first question or call waiting for it.
   */
  public static OpenMeteoStandIn start() throws IOException {
    Thread cities = new Thread(OpenMeteoStandIn::prepare, "world-cities");
    cities.setDaemon(true);
    cities.start();
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/v1/search", OpenMeteoStandIn::search);
    server.createContext("/v1/forecast", OpenMeteoStandIn::forecast);
    server.start();
    return new OpenMeteoStandIn(server);
  }

  /**
   * Loads what the first answers need: the cities and the countries' names, and the names of
   * time zones, which the JDK's server reads to write the {@code Date} header of its first
   * response ({@code EEE, dd MMM yyyy HH:mm:ss zzz}); on the first call's path that lookup took
   * about half of the weather agent's first get_weather call. Formatters share the names once
   * they are loaded.
   */
  private static void prepare() {
    PlaceNames.load();
    DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss zzz", Locale.US)
        .withZone(ZoneId.of("GMT"))
        .format(Instant.now());
  }

  /** Returns the base URL, serving both {@code /v1/search} and {@code /v1/forecast}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /**
   * Returns the weather at a place: a sample city's fixed values, else made-up values that depend
   * only on the position, so asking twice gives the same answer.
   */
  static Weather weatherAt(double latitude, double longitude) {
    for (WorldCities.City city : WorldCities.get().all()) {
      Weather sample = SAMPLES.get(city.id());
      if (sample != null
          && Math.abs(city.latitude() - latitude) < 0.01
          && Math.abs(city.longitude() - longitude) < 0.01) {
        return sample;
      }
    }
    SplittableRandom random =
        new SplittableRandom(
            Double.hashCode(Math.round(latitude * 100) / 100.0) * 31L
                + Double.hashCode(Math.round(longitude * 100) / 100.0));
    double celsius = 29 - 0.55 * Math.max(0, Math.abs(latitude) - 12) + random.nextDouble(-5, 5);
    int code = CODES[random.nextInt(CODES.length)];
    if (celsius < 0.5 && (code == 61 || code == 63 || code == 80)) {
      code = code == 80 ? 85 : 71 + (code - 61); // Rain turns to snow below freezing.
    }
    return new Weather(
        Math.round(celsius * 10) / 10.0,
        random.nextInt(30, 96),
        Math.round(random.nextDouble(0, 35) * 10) / 10.0,
        code);
  }

  private static void search(HttpExchange exchange) throws IOException {
    String name = query(exchange).getOrDefault("name", "");
    String body =
        WorldCities.get()
            .find(name)
            .map(
                c ->
                    String.format(
                        Locale.ROOT,
                        "{\"results\":[{\"id\":%d,\"name\":\"%s\",\"latitude\":%s,"
                            + "\"longitude\":%s,\"feature_code\":\"PPL\",\"country_code\":\"%s\","
                            + "\"population\":%d,\"country\":\"%s\"}],\"generationtime_ms\":0.4}",
                        c.id(),
                        c.name().replace("\\", "\\\\").replace("\"", "\\\""),
                        c.latitude(),
                        c.longitude(),
                        c.countryCode(),
                        c.population(),
                        c.country()))
            .orElse("{\"generationtime_ms\":0.3}");
    respond(exchange, body);
  }

  private static void forecast(HttpExchange exchange) throws IOException {
    Map<String, String> query = query(exchange);
    double latitude;
    double longitude;
    try {
      latitude = Double.parseDouble(query.getOrDefault("latitude", ""));
      longitude = Double.parseDouble(query.getOrDefault("longitude", ""));
    } catch (NumberFormatException e) {
      respond(
          exchange, 400, "{\"error\":true,\"reason\":\"latitude and longitude must be numbers\"}");
      return;
    }
    boolean fahrenheit = "fahrenheit".equals(query.get("temperature_unit"));
    Weather weather = weatherAt(latitude, longitude);
    double temperature =
        fahrenheit ? Math.round((weather.celsius() * 9 / 5 + 32) * 10) / 10.0 : weather.celsius();
    respond(
        exchange,
        String.format(
            Locale.ROOT,
            "{\"latitude\":%s,\"longitude\":%s,\"generationtime_ms\":0.05,\"utc_offset_seconds\":0,"
                + "\"timezone\":\"GMT\",\"current_units\":{\"time\":\"iso8601\",\"interval\":\"seconds\","
                + "\"temperature_2m\":\"%s\",\"relative_humidity_2m\":\"%%\",\"wind_speed_10m\":\"km/h\","
                + "\"weather_code\":\"wmo code\"},\"current\":{\"time\":\"2026-11-24T10:00\","
                + "\"interval\":900,\"temperature_2m\":%s,\"relative_humidity_2m\":%d,"
                + "\"wind_speed_10m\":%s,\"weather_code\":%d}}",
            latitude,
            longitude,
            fahrenheit ? "°F" : "°C",
            temperature,
            weather.humidity(),
            weather.wind(),
            weather.code()));
  }

  private static Map<String, String> query(HttpExchange exchange) {
    Map<String, String> query = new HashMap<>();
    String raw = exchange.getRequestURI().getRawQuery();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          query.put(
              URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
              URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
    }
    return query;
  }

  private static void respond(HttpExchange exchange, String body) throws IOException {
    respond(exchange, 200, body);
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("content-type", "application/json; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
