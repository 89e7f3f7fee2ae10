package dev.toolstream.mcp;

/**
 * Says whether an {@link McpConnection} whose server failed connects again. A reconnection happens
 * when a tool of the server is next called, on that call's thread; the call then goes to the new
 * session. Other calls of the server's tools wait for it meanwhile, as long as their thread is not
 * interrupted (by their timeout or a cancelled run). Immutable.
 */
public final class ReconnectPolicy {
  private final int attempts;

  private ReconnectPolicy(int attempts) {
    this.attempts = attempts;
  }

  /**
   * Never reconnects: once the server failed, every call of its tools answers the model with an
   * error saying so.
   *
   * @return a policy of no attempts
   */
  public static ReconnectPolicy never() {
    return new ReconnectPolicy(0);
  }

  /**
   * Reconnects when a tool of the failed server is next called, trying at most {@code attempts}
   * times in a row (one try per call) before giving up for good; a success starts the count again.
   * The default is {@code onNextCall(3)}.
   *
   * @param attempts how many failed reconnections in a row to allow, at least 1
   * @return the policy
   * @throws IllegalArgumentException if {@code attempts} is below 1
   */
  public static ReconnectPolicy onNextCall(int attempts) {
    if (attempts < 1) {
      throw new IllegalArgumentException(
          "attempts must be at least 1, was " + attempts + "; use ReconnectPolicy.never()");
    }
    return new ReconnectPolicy(attempts);
  }

  /** Returns whether a reconnection may be tried after {@code failedAttempts} in a row. */
  boolean allows(int failedAttempts) {
    return failedAttempts < attempts;
  }

  @Override
  public String toString() {
    return attempts == 0
        ? "ReconnectPolicy.never()"
        : "ReconnectPolicy.onNextCall(" + attempts + ")";
  }
}
