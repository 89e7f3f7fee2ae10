package dev.toolstream.examples.weather;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code weather-agent --serve} in a JVM of its own (java from {@code java.home}, the test class
 * path), so that a test can kill it with SIGKILL. Its stderr is read until it says where it
 * serves.
 */
final class ServerProcess implements AutoCloseable {
  private static final Pattern SERVING = Pattern.compile("serving on (http://\\S+/)");

  private final Process process;
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final CountDownLatch serving = new CountDownLatch(1);
  private volatile URI url;

  private ServerProcess(Process process) {
    this.process = process;
    Thread reader = new Thread(this::read, "server-process-stderr");
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Starts a server on {@code port} (0 for any) keeping its runs at {@code storeUrl}, with Claude
   * at {@code claudeUrl} and Open-Meteo at {@code openMeteoUrl}.
   */
  static ServerProcess start(int port, String storeUrl, String claudeUrl, String openMeteoUrl) {
    String classPath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder builder =
        new ProcessBuilder(
                java.toString(),
                "-cp",
                classPath,
                WeatherAgent.class.getName(),
                "--serve",
                "--port",
                Integer.toString(port),
                "--store",
                storeUrl)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(name -> name.startsWith("ANTHROPIC_") || name.startsWith("OTEL_"));
    env.put("ANTHROPIC_BASE_URL", claudeUrl);
    env.put("ANTHROPIC_API_KEY", "test");
    env.put("OPEN_METEO_URL", openMeteoUrl);
    env.put("OPEN_METEO_GEOCODING_URL", openMeteoUrl);
    try {
      return new ServerProcess(builder.start());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + java, e);
    }
  }

  /** Waits until the server says where it serves, and returns that URL. */
  URI awaitUrl(Duration timeout) throws InterruptedException {
    assertThat(serving.await(timeout.toMillis(), TimeUnit.MILLISECONDS))
        .as("the server says where it serves; its stderr: %s", lines)
        .isTrue();
    return url;
  }

  /** Kills the server with SIGKILL: no shutdown hook runs, nothing more is written. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    assertThat(process.waitFor(1, TimeUnit.MINUTES)).as("the server died").isTrue();
  }

  /** Returns what the server wrote to stderr so far. */
  List<String> lines() {
    return lines;
  }

  private void read() {
    try (BufferedReader err =
        new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = err.readLine()) != null; ) {
        lines.add(line);
        Matcher matcher = SERVING.matcher(line);
        if (matcher.find()) {
          url = URI.create(matcher.group(1));
          serving.countDown();
        }
      }
    } catch (IOException killed) {
      // The process is gone.
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }
}
