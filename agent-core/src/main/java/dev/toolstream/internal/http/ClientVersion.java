package dev.toolstream.internal.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The library's version, read once from the jar, and the user agent that names it. */
public final class ClientVersion {
  /** The version, such as {@code 0.1.0}; {@code unknown} outside a built jar. */
  public static final String VERSION = read();

  /** The {@code user-agent} sent with every request. */
  public static final String USER_AGENT =
      "Toolstream/" + VERSION + " (Java " + System.getProperty("java.version") + ")";

  private ClientVersion() {}

  private static String read() {
    try (InputStream in = ClientVersion.class.getResourceAsStream("/dev/toolstream/toolstream.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
