package dev.toolstream.examples.weather;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Open-Meteo on loopback for the crash tests: it knows Tokyo, counts the forecast requests, and
 * holds the first one until {@link #release} (or until it gives up after a minute), so that a
 * test can kill the server whose tool call waits for it.
 */
final class BlockingOpenMeteo implements AutoCloseable {
  private static final String TOKYO =
      "{\"results\":[{\"id\":1850147,\"name\":\"Tokyo\",\"latitude\":35.6895,"
          + "\"longitude\":139.69171,\"country\":\"Japan\"}]}";
  private static final String FORECAST =
      "{\"current_units\":{\"temperature_2m\":\"°C\",\"relative_humidity_2m\":\"%\","
          + "\"wind_speed_10m\":\"km/h\"},\"current\":{\"temperature_2m\":14.3,"
          + "\"relative_humidity_2m\":58,\"wind_speed_10m\":7.9,\"weather_code\":2}}";

  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final AtomicInteger forecasts = new AtomicInteger();
  private final CountDownLatch firstForecast = new CountDownLatch(1);
  private final CountDownLatch released = new CountDownLatch(1);

  BlockingOpenMeteo() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(threads);
    server.createContext("/v1/search", exchange -> respond(exchange, TOKYO));
    server.createContext("/v1/forecast", this::forecast);
    server.start();
  }

  /** Returns the base URL, for both {@code OPEN_METEO_URL} and {@code OPEN_METEO_GEOCODING_URL}. */
  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Waits until the first forecast request has arrived (and is being held). */
  boolean awaitFirstForecast(Duration timeout) throws InterruptedException {
    return firstForecast.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Returns how many forecast requests arrived: how many times get_weather ran. */
  int forecasts() {
    return forecasts.get();
  }

  /** Lets the held request go. */
  void release() {
    released.countDown();
  }

  private void forecast(HttpExchange exchange) throws IOException {
    if (forecasts.incrementAndGet() == 1) {
      firstForecast.countDown();
      try {
        if (!released.await(1, TimeUnit.MINUTES)) {
          exchange.close();
          return;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        exchange.close();
        return;
      }
    }
    respond(exchange, FORECAST);
  }

  private static void respond(HttpExchange exchange, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    exchange.sendResponseHeaders(200, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    release();
    server.stop(0);
    threads.shutdownNow();
  }
}
