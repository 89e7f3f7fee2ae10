package dev.toolstream.examples.weather;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The command line's log lines reach stderr each in one write, under the stream's lock, so that a
 * line another thread prints meanwhile (a tool call, a tool's result) lands before or after it,
 * never inside it, where it would also split a key the redaction must see whole.
 */
class LogLinesTest {
  @Test
  void aLogLineReachesStderrInOneWrite() {
    List<String> writes = new CopyOnWriteArrayList<>();
    PrintStream err =
        new PrintStream(
            new OutputStream() {
              @Override
              public void write(int b) {
                writes.add(String.valueOf((char) b));
              }

              @Override
              public void write(byte[] bytes, int offset, int length) {
                writes.add(new String(bytes, offset, length, StandardCharsets.UTF_8));
              }
            },
            true,
            StandardCharsets.UTF_8);

    WeatherAgent.configureLogging(false, err);
    LoggerFactory.getLogger("dev.toolstream.agent").warn("tool get_weather (toolu_1) failed");

    assertThat(writes)
        .containsExactly("note: tool get_weather (toolu_1) failed" + System.lineSeparator());
  }
}
