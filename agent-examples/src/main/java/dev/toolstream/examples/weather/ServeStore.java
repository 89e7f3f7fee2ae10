package dev.toolstream.examples.weather;

import dev.toolstream.agent.Agent;
import dev.toolstream.store.DurableAgent;
import dev.toolstream.store.JdbcRunStore;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Where {@code --serve} keeps conversations and runs: the store {@code --store} names (an H2 file
 * in the home folder by default), and the durable agent a server runs on it.
 */
final class ServeStore {
  /** How long a dead server's runs wait before another server takes them over. */
  static final Duration LEASE = Duration.ofSeconds(30);

  /** The environment variable naming the database user, when the URL does not. */
  static final String USER_ENV = "TOOLSTREAM_STORE_USER";

  /** The environment variable holding the database password, when the URL does not. */
  static final String PASSWORD_ENV = "TOOLSTREAM_STORE_PASSWORD";

  private ServeStore() {}

  /**
   * Opens the store at {@code url}, or the default H2 file {@code ~/.toolstream/weather-agent}
   * when it is null, logging in as {@value #USER_ENV} with {@value #PASSWORD_ENV} when set.
   *
   * @throws dev.toolstream.store.StoreException if it cannot be opened; the message never holds
   *     the password
   * @throws IllegalArgumentException if the URL is not one the store supports
   */
  static JdbcRunStore open(@Nullable String url, Function<String, String> env) {
    if (url == null) {
      return JdbcRunStore.h2(
          Path.of(System.getProperty("user.home"), ".toolstream", "weather-agent"));
    }
    String user = env.apply(USER_ENV);
    if (user == null || user.isBlank()) {
      return JdbcRunStore.open(url);
    }
    String password = env.apply(PASSWORD_ENV);
    return JdbcRunStore.open(url, user, password == null ? "" : password);
  }

  /**
   * Returns a durable agent on {@code store} for a server bound to {@code address}:{@code port}.
   * Its owner id names this machine and the address, which no two live servers share and a server
   * restarted on the same port has again, so that the restarted server takes its runs back at
   * once.
   */
  static DurableAgent durable(Agent agent, JdbcRunStore store, String address, int port) {
    return DurableAgent.builder(agent, store)
        .owner("weather@" + machine() + "/" + address + ":" + port)
        .lease(LEASE)
        .build();
  }

  private static String machine() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException | RuntimeException e) {
      return "localhost";
    }
  }
}
