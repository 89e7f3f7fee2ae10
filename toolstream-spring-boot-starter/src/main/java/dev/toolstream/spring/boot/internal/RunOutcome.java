package dev.toolstream.spring.boot.internal;

import dev.toolstream.sse.RunEvent;
import dev.toolstream.sse.RunEvents;
import dev.toolstream.sse.SetupHints;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The terminal {@code error} event of a streamed run that failed, the failure itself logged. */
public final class RunOutcome {
  private static final Logger log = LoggerFactory.getLogger("dev.toolstream.spring.boot");

  /** Where a Spring application sets the key and the model, for the error sentences. */
  private static final SetupHints HINTS =
      new SetupHints("toolstream.api-key (or ANTHROPIC_API_KEY)", "toolstream.agent.model");

  private RunOutcome() {}

  /**
   * Returns the {@code error} event of a run that ended with {@code failure}; the details of a
   * failure other than a cancellation go to the log, never to the page.
   *
   * @param failure what the run's future completed with
   * @return the {@code error} event
   */
  public static RunEvent failed(@Nullable Throwable failure) {
    RunEvent event = RunEvents.failure(failure, HINTS);
    if (!event.data().path("type").asString("").equals("cancelled")) {
      log.warn("A streamed run failed ({})", event.json(), failure);
    }
    return event;
  }
}
