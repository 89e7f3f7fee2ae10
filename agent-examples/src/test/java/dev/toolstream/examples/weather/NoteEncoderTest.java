package dev.toolstream.examples.weather;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** A note is written as the pattern {@code note: %msg%n%nopex} writes it. */
class NoteEncoderTest {
  @Test
  void writesWhatThePatternWrites() {
    LoggerContext context = new LoggerContext();
    PatternLayoutEncoder pattern = new PatternLayoutEncoder();
    pattern.setContext(context);
    pattern.setPattern("note: %msg%n%nopex");
    pattern.start();
    NoteEncoder note = new NoteEncoder();
    note.setContext(context);
    note.start();
    LoggingEvent withArguments =
        new LoggingEvent(
            "fqcn",
            context.getLogger("dev.toolstream.client"),
            Level.WARN,
            "retrying in {} ms after {}",
            null,
            new Object[] {250, "HTTP 529"});
    LoggingEvent withThrowable =
        new LoggingEvent(
            "fqcn",
            context.getLogger("okhttp3"),
            Level.ERROR,
            "connection failed",
            new IOException("refused"),
            null);
    for (LoggingEvent event : new LoggingEvent[] {withArguments, withThrowable}) {
      assertThat(new String(note.encode(event))).isEqualTo(new String(pattern.encode(event)));
    }
    assertThat(new String(note.encode(withArguments)))
        .isEqualTo("note: retrying in 250 ms after HTTP 529" + System.lineSeparator());
    assertThat(note.headerBytes()).isEqualTo(pattern.headerBytes());
    assertThat(note.footerBytes()).isEqualTo(pattern.footerBytes());
  }
}
