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

  /** The turn limit the run reached. */
  private final int maxTurns;

  /**
   * Makes the exception for a run that reached its turn limit. Created by the loop; public for
   * tests of code that handles it.
   *
   * @param maxTurns the limit reached, named in the message
   * @param history the conversation, ending with the last turn's tool results, copied
   * @param turnUsage the usage of each turn, copied
   */
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

  /**
   * Tells which limit the run reached, such as to raise it and run the history again.
   *
   * @return the agent's {@link Agent.Builder#maxTurns(int)}
   */
  public int maxTurns() {
    return maxTurns;
  }
}
