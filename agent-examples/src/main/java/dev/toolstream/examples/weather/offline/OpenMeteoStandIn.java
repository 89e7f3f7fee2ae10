package dev.toolstream.examples.weather.offline;

import dev.toolstream.testkit.internal.HttpRequest;
import dev.toolstream.testkit.internal.LoopbackServer;
import dev.toolstream.testkit.internal.Response;
import dev.toolstream.testkit.internal.Transport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A stand-in for Open-Meteo's geocoding and forecast APIs on loopback, in the real response shapes.
 * Its geocoder knows real world cities, those of {@link WorldCities} (GeoNames' cities of 100,000
 * people or more and every capital) and no others; its forecast is made up: the same place always
 * gets the same weather, warmer nearer the equator, and a few sample cities (Tokyo, Paris, …) get
 * fixed values that tests and the README can quote. It is served by the test kit's loopback HTTP
 * server, which the simulated Claude already runs on, rather than the JDK's {@code
 * com.sun.net.httpserver}: that one took some 190 more classes to load at start-up, the time-zone
 * names its {@code Date} header needs among them, and made the first call several times slower.
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

  /** Fixed bodies only: no chunks and no pauses to configure. */
  private static final Transport FIXED_BODIES =
      new Transport(new OneChunkPerFrame(), Duration.ZERO);

  private static final List<Map.Entry<String, String>> JSON_HEADERS =
      List.of(Map.entry("content-type", "application/json; charset=utf-8"));

  private final LoopbackServer server;

  private OpenMeteoStandIn(LoopbackServer server) {
    this.server = server;
  }

  /**
   * Starts the stand-in on a free loopback port, and starts reading its list of cities and the
   * countries' names on a thread of its own (a tenth of a second of work), so that the rest of the
   * agent's start-up overlaps with it rather than the first question or call waiting for it.
   *
   * @throws IOException if it cannot listen on loopback
   */
  public static OpenMeteoStandIn start() throws IOException {
    Thread cities = new Thread(new CityLoader(), "world-cities");
    cities.setDaemon(true);
    cities.start();
    try {
      return new OpenMeteoStandIn(
          new LoopbackServer(new Routes(), FIXED_BODIES, 0, new Daemons()));
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** Returns the base URL, serving both {@code /v1/search} and {@code /v1/forecast}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.port();
  }

  /** Loads the cities and the countries' names, which the first question and call need. */
  private static final class CityLoader implements Runnable {
    @Override
    public void run() {
      PlaceNames.load();
    }
  }

  /** Answers {@code /v1/search} and {@code /v1/forecast}, and 404 to anything else. */
  private static final class Routes implements LoopbackServer.Handler {
    @Override
    public Response respond(HttpRequest request) {
      String target = request.target();
      int question = target.indexOf('?');
      String path = question < 0 ? target : target.substring(0, question);
      Map<String, String> query = query(question < 0 ? null : target.substring(question + 1));
      switch (path) {
        case "/v1/search":
          return search(query);
        case "/v1/forecast":
          return forecast(query);
        default:
          return json(404, "{\"error\":true,\"reason\":\"Not Found\"}");
      }
    }
  }

  /** Sends each fixed body as it is; the stand-in streams nothing. */
  private static final class OneChunkPerFrame implements Supplier<IntSupplier>, IntSupplier {
    @Override
    public IntSupplier get() {
      return this;
    }

    @Override
    public int getAsInt() {
      return 0;
    }
  }

  /** Daemon threads named {@code OpenMeteoStandIn-N}, so that the stand-in never keeps a JVM up. */
  private static final class Daemons implements ThreadFactory {
    private final AtomicInteger count = new AtomicInteger();

    @Override
    public Thread newThread(Runnable task) {
      Thread thread = new Thread(task, "OpenMeteoStandIn-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    }
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

  private static Response search(Map<String, String> query) {
    String name = query.getOrDefault("name", "");
    WorldCities.City c = WorldCities.get().find(name).orElse(null);
    if (c == null) {
      return json(200, "{\"generationtime_ms\":0.3}");
    }
    return json(
        200,
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
            c.country()));
  }

  private static Response forecast(Map<String, String> query) {
    double latitude;
    double longitude;
    try {
      latitude = Double.parseDouble(query.getOrDefault("latitude", ""));
      longitude = Double.parseDouble(query.getOrDefault("longitude", ""));
    } catch (NumberFormatException e) {
      return json(400, "{\"error\":true,\"reason\":\"latitude and longitude must be numbers\"}");
    }
    boolean fahrenheit = "fahrenheit".equals(query.get("temperature_unit"));
    Weather weather = weatherAt(latitude, longitude);
    double temperature =
        fahrenheit ? Math.round((weather.celsius() * 9 / 5 + 32) * 10) / 10.0 : weather.celsius();
    return json(
        200,
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

  /** Returns the query's parameters, decoded; the last of a repeated name wins. */
  private static Map<String, String> query(@Nullable String raw) {
    Map<String, String> query = new HashMap<>();
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

  private static Response json(int status, String body) {
    return Response.fixed(status, JSON_HEADERS, body.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void close() {
    server.close();
  }
}
