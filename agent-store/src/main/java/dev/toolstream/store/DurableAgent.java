package dev.toolstream.store;

import dev.toolstream.agent.Agent;
import dev.toolstream.agent.AgentException;
import dev.toolstream.agent.AgentListener;
import dev.toolstream.agent.AgentResult;
import dev.toolstream.agent.RunState;
import dev.toolstream.messages.MessageParam;
import dev.toolstream.messages.Role;
import dev.toolstream.store.internal.Heartbeats;
import dev.toolstream.store.internal.StoreJournal;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an {@link Agent} durably: every step of a run is saved in a {@link RunStore} before the run
 * goes on, so the run survives the process that runs it.
 *
 * <p>{@link #start} and {@link #chat} run to the end on the calling thread, like {@code
 * Agent.run}, holding the run through a lease that a heartbeat renews every third of {@link
 * Builder#lease} (default 30 s). If the process dies, the lease expires and another instance on
 * the same database takes the run over with {@link #recoverAbandoned} (or {@link #resume} by id):
 * results already saved are used as they are, a call that started without a saved result is run
 * again only if its tool is {@linkplain dev.toolstream.agent.ToolSpec#idempotent() idempotent}
 * and is otherwise reported to the model as interrupted. If the heartbeat finds that another
 * instance took the run over, the local run is cancelled and writes nothing more; the caller gets
 * a {@link LeaseLostException}.
 *
 * <p>A call of a tool that {@linkplain dev.toolstream.agent.ToolSpec#requiresApproval() requires
 * approval} stops the run: its result is {@linkplain DurableResult#isAwaitingApproval() awaiting
 * approval} and the run is stored as waiting. {@link #approve} and {@link #deny} record the
 * decisions, on any instance, at any later time; once the last is recorded, {@link #resume} (or
 * {@link #recoverAbandoned} on any instance) continues the run.
 *
 * <p>A step the store cannot save fails the run (going on would do work no checkpoint records):
 * the caller gets the {@link AgentException}, and the run, still running in the store, is
 * recovered from its last saved step when its lease expires. Every instance that shares a store must run an agent with the
 * same tools, since any of them may continue any run.
 *
 * <p>Thread-safe; many runs may go on at once. {@link #close} hands this instance's runs over to
 * the others.
 */
public final class DurableAgent implements AutoCloseable {
  /** The most runs one call of {@link #recoverAbandoned} claims. */
  public static final int RECOVERY_BATCH = 32;

  private static final AtomicInteger THREADS = new AtomicInteger();
  private static final Logger log = LoggerFactory.getLogger(DurableAgent.class);

  private final Agent agent;
  private final RunStore store;
  private final String owner;
  private final Duration lease;
  private final ConversationWindow window;
  private final ExecutorService runs;
  private final Heartbeats heartbeats;
  private final Map<String, Active> active = new ConcurrentHashMap<>();
  private final AtomicBoolean adoptOwn = new AtomicBoolean(true);
  private @Nullable ScheduledFuture<?> recovery;

  private DurableAgent(Builder builder) {
    this.agent = builder.agent;
    this.store = builder.store;
    this.owner = builder.owner != null ? builder.owner : defaultOwner();
    this.lease = builder.lease;
    this.window = builder.window;
    this.runs =
        Executors.newCachedThreadPool(
            runnable -> {
              Thread thread = new Thread(runnable, "toolstream-durable-" + THREADS.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    this.heartbeats = new Heartbeats(store, owner, lease);
  }

  /**
   * Returns a builder for an agent whose runs are kept in {@code store}.
   *
   * @param agent the agent that runs the turns
   * @param store where runs are kept; shared by every instance that may take a run over
   * @return a new builder
   */
  public static Builder builder(Agent agent, RunStore store) {
    return new Builder(agent, store);
  }

  /**
   * Starts a run on one user message and runs it to its end.
   *
   * @param prompt the user's message
   * @return the run's id, status and result
   * @throws AgentException if the run fails (it is stored as failed)
   * @throws LeaseLostException if another instance took the run over
   * @throws StoreException if the store fails
   */
  public DurableResult start(String prompt) {
    return start(List.of(MessageParam.user(prompt)));
  }

  /**
   * Starts a run on a history and runs it to its end.
   *
   * @param history the messages to start from, ending with the user's
   * @return the run's id, status and result
   * @throws AgentException if the run fails (it is stored as failed)
   * @throws LeaseLostException if another instance took the run over
   * @throws StoreException if the store fails
   */
  public DurableResult start(List<MessageParam> history) {
    if (history.isEmpty()) {
      throw new IllegalArgumentException("history is empty: start a run with a user message");
    }
    String runId = newRunId();
    store.create(runId, null, 0, history, owner, lease);
    return drive(runId, RunState.start(runId, history));
  }

  /**
   * Adds a user message to a stored conversation and runs the model on it, the conversation's
   * earlier messages (within the {@linkplain Builder#window window}) before it. The run's messages
   * join the conversation when it is done. The runs of one conversation take turns: while one
   * has not ended (on any instance, recovered or waiting for approval), the next is refused.
   *
   * @param conversationId the conversation; a new id starts a new one
   * @param prompt the user's message
   * @return the run's id, status and result
   * @throws ConversationBusyException if the conversation's previous run has not ended; nothing
   *     is stored
   * @throws AgentException if the run fails (it is stored as failed; the conversation is unchanged)
   * @throws LeaseLostException if another instance took the run over
   * @throws StoreException if the store fails
   */
  public DurableResult chat(String conversationId, String prompt) {
    RunState state = openChat(conversationId, prompt);
    return drive(state.runId(), state);
  }

  /**
   * Does what {@link #chat} does on this agent's threads, telling {@code listener} of the run as
   * it goes: the way a server streams a conversation's run to a browser. The run is stored before
   * this returns. Cancelling the future cancels the run, which is stored as {@link
   * RunStatus#CANCELLED}; if this instance dies instead, another one finishes the run.
   *
   * @param conversationId the conversation; a new id starts a new one
   * @param prompt the user's message
   * @param listener told of the run's text, tool calls and results as they happen; may be null
   * @return the run's result; it fails as {@link #chat} throws
   * @throws ConversationBusyException if the conversation's previous run has not ended; nothing
   *     is stored
   * @throws StoreException if the run cannot be stored
   */
  public CompletableFuture<DurableResult> chatAsync(
      String conversationId, String prompt, @Nullable AgentListener listener) {
    RunState state = openChat(conversationId, prompt);
    return launch(state.runId(), state, listener);
  }

  /**
   * Stores a new run of a conversation and returns the state it starts from: the one the store
   * recorded, read back, as a recovered run's is. The conversation read to place the window may
   * be short by a run of it that ended before the new run was stored; the store counts that run's
   * messages in, and so does the model's request.
   */
  private RunState openChat(String conversationId, String prompt) {
    Objects.requireNonNull(conversationId, "conversationId == null");
    int from = window.keepsAll() ? 0 : window.start(store.conversation(conversationId));
    String runId = newRunId();
    store.create(runId, conversationId, from, List.of(MessageParam.user(prompt)), owner, lease);
    return store.state(runId);
  }

  /**
   * Claims a stored run and continues it from its last saved step, on the calling thread.
   *
   * @param runId the run
   * @return the run's id, status and result
   * @throws RunHeldException if another instance holds it with a live lease, it ended, or it
   *     still waits for decisions
   * @throws AgentException if the run fails (it is stored as failed)
   * @throws LeaseLostException if another instance took the run over
   * @throws StoreException if there is no such run or the store fails
   */
  public DurableResult resume(String runId) {
    store.claim(runId, owner, lease);
    return drive(runId, store.state(runId));
  }

  /**
   * Records that a person allowed a call the run waits for.
   *
   * @param runId the run
   * @param toolUseId the call's {@code tool_use} id
   * @return the run's row; {@link RunStatus#RUNNING} and claimable once no call waits any more
   * @throws StoreException if the run does not wait for a decision on that call
   */
  public RunRecord approve(String runId, String toolUseId) {
    return store.decide(runId, toolUseId, RunState.Approval.granted());
  }

  /**
   * Records that a person refused a call the run waits for; the model gets the reason as the
   * call's error result.
   *
   * @param runId the run
   * @param toolUseId the call's {@code tool_use} id
   * @param reason why, in words the model can act on
   * @return the run's row; {@link RunStatus#RUNNING} and claimable once no call waits any more
   * @throws StoreException if the run does not wait for a decision on that call
   */
  public RunRecord deny(String runId, String toolUseId, String reason) {
    return store.decide(runId, toolUseId, RunState.Approval.denied(reason));
  }

  /**
   * Claims runs nobody holds (their owner died or shut down, or the last decision on them was
   * recorded), at most {@value #RECOVERY_BATCH} per call, oldest first, and continues each on this
   * instance's threads. Instances calling this at once never take the same run; call it again
   * (as {@link #startRecovery} does) for more.
   *
   * @return one future per run claimed, completing with its result (or failing as {@link #resume}
   *     does); empty when there was nothing to recover
   * @throws StoreException if the store fails
   */
  public List<CompletableFuture<DurableResult>> recoverAbandoned() {
    List<CompletableFuture<DurableResult>> recovered = new ArrayList<>();
    for (String runId : adoptOwnRuns()) {
      recovered.add(CompletableFuture.supplyAsync(() -> drive(runId, store.state(runId)), runs));
    }
    for (String runId : store.claimAbandoned(owner, RECOVERY_BATCH, lease)) {
      recovered.add(CompletableFuture.supplyAsync(() -> drive(runId, store.state(runId)), runs));
    }
    return recovered;
  }

  /**
   * The first time, claims the runs the store holds under this instance's own id: they were left
   * by an earlier process with the same {@linkplain Builder#owner owner id}, which is gone, so
   * they need not wait for their leases to expire.
   */
  private List<String> adoptOwnRuns() {
    if (!adoptOwn.compareAndSet(true, false)) {
      return List.of();
    }
    List<String> own = new ArrayList<>();
    for (RunRecord run : store.list(RunStatus.RUNNING, Integer.MAX_VALUE)) {
      if (owner.equals(run.owner()) && !active.containsKey(run.runId())) {
        store.claim(run.runId(), owner, lease);
        own.add(run.runId());
      }
    }
    return own;
  }

  /**
   * Calls {@link #recoverAbandoned} every {@code every}, on this agent's heartbeat thread, until
   * the agent is closed: the way an instance of a fleet takes over the runs of instances that
   * died. A recovery that fails (the database is away) is logged and tried again next time.
   *
   * @param every how often to look, such as the lease; at least one second
   * @throws IllegalStateException if recovery was started already
   */
  public synchronized void startRecovery(Duration every) {
    if (every.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("every is " + every + ": look at most once a second");
    }
    if (recovery != null) {
      throw new IllegalStateException("recovery runs already: start it once per agent");
    }
    recovery =
        heartbeats.every(
            every,
            () -> {
              try {
                recoverAbandoned();
              } catch (RuntimeException e) {
                log.warn("could not recover abandoned runs, trying again in {}: {}", every, e.getMessage());
              }
            });
  }

  /**
   * Returns the id this instance holds runs under.
   *
   * @return the owner id
   */
  public String owner() {
    return owner;
  }

  /**
   * Returns the store the runs are kept in.
   *
   * @return the store
   */
  public RunStore store() {
    return store;
  }

  /**
   * Hands this instance's runs over and stops: recovery and heartbeats stop, every run going on
   * here stops writing, is cancelled and is released ({@link RunStore#release}), so that another
   * instance claims it at once and continues from its last saved step (the callers waiting for
   * those runs get a {@link LeaseLostException}). The store is left open.
   */
  @Override
  public synchronized void close() {
    if (recovery != null) {
      recovery.cancel(false);
    }
    for (Map.Entry<String, Active> entry : active.entrySet()) {
      entry.getValue().journal().leaseLost();
      entry.getValue().run().cancel(true);
      try {
        store.release(entry.getKey(), owner);
      } catch (StoreException e) {
        log.warn("run {}: could not release it; it is claimable when its lease expires: {}",
            entry.getKey(), e.getMessage());
      }
    }
    heartbeats.close();
    runs.shutdownNow();
  }

  /** A run going on here. */
  private record Active(StoreJournal journal, CompletableFuture<AgentResult> run) {}

  @Override
  public String toString() {
    return "DurableAgent{owner=" + owner + ", store=" + store + "}";
  }

  /**
   * Finishes a run whose last saved step is the model's final reply: its owner died before it
   * could record the end. Calling the model again would ask it to continue its own answer.
   */
  private @Nullable DurableResult finishedAlready(String runId, RunState state) {
    List<MessageParam> history = state.history();
    if (history.isEmpty()
        || history.get(history.size() - 1).role() != Role.ASSISTANT
        || !state.openCalls().isEmpty()) {
      return null;
    }
    List<RunStep> steps = store.steps(runId);
    for (int i = steps.size() - 1; i >= 0; i--) {
      if (steps.get(i) instanceof RunStep.Turn turn) {
        store.append(runId, owner, new RunStep.Ended(RunStatus.DONE, List.of(), null));
        return new DurableResult(
            runId, RunStatus.DONE, new AgentResult(turn.message(), history, state.turnUsage()));
      }
    }
    return null;
  }

  /** Runs the loop on a thread of its own while the heartbeat renews the lease; waits for it. */
  private DurableResult drive(String runId, RunState state) {
    CompletableFuture<DurableResult> run = launch(runId, state, null);
    try {
      return run.get();
    } catch (InterruptedException e) {
      run.cancel(true);
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while run " + runId + " went on; it was cancelled", e);
    } catch (ExecutionException e) {
      throw unwrapped(e.getCause());
    }
  }

  /**
   * Starts the loop on this agent's threads while the heartbeat renews the lease. The future
   * returned completes with the run's result or fails as {@link #resume} throws; cancelling it
   * cancels the run.
   */
  private CompletableFuture<DurableResult> launch(
      String runId, RunState state, @Nullable AgentListener listener) {
    DurableResult finished = finishedAlready(runId, state);
    if (finished != null) {
      return CompletableFuture.completedFuture(finished);
    }
    StoreJournal journal = new StoreJournal(store, owner);
    CompletableFuture<AgentResult> run = agent.resumeAsync(state, journal, listener, runs);
    active.put(runId, new Active(journal, run));
    Heartbeats.Beat beat =
        heartbeats.start(
            runId,
            () -> {
              journal.leaseLost();
              run.cancel(true);
            });
    CompletableFuture<DurableResult> outcome = new CompletableFuture<>();
    run.whenComplete(
        (result, thrown) -> {
          beat.stop();
          active.remove(runId);
          if (thrown == null) {
            RunStatus status =
                result.isAwaitingApproval() ? RunStatus.WAITING_FOR_APPROVAL : RunStatus.DONE;
            outcome.complete(new DurableResult(runId, status, result));
          } else if (run.isCancelled() && !journal.isLeaseLost()) {
            outcome.cancel(false);
          } else {
            outcome.completeExceptionally(failure(runId, journal, thrown));
          }
        });
    outcome.whenComplete(
        (result, thrown) -> {
          if (outcome.isCancelled()) {
            run.cancel(true);
          }
        });
    return outcome;
  }

  private static RuntimeException unwrapped(Throwable cause) {
    if (cause instanceof RuntimeException runtime) {
      return runtime;
    }
    if (cause instanceof Error error) {
      throw error;
    }
    return new CompletionException(cause);
  }

  private RuntimeException failure(String runId, StoreJournal journal, @Nullable Throwable cause) {
    if (journal.isLeaseLost()) {
      return new LeaseLostException(runId, owner);
    }
    if (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof RuntimeException runtime) {
      return runtime;
    }
    if (cause instanceof Error error) {
      throw error;
    }
    return new StoreException("run " + runId + " failed: " + cause, cause);
  }

  private static String newRunId() {
    return "run_" + UUID.randomUUID().toString().replace("-", "");
  }

  private static String defaultOwner() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException | RuntimeException e) {
      host = "localhost";
    }
    return host + ":" + ProcessHandle.current().pid() + ":"
        + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Configures a {@link DurableAgent}. */
  public static final class Builder {
    private final Agent agent;
    private final RunStore store;
    private @Nullable String owner;
    private Duration lease = Duration.ofSeconds(30);
    private ConversationWindow window = ConversationWindow.all();

    private Builder(Agent agent, RunStore store) {
      this.agent = Objects.requireNonNull(agent, "agent == null");
      this.store = Objects.requireNonNull(store, "store == null");
    }

    /**
     * Sets the id this instance holds runs under; unique among the live instances sharing the
     * store. A stable id lets a restarted instance take its own runs back at once: the first
     * {@link DurableAgent#recoverAbandoned} claims the runs held under it without waiting for their
     * leases to expire. A server can use its address, which no two live processes share.
     *
     * @param owner the id; default host name, process id and a random part
     * @return this builder
     */
    public Builder owner(String owner) {
      if (owner.isBlank()) {
        throw new IllegalArgumentException("owner is blank: give each instance a distinct id");
      }
      this.owner = owner;
      return this;
    }

    /**
     * Sets how long a run stays held without renewal: how soon another instance can take over the
     * runs of one that died. The heartbeat renews it every third of this.
     *
     * @param lease at least one second; default 30 seconds
     * @return this builder
     */
    public Builder lease(Duration lease) {
      if (lease.compareTo(Duration.ofSeconds(1)) < 0) {
        throw new IllegalArgumentException("lease is " + lease + ": give at least one second");
      }
      this.lease = lease;
      return this;
    }

    /**
     * Sets which part of a conversation {@link #chat} sends to the model.
     *
     * @param window the window; default {@link ConversationWindow#all()}
     * @return this builder
     */
    public Builder window(ConversationWindow window) {
      this.window = Objects.requireNonNull(window, "window == null");
      return this;
    }

    /**
     * Builds the durable agent.
     *
     * @return the agent
     */
    public DurableAgent build() {
      return new DurableAgent(this);
    }
  }
}
