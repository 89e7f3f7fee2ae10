package dev.toolstream.examples.weather.offline;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A stand-in for Open-Meteo's geocoding and forecast APIs on loopback, with sample data for a few
 * cities in the real response shapes. The JDK's own HTTP server is enough for two GET endpoints.
 */
public final class OpenMeteoStandIn implements AutoCloseable {
  /** A sample city and its sample current weather. */
  record City(
      String name, String country, double latitude, double longitude, double celsius, int humidity,
      double wind, int code) {}

  static final List<City> CITIES =
      List.of(
          new City("Tokyo", "Japan", 35.6895, 139.69171, 14.3, 58, 7.9, 2),
          new City("Paris", "France", 48.85341, 2.3488, 9.1, 81, 14.2, 61),
          new City("London", "United Kingdom", 51.50853, -0.12574, 8.4, 87, 18.0, 3),
          new City("New York", "United States", 40.71427, -74.00597, 6.7, 52, 12.6, 0),
          new City("Sydney", "Australia", -33.86785, 151.20732, 23.8, 64, 20.5, 1),
          new City("Reykjavik", "Iceland", 64.13548, -21.89541, -1.2, 75, 31.3, 73),
          new City("Cairo", "Egypt", 30.06263, 31.24967, 24.9, 40, 9.4, 0),
          new City("Berlin", "Germany", 52.52437, 13.41053, 5.3, 79, 11.2, 45));

  private final HttpServer server;

  private OpenMeteoStandIn(HttpServer server) {
    this.server = server;
  }

  /** Starts the stand-in on a free loopback port. */
  public static OpenMeteoStandIn start() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/v1/search", OpenMeteoStandIn::search);
    server.createContext("/v1/forecast", OpenMeteoStandIn::forecast);
    server.start();
    return new OpenMeteoStandIn(server);
  }

  /** Returns the base URL, serving both {@code /v1/search} and {@code /v1/forecast}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Returns the sample city whose name {@code text} mentions first, by position. */
  static Optional<City> find(String name) {
    return CITIES.stream().filter(c -> c.name().equalsIgnoreCase(name.trim())).findFirst();
  }

  private static void search(HttpExchange exchange) throws IOException {
    String name = query(exchange).getOrDefault("name", "");
    Optional<City> city = find(name);
    String body =
        city.map(
                c ->
                    String.format(
                        Locale.ROOT,
                        "{\"results\":[{\"id\":%d,\"name\":\"%s\",\"latitude\":%s,\"longitude\":%s,"
                            + "\"country\":\"%s\"}],\"generationtime_ms\":0.4}",
                        Math.abs(c.name().hashCode()),
                        c.name(),
                        c.latitude(),
                        c.longitude(),
                        c.country()))
            .orElse("{\"generationtime_ms\":0.3}");
    respond(exchange, body);
  }

  private static void forecast(HttpExchange exchange) throws IOException {
    Map<String, String> query = query(exchange);
    double latitude = Double.parseDouble(query.getOrDefault("latitude", "0"));
    boolean fahrenheit = "fahrenheit".equals(query.get("temperature_unit"));
    City city =
        CITIES.stream()
            .min((a, b) -> Double.compare(Math.abs(a.latitude() - latitude), Math.abs(b.latitude() - latitude)))
            .orElseThrow();
    double temperature = fahrenheit ? Math.round((city.celsius() * 9 / 5 + 32) * 10) / 10.0 : city.celsius();
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
            city.latitude(),
            city.longitude(),
            fahrenheit ? "°F" : "°C",
            temperature,
            city.humidity(),
            city.wind(),
            city.code()));
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
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("content-type", "application/json; charset=utf-8");
    exchange.sendResponseHeaders(200, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
