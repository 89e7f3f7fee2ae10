package dev.toolstream.store;

/**
 * A write was fenced off: the caller no longer holds the run, because its lease expired and
 * another instance claimed it, or the run ended. The caller must stop working on the run; the new
 * owner goes on from the last stored step.
 */
public final class LeaseLostException extends StoreException {
  private static final long serialVersionUID = 1L;

  /**
   * Makes the exception.
   *
   * @param runId the run
   * @param owner the instance that tried to write
   */
  public LeaseLostException(String runId, String owner) {
    super(
        "run "
            + runId
            + " is no longer held by "
            + owner
            + ": its lease expired and another instance claimed it, or the run ended;"
            + " stop working on it (the new owner continues from the last stored step)");
  }
}
