package dev.toolstream.examples.weather;

/** The WMO weather interpretation codes Open-Meteo reports, in words. */
final class WmoCodes {
  private WmoCodes() {}

  static String describe(int code) {
    return switch (code) {
      case 0 -> "clear sky";
      case 1 -> "mainly clear";
      case 2 -> "partly cloudy";
      case 3 -> "overcast";
      case 45, 48 -> "fog";
      case 51, 53, 55 -> "drizzle";
      case 56, 57 -> "freezing drizzle";
      case 61 -> "slight rain";
      case 63 -> "rain";
      case 65 -> "heavy rain";
      case 66, 67 -> "freezing rain";
      case 71 -> "slight snow";
      case 73 -> "snow";
      case 75 -> "heavy snow";
      case 77 -> "snow grains";
      case 80, 81, 82 -> "rain showers";
      case 85, 86 -> "snow showers";
      case 95 -> "thunderstorm";
      case 96, 99 -> "thunderstorm with hail";
      default -> "unknown conditions";
    };
  }
}
