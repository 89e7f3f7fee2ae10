package dev.toolstream.store;

import dev.toolstream.agent.RunState;
import dev.toolstream.messages.MessageParam;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** A store that refuses to save one kind of step, as a database that went away would. */
final class FailingStore implements RunStore {
  private final RunStore store;
  private final Class<? extends RunStep> refused;

  FailingStore(RunStore store, Class<? extends RunStep> refused) {
    this.store = store;
    this.refused = refused;
  }

  @Override
  public RunRecord create(String runId, String conversationId, int fromMessage,
      List<MessageParam> messages, String owner, Duration lease) {
    return store.create(runId, conversationId, fromMessage, messages, owner, lease);
  }

  @Override
  public void append(String runId, String owner, RunStep step) {
    if (refused.isInstance(step)) {
      throw new StoreException("could not save a step of run " + runId + ": connection refused");
    }
    store.append(runId, owner, step);
  }

  @Override
  public void renew(String runId, String owner, Duration lease) {
    store.renew(runId, owner, lease);
  }

  @Override
  public void release(String runId, String owner) {
    store.release(runId, owner);
  }

  @Override
  public RunRecord claim(String runId, String owner, Duration lease) {
    return store.claim(runId, owner, lease);
  }

  @Override
  public List<String> claimAbandoned(String owner, int limit, Duration lease) {
    return store.claimAbandoned(owner, limit, lease);
  }

  @Override
  public RunRecord decide(String runId, String toolUseId, RunState.Approval approval) {
    return store.decide(runId, toolUseId, approval);
  }

  @Override
  public Optional<RunRecord> find(String runId) {
    return store.find(runId);
  }

  @Override
  public List<RunRecord> list(RunStatus status, int limit) {
    return store.list(status, limit);
  }

  @Override
  public List<RunStep> steps(String runId) {
    return store.steps(runId);
  }

  @Override
  public RunState state(String runId) {
    return store.state(runId);
  }

  @Override
  public List<MessageParam> conversation(String conversationId) {
    return store.conversation(conversationId);
  }

  @Override
  public Optional<RunRecord> openRun(String conversationId) {
    return store.openRun(conversationId);
  }

  @Override
  public void close() {}
}
