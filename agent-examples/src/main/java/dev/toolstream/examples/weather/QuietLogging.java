package dev.toolstream.examples.weather;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.spi.ContextAwareBase;
import org.slf4j.Logger;

/**
 * Logback's start-up configuration for the weather agent, found through the service loader:
 * warnings and errors only, and no appender until {@link WeatherAgent} routes them to its stderr.
 * Logback's own default would print every debug line to stdout, which carries only the answer,
 * and costs a search for configuration files and a pattern parser at every start.
 */
public final class QuietLogging extends ContextAwareBase implements Configurator {
  /** Called by Logback's service loader. */
  public QuietLogging() {}

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.WARN);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }
}
