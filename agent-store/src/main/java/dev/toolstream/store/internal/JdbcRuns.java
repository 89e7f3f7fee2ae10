package dev.toolstream.store.internal;

import dev.toolstream.agent.RunState;
import dev.toolstream.internal.json.Json;
import dev.toolstream.internal.json.MessageCodec;
import dev.toolstream.messages.MessageParam;
import dev.toolstream.messages.Usage;
import dev.toolstream.store.LeaseLostException;
import dev.toolstream.store.RunHeldException;
import dev.toolstream.store.RunRecord;
import dev.toolstream.store.RunStatus;
import dev.toolstream.store.RunStep;
import dev.toolstream.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;

/** The run store's operations in SQL, each one transaction on one connection. */
public final class JdbcRuns {
  private final Transactions transactions;
  private final Dialect dialect;
  private final Sql sql;
  private final Clock clock;

  public JdbcRuns(Transactions transactions, Dialect dialect, String prefix, Clock clock) {
    this.transactions = transactions;
    this.dialect = dialect;
    this.sql = new Sql(prefix);
    this.clock = clock;
  }

  public RunRecord create(
      String runId,
      @Nullable String conversationId,
      int fromMessage,
      List<MessageParam> messages,
      String owner,
      Duration lease) {
    RunStep start = new RunStep.Start(messages);
    return transactions.run(
        "create run " + runId,
        connection -> {
          long now = clock.millis();
          int to = 0;
          if (conversationId != null) {
            to = count(connection, conversationId);
            if (fromMessage < 0 || fromMessage > to) {
              throw new StoreException(
                  "conversation " + conversationId + " has " + to + " messages; a run cannot"
                      + " start from message " + fromMessage + " (give 0 to " + to + ")");
            }
          }
          try (PreparedStatement insert = connection.prepareStatement(sql.insertRun())) {
            insert.setString(1, runId);
            insert.setString(2, conversationId);
            insert.setInt(3, conversationId == null ? 0 : fromMessage);
            insert.setInt(4, to);
            insert.setString(5, owner);
            insert.setLong(6, now + lease.toMillis());
            insert.setLong(7, now);
            insert.setLong(8, now);
            insert.executeUpdate();
          } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) {
              throw new StoreException(
                  "a run with id " + runId + " exists already: give each run a new id", e);
            }
            throw e;
          }
          try (PreparedStatement insert = connection.prepareStatement(sql.insertStep())) {
            insert.setString(1, runId);
            insert.setInt(2, 0);
            insert.setString(3, StepCodec.kind(start));
            insert.setNull(4, Types.VARCHAR);
            insert.setString(5, StepCodec.payload(start));
            insert.setLong(6, now);
            insert.executeUpdate();
          }
          return require(connection, runId);
        });
  }

  public void append(String runId, String owner, RunStep step) {
    transactions.run(
        "save a step of run " + runId,
        connection -> {
          long now = clock.millis();
          if (updateForStep(connection, runId, owner, step, now) == 0) {
            require(connection, runId);
            throw new LeaseLostException(runId, owner);
          }
          try (PreparedStatement insert = connection.prepareStatement(sql.appendStep())) {
            insert.setString(1, StepCodec.kind(step));
            insert.setString(2, StepCodec.toolUseId(step));
            insert.setString(3, StepCodec.payload(step));
            insert.setLong(4, now);
            insert.setString(5, runId);
            insert.executeUpdate();
          }
          if (step instanceof RunStep.Ended ended && ended.status() == RunStatus.DONE) {
            addToConversation(connection, runId, now);
          }
          return null;
        });
  }

  /** Updates the run's row for one more step, fenced by the owner; returns the rows changed. */
  private int updateForStep(
      Connection connection, String runId, String owner, RunStep step, long now)
      throws SQLException {
    StringBuilder update =
        new StringBuilder("UPDATE ")
            .append(sql.runs)
            .append(" SET steps = steps + 1, updated_at = ?");
    List<Object> values = new ArrayList<>();
    values.add(now);
    if (step instanceof RunStep.Turn turn) {
      Usage usage = turn.message().usage();
      update.append(", turns = turns + 1, input_tokens = input_tokens + ?")
          .append(", output_tokens = output_tokens + ?")
          .append(", cache_creation_input_tokens = cache_creation_input_tokens + ?")
          .append(", cache_read_input_tokens = cache_read_input_tokens + ?");
      values.add(usage.inputTokens());
      values.add(usage.outputTokens());
      values.add(usage.cacheCreationInputTokens());
      values.add(usage.cacheReadInputTokens());
    } else if (step instanceof RunStep.Ended ended) {
      update.append(", status = ?, owner_id = NULL, lease_until = NULL")
          .append(", awaiting_approval = ?, error_message = ?");
      values.add(ended.status().name());
      values.add(ended.awaitingApproval().isEmpty() ? null : ids(ended.awaitingApproval()));
      values.add(ended.error());
    }
    update.append(" WHERE run_id = ? AND owner_id = ? AND status = 'RUNNING'");
    values.add(runId);
    values.add(owner);
    try (PreparedStatement statement = connection.prepareStatement(update.toString())) {
      for (int i = 0; i < values.size(); i++) {
        Object value = values.get(i);
        if (value == null) {
          statement.setNull(i + 1, Types.VARCHAR);
        } else if (value instanceof Long number) {
          statement.setLong(i + 1, number);
        } else {
          statement.setString(i + 1, (String) value);
        }
      }
      return statement.executeUpdate();
    }
  }

  /** Adds the messages a finished run added to its conversation, after the conversation's. */
  private void addToConversation(Connection connection, String runId, long now)
      throws SQLException {
    RunRecord run = require(connection, runId);
    String conversationId = run.conversationId();
    if (conversationId == null) {
      return;
    }
    RunState own = RunState.start(runId, List.of());
    for (RunStep step : steps(connection, runId)) {
      own = step.applyTo(own);
    }
    int seq = count(connection, conversationId);
    try (PreparedStatement insert = connection.prepareStatement(sql.insertMessage())) {
      for (MessageParam message : own.history()) {
        insert.setString(1, conversationId);
        insert.setInt(2, seq++);
        insert.setString(3, runId);
        insert.setString(4, Json.write(MessageCodec.writeParam(message)));
        insert.setLong(5, now);
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  public void renew(String runId, String owner, Duration lease) {
    transactions.run(
        "renew the lease of run " + runId,
        connection -> {
          try (PreparedStatement update = connection.prepareStatement(sql.renew())) {
            update.setLong(1, clock.millis() + lease.toMillis());
            update.setString(2, runId);
            update.setString(3, owner);
            if (update.executeUpdate() == 0) {
              require(connection, runId);
              throw new LeaseLostException(runId, owner);
            }
          }
          return null;
        });
  }

  public RunRecord claim(String runId, String owner, Duration lease) {
    return transactions.run(
        "claim run " + runId,
        connection -> {
          long now = clock.millis();
          try (PreparedStatement update = connection.prepareStatement(sql.claim())) {
            update.setString(1, owner);
            update.setLong(2, now + lease.toMillis());
            update.setLong(3, now);
            update.setString(4, runId);
            update.setString(5, owner);
            update.setLong(6, now);
            if (update.executeUpdate() == 1) {
              return require(connection, runId);
            }
          }
          RunRecord run = require(connection, runId);
          throw new RunHeldException(whyNotClaimable(run), run);
        });
  }

  private static String whyNotClaimable(RunRecord run) {
    switch (run.status()) {
      case WAITING_FOR_APPROVAL:
        return "run " + run.runId() + " waits for decisions on calls " + run.awaitingApproval()
            + ": record them (approve or deny) before resuming it";
      case RUNNING:
        return "run " + run.runId() + " is held by " + run.owner() + " until " + run.leaseUntil()
            + ": it can be claimed once that lease expires without renewal";
      default:
        return "run " + run.runId() + " has ended (" + run.status() + "): there is nothing to"
            + " resume";
    }
  }

  public List<String> claimAbandoned(String owner, int limit, Duration lease) {
    if (dialect == Dialect.POSTGRESQL) {
      return transactions.run(
          "claim abandoned runs",
          connection -> {
            long now = clock.millis();
            List<String> claimed = new ArrayList<>();
            try (PreparedStatement update =
                connection.prepareStatement(sql.claimAbandonedSkipLocked())) {
              update.setString(1, owner);
              update.setLong(2, now + lease.toMillis());
              update.setLong(3, now);
              update.setLong(4, now);
              update.setInt(5, limit);
              try (ResultSet rows = update.executeQuery()) {
                while (rows.next()) {
                  claimed.add(rows.getString(1));
                }
              }
            }
            return claimed;
          });
    }
    // H2: read candidates, then claim each with a compare-and-set that checks again, under the
    // row's lock, that the run is still abandoned; a run another instance claimed first fails it.
    List<String> candidates =
        transactions.run(
            "find abandoned runs",
            connection -> {
              List<String> ids = new ArrayList<>();
              try (PreparedStatement select = connection.prepareStatement(sql.selectAbandoned())) {
                select.setLong(1, clock.millis());
                select.setInt(2, limit);
                try (ResultSet rows = select.executeQuery()) {
                  while (rows.next()) {
                    ids.add(rows.getString(1));
                  }
                }
              }
              return ids;
            });
    List<String> claimed = new ArrayList<>();
    for (String runId : candidates) {
      boolean won =
          transactions.run(
              "claim run " + runId,
              connection -> {
                long now = clock.millis();
                try (PreparedStatement update =
                    connection.prepareStatement(sql.claimIfAbandoned())) {
                  update.setString(1, owner);
                  update.setLong(2, now + lease.toMillis());
                  update.setLong(3, now);
                  update.setString(4, runId);
                  update.setLong(5, now);
                  return update.executeUpdate() == 1;
                }
              });
      if (won) {
        claimed.add(runId);
      }
    }
    return claimed;
  }

  public RunRecord decide(String runId, String toolUseId, RunState.Approval approval) {
    RunStep step = new RunStep.Decision(toolUseId, approval);
    return transactions.run(
        "record a decision for run " + runId,
        connection -> {
          RunRecord run;
          try (PreparedStatement select =
              connection.prepareStatement(sql.selectRun() + " FOR UPDATE")) {
            select.setString(1, runId);
            try (ResultSet row = select.executeQuery()) {
              if (!row.next()) {
                throw notFound(runId);
              }
              run = Sql.record(row);
            }
          }
          if (run.status() != RunStatus.WAITING_FOR_APPROVAL
              || !run.awaitingApproval().contains(toolUseId)) {
            throw new StoreException(
                "run " + runId + " does not wait for a decision on call " + toolUseId
                    + " (it is " + run.status() + ", waiting for " + run.awaitingApproval()
                    + "): decide only calls the run waits for, once each");
          }
          List<String> remaining = new ArrayList<>(run.awaitingApproval());
          remaining.remove(toolUseId);
          long now = clock.millis();
          try (PreparedStatement update =
              connection.prepareStatement(
                  "UPDATE " + sql.runs + " SET steps = steps + 1, updated_at = ?, status = ?,"
                      + " awaiting_approval = ? WHERE run_id = ?")) {
            update.setLong(1, now);
            update.setString(
                2,
                (remaining.isEmpty() ? RunStatus.RUNNING : RunStatus.WAITING_FOR_APPROVAL).name());
            update.setString(3, remaining.isEmpty() ? null : ids(remaining));
            update.setString(4, runId);
            update.executeUpdate();
          }
          try (PreparedStatement insert = connection.prepareStatement(sql.insertStep())) {
            insert.setString(1, runId);
            insert.setInt(2, run.steps());
            insert.setString(3, StepCodec.kind(step));
            insert.setString(4, toolUseId);
            insert.setString(5, StepCodec.payload(step));
            insert.setLong(6, now);
            insert.executeUpdate();
          }
          return require(connection, runId);
        });
  }

  public Optional<RunRecord> find(String runId) {
    return transactions.run("read run " + runId, connection -> Optional.ofNullable(row(connection, runId)));
  }

  public List<RunRecord> list(RunStatus status, int limit) {
    return transactions.run(
        "list " + status + " runs",
        connection -> {
          List<RunRecord> runs = new ArrayList<>();
          try (PreparedStatement select = connection.prepareStatement(sql.selectByStatus())) {
            select.setString(1, status.name());
            select.setInt(2, limit);
            try (ResultSet rows = select.executeQuery()) {
              while (rows.next()) {
                runs.add(Sql.record(rows));
              }
            }
          }
          return runs;
        });
  }

  public List<RunStep> steps(String runId) {
    return transactions.run(
        "read the steps of run " + runId,
        connection -> {
          require(connection, runId);
          return steps(connection, runId);
        });
  }

  public RunState state(String runId) {
    return transactions.run(
        "read run " + runId,
        connection -> {
          List<MessageParam> prefix = List.of();
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT conversation_id, conversation_from, conversation_to FROM "
                      + sql.runs + " WHERE run_id = ?")) {
            select.setString(1, runId);
            try (ResultSet row = select.executeQuery()) {
              if (!row.next()) {
                throw notFound(runId);
              }
              String conversationId = row.getString(1);
              if (conversationId != null) {
                prefix = messages(connection, conversationId, row.getInt(2), row.getInt(3));
              }
            }
          }
          RunState state = RunState.start(runId, prefix);
          for (RunStep step : steps(connection, runId)) {
            state = step.applyTo(state);
          }
          return state;
        });
  }

  public List<MessageParam> conversation(String conversationId) {
    return transactions.run(
        "read conversation " + conversationId,
        connection -> messages(connection, conversationId, 0, Integer.MAX_VALUE));
  }

  private List<MessageParam> messages(Connection connection, String conversationId, int from, int to)
      throws SQLException {
    List<MessageParam> messages = new ArrayList<>();
    try (PreparedStatement select = connection.prepareStatement(sql.selectMessages())) {
      select.setString(1, conversationId);
      select.setInt(2, from);
      select.setInt(3, to);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          messages.add(MessageCodec.readParam(Json.parse(rows.getString(1))));
        }
      }
    }
    return messages;
  }

  private List<RunStep> steps(Connection connection, String runId) throws SQLException {
    List<RunStep> steps = new ArrayList<>();
    try (PreparedStatement select = connection.prepareStatement(sql.selectSteps())) {
      select.setString(1, runId);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          steps.add(StepCodec.read(rows.getString(1), rows.getString(2), rows.getString(3)));
        }
      }
    }
    return steps;
  }

  private int count(Connection connection, String conversationId) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(sql.countMessages())) {
      select.setString(1, conversationId);
      try (ResultSet row = select.executeQuery()) {
        row.next();
        return row.getInt(1);
      }
    }
  }

  private @Nullable RunRecord row(Connection connection, String runId) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(sql.selectRun())) {
      select.setString(1, runId);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? Sql.record(row) : null;
      }
    }
  }

  private RunRecord require(Connection connection, String runId) throws SQLException {
    RunRecord run = row(connection, runId);
    if (run == null) {
      throw notFound(runId);
    }
    return run;
  }

  private static StoreException notFound(String runId) {
    return new StoreException("there is no run " + runId + " in this store: check the id");
  }

  private static String ids(List<String> ids) {
    ArrayNode array = Json.MAPPER.createArrayNode();
    ids.forEach(array::add);
    return Json.write(array);
  }
}
