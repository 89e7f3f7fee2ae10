package dev.toolstream.store;

/** Where a stored run stands. */
public enum RunStatus {
  /**
   * The run is going on, or can go on: held by the owner whose lease is live, or claimable when it
   * has no owner or its lease has expired.
   */
  RUNNING,
  /** The run stopped before tool calls that need a person's decision; it holds no lease. */
  WAITING_FOR_APPROVAL,
  /** The model finished; the run's history is complete. */
  DONE,
  /** The run failed; {@link RunRecord#error()} says why. */
  FAILED,
  /** The run was cancelled. */
  CANCELLED;

  /**
   * Tells whether the run has ended for good: done, failed or cancelled.
   *
   * @return true for {@link #DONE}, {@link #FAILED} and {@link #CANCELLED}
   */
  public boolean isFinal() {
    return this == DONE || this == FAILED || this == CANCELLED;
  }
}
