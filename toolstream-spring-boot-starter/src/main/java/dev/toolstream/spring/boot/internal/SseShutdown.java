package dev.toolstream.spring.boot.internal;

import dev.toolstream.spring.boot.AgentSse;
import java.util.List;
import org.springframework.context.SmartLifecycle;

/**
 * Closes the application's {@link AgentSse} beans as the context begins to stop, in the first
 * phase: before the web server's graceful shutdown, which would otherwise wait its whole timeout
 * for every stream still open and then cut it without a last event, while its run went on.
 */
public final class SseShutdown implements SmartLifecycle {
  private final List<AgentSse> streams;
  private volatile boolean running;

  /**
   * Closes {@code streams} when the context stops.
   *
   * @param streams the application's stream helpers
   */
  public SseShutdown(List<AgentSse> streams) {
    this.streams = List.copyOf(streams);
  }

  @Override
  public void start() {
    running = true;
  }

  /** Cancels the runs of the streams still open, whose clients get a {@code cancelled} error. */
  @Override
  public void stop() {
    running = false;
    streams.forEach(AgentSse::close);
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
