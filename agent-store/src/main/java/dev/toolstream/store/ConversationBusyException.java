package dev.toolstream.store;

/**
 * A conversation's next run could not start: its previous run has not ended. The runs of one
 * conversation take turns, as the messages they add do; two at once would each answer without
 * the other's messages and add theirs in whichever order they finished. Start the next run once
 * {@link #run()} is done, failed or cancelled; if it waits for approval, decide its calls first,
 * and a run that no instance holds (decided, or released) goes on once it is resumed.
 */
public final class ConversationBusyException extends StoreException {
  private static final long serialVersionUID = 1L;

  /** The conversation whose next run was refused. */
  private final String conversationId;
  private final transient RunRecord run;

  /**
   * Makes the exception.
   *
   * @param conversationId the conversation
   * @param run the conversation's run that has not ended, as stored
   */
  public ConversationBusyException(String conversationId, RunRecord run) {
    super(message(conversationId, run));
    this.conversationId = conversationId;
    this.run = run;
  }

  private static String message(String conversationId, RunRecord run) {
    String prefix = "conversation " + conversationId + " has a run that has not ended (" + run.runId();
    if (run.status() == RunStatus.WAITING_FOR_APPROVAL) {
      return prefix + ", waiting for approval of " + run.awaitingApproval()
          + "): approve or deny those calls and let that run end before asking the next question";
    }
    if (run.owner() == null) {
      // Decided, or released by an instance that stopped: it ends only once something resumes it.
      return prefix + ", " + run.status() + ", held by no instance): resume it"
          + " (DurableAgent.resume, or the recovery of any instance) and start the next run once"
          + " it has ended";
    }
    return prefix + ", " + run.status() + "): start the next run once that one has ended";
  }

  /**
   * Returns the conversation whose run was refused.
   *
   * @return its id
   */
  public String conversationId() {
    return conversationId;
  }

  /**
   * Returns the conversation's run that has not ended, as stored when the new one was refused.
   *
   * @return its row: id, status and, if it waits, the calls it waits for
   */
  public RunRecord run() {
    return run;
  }
}
