package dev.toolstream.examples.weather;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.encoder.EncoderBase;

/**
 * Writes a log event as a note, {@code note: message}, without its stack trace: what the pattern
 * {@code note: %msg%n%nopex} writes, without Logback's pattern parser, which loads some 150
 * classes at every start for a pattern that never changes. {@code --verbose} keeps the pattern.
 */
final class NoteEncoder extends EncoderBase<ILoggingEvent> {
  private static final byte[] NONE = new byte[0];

  @Override
  public byte[] headerBytes() {
    return NONE;
  }

  @Override
  public byte[] encode(ILoggingEvent event) {
    // As PatternLayoutEncoder, with no charset set, in the platform's default charset.
    return ("note: " + event.getFormattedMessage() + CoreConstants.LINE_SEPARATOR).getBytes();
  }

  @Override
  public byte[] footerBytes() {
    return NONE;
  }
}
