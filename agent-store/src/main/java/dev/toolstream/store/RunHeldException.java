package dev.toolstream.store;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A run could not be claimed: another instance holds it with a live lease, or the run is not in a
 * state that can go on (it ended, or still waits for a decision).
 */
public final class RunHeldException extends StoreException {
  private static final long serialVersionUID = 1L;

  private final transient RunRecord run;

  /**
   * Makes the exception.
   *
   * @param message what stands in the way and what to do
   * @param run the run as stored when the claim failed
   */
  public RunHeldException(String message, RunRecord run) {
    super(message);
    this.run = run;
  }

  /**
   * Returns the run as stored when the claim failed.
   *
   * @return its row: status, owner and lease
   */
  public RunRecord run() {
    return run;
  }

  /**
   * Returns the instance holding the run.
   *
   * @return the owner, or null if nobody holds it (the run ended or waits for a decision)
   */
  public @Nullable String owner() {
    return run.owner();
  }

  /**
   * Returns when the holder's lease expires.
   *
   * @return the end of the lease, or null if nobody holds the run
   */
  public @Nullable Instant leaseUntil() {
    return run.leaseUntil();
  }
}
