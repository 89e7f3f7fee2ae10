package dev.toolstream.agent;

import dev.toolstream.messages.MessageParam;
import dev.toolstream.messages.Usage;
import java.util.List;

/**
 * The run used its {@link Agent.Builder#maxTurns(int) turn limit} and the model still wanted to go
 * on. The last turn's tool calls ran and their results end the {@link #history()}, so passing it
 * to {@link Agent#run(List)} continues where the run stopped.
 */
public final class TurnLimitException extends AgentException {
  private static final long serialVersionUID = 1L;

  private final int maxTurns;

  /** Returns the exception for a run that reached {@code maxTurns}. */
  public TurnLimitException(int maxTurns, List<MessageParam> history, List<Usage> turnUsage) {
    super(
        "the run reached its limit of "
            + maxTurns
            + " turns and the model still wanted to continue; raise maxTurns, or pass history()"
            + " to run(...) to go on",
        history,
        turnUsage,
        null);
    this.maxTurns = maxTurns;
  }

  /** Returns the limit that was reached. */
  public int maxTurns() {
    return maxTurns;
  }
}
