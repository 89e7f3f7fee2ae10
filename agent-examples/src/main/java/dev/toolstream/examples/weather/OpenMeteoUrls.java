package dev.toolstream.examples.weather;

import java.util.function.Function;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;

/**
 * Where {@code get_weather} asks Open-Meteo: its forecast API ({@code OPEN_METEO_URL}) and its
 * geocoding API ({@code OPEN_METEO_GEOCODING_URL}), each defaulting to Open-Meteo's own.
 *
 * @param forecast the forecast API's base URL
 * @param geocoding the geocoding API's base URL
 */
record OpenMeteoUrls(String forecast, String geocoding) {
  /**
   * Reads both from the environment; an unset or blank variable takes the default.
   *
   * @throws IllegalArgumentException if one is set to something that is not an http or https
   *     URL, naming the variable and what to set it to
   */
  static OpenMeteoUrls fromEnv(Function<String, String> env) {
    return new OpenMeteoUrls(
        url("OPEN_METEO_URL", env.apply("OPEN_METEO_URL"), "https://api.open-meteo.com"),
        url(
            "OPEN_METEO_GEOCODING_URL",
            env.apply("OPEN_METEO_GEOCODING_URL"),
            "https://geocoding-api.open-meteo.com"));
  }

  private static String url(String name, @Nullable String value, String fallback) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    if (HttpUrl.parse(value.strip()) == null) {
      throw new IllegalArgumentException(
          name + " \"" + value + "\" is not an http or https URL; set it to one such as "
              + fallback + ", or unset it");
    }
    return value.strip();
  }
}
