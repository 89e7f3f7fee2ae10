package dev.toolstream.examples.weather;

import dev.toolstream.examples.weather.offline.OpenMeteoStandIn;
import dev.toolstream.mcp.McpServing;
import dev.toolstream.mcp.McpToolServer;
import dev.toolstream.tools.AnnotatedTools;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.function.Function;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * {@code weather-agent --mcp}: serves {@code get_weather} as an MCP server over stdin and stdout,
 * for Claude Desktop, Claude Code or any MCP client, on Open-Meteo ({@code OPEN_METEO_URL} and
 * {@code OPEN_METEO_GEOCODING_URL} override it) or, with {@code --offline}, on the stand-in's
 * sample data. The client is the model here, so no Claude is involved and no API key is needed.
 */
final class WeatherMcp {
  private WeatherMcp() {}

  /**
   * Serves until the client closes stdin. Nothing but MCP messages goes to {@code out}; the notes
   * go to {@code err}, where logging already goes.
   *
   * @return the exit status: 0 once the client has gone, {@link Failures#USAGE} if the stand-in
   *     cannot start or an Open-Meteo URL in {@code env} is not one
   */
  static int serve(
      Function<String, String> env,
      boolean offline,
      Duration toolTimeout,
      PrintStream out,
      PrintStream err) {
    @Nullable OpenMeteoUrls openMeteo = null;
    if (!offline) { // The stand-in answers instead: the variables are not read.
      try {
        openMeteo = OpenMeteoUrls.fromEnv(env);
      } catch (IllegalArgumentException e) {
        err.println("error: " + e.getMessage());
        return Failures.USAGE;
      }
    }
    OkHttpClient http = new OkHttpClient();
    @Nullable OpenMeteoStandIn standIn = null;
    try {
      String forecast;
      String geocoding;
      if (openMeteo != null) {
        forecast = openMeteo.forecast();
        geocoding = openMeteo.geocoding();
      } else {
        standIn = OpenMeteoStandIn.start();
        forecast = standIn.baseUrl();
        geocoding = standIn.baseUrl();
        err.println("note: --offline: get_weather answers with made-up weather for real cities, from " + forecast);
      }
      McpToolServer server =
          McpToolServer.builder()
              .name("weather")
              .version("1.0.0")
              .tools(AnnotatedTools.from(new WeatherTools(http, forecast, geocoding)))
              .toolTimeout(toolTimeout)
              .build();
      try (McpServing serving = server.serveStdio(System.in, out)) {
        err.println("note: serving get_weather over MCP on stdio until stdin closes");
        serving.awaitClose();
      }
      return 0;
    } catch (IOException e) {
      err.println("error: cannot start the Open-Meteo stand-in on loopback: " + e.getMessage());
      return Failures.USAGE;
    } finally {
      if (standIn != null) {
        standIn.close();
      }
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
  }
}
