package dev.toolstream.store.internal;

import dev.toolstream.agent.RunState;
import dev.toolstream.internal.json.Json;
import dev.toolstream.internal.json.MessageCodec;
import dev.toolstream.messages.MessageParam;
import dev.toolstream.messages.Usage;
import dev.toolstream.store.ConversationBusyException;
import dev.toolstream.store.LeaseLostException;
import dev.toolstream.store.RunRecord;
import dev.toolstream.store.RunStatus;
import dev.toolstream.store.RunStep;
import dev.toolstream.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A run's history in SQL: creating a run, appending its steps (fenced by the owner), reading them
 * back and the conversations runs add to. Each operation is one transaction.
 */
public final class JdbcRuns {
  private final Transactions transactions;
  private final Sql sql;
  private final Rows rows;
  private final Clock clock;

  public JdbcRuns(Transactions transactions, String prefix, Clock clock) {
    this.transactions = transactions;
    this.sql = new Sql(prefix);
    this.rows = new Rows(sql);
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
            to = rows.count(connection, conversationId);
            if (fromMessage < 0 || fromMessage > to) {
              throw new StoreException(
                  "conversation " + conversationId + " has " + to + " messages; a run cannot"
                      + " start from message " + fromMessage + " (give 0 to " + to + ")");
            }
          }
          // The unique index on open_conversation refuses a second unfinished run of the
          // conversation; a savepoint lets this transaction then read which run stands in the way.
          // If none does any more (it ended since), the conversation is free: the insert is tried
          // once more.
          for (int attempt = 1; ; attempt++) {
            Savepoint beforeInsert = conversationId == null ? null : connection.setSavepoint();
            try {
              insertRun(connection, runId, conversationId, fromMessage, to, owner, lease, now);
              break;
            } catch (SQLException e) {
              if (!"23505".equals(e.getSQLState())) {
                throw e;
              }
              if (beforeInsert != null) {
                connection.rollback(beforeInsert);
                refuseIfOpen(connection, conversationId, e);
                if (rows.row(connection, runId) == null) {
                  if (attempt == 1) {
                    continue;
                  }
                  throw new StoreException(
                      "runs of conversation " + conversationId + " kept starting and ending while"
                          + " this one was being stored: ask again", e);
                }
              }
              throw new StoreException(
                  "a run with id " + runId + " exists already: give each run a new id", e);
            }
          }
          if (conversationId != null) {
            // Counted again now that this run holds the conversation: a run of it that ended
            // after the count above added messages this run follows (the insert waited for that
            // run's end to commit), and no run can add any more until this one ends.
            int counted = rows.count(connection, conversationId);
            if (counted != to) {
              try (PreparedStatement update =
                  connection.prepareStatement(sql.setConversationTo())) {
                update.setInt(1, counted);
                update.setString(2, runId);
                update.executeUpdate();
              }
            }
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
          return rows.require(connection, runId);
        });
  }

  /** Inserts a new run's row, running and leased to {@code owner}. */
  private void insertRun(
      Connection connection,
      String runId,
      @Nullable String conversationId,
      int fromMessage,
      int to,
      String owner,
      Duration lease,
      long now)
      throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(sql.insertRun())) {
      insert.setString(1, runId);
      insert.setString(2, conversationId);
      insert.setString(3, conversationId);
      insert.setInt(4, conversationId == null ? 0 : fromMessage);
      insert.setInt(5, to);
      insert.setString(6, owner);
      insert.setLong(7, now + lease.toMillis());
      insert.setLong(8, now);
      insert.setLong(9, now);
      insert.executeUpdate();
    }
  }

  /**
   * Throws {@link ConversationBusyException}, caused by the index's refusal, if the conversation
   * has a run that has not ended.
   */
  private void refuseIfOpen(Connection connection, String conversationId, SQLException refusal)
      throws SQLException {
    RunRecord open = openRun(connection, conversationId);
    if (open != null) {
      ConversationBusyException busy = new ConversationBusyException(conversationId, open);
      busy.initCause(refusal);
      throw busy;
    }
  }

  public Optional<RunRecord> openRun(String conversationId) {
    return transactions.run(
        "read the open run of conversation " + conversationId,
        connection -> Optional.ofNullable(openRun(connection, conversationId)));
  }

  private @Nullable RunRecord openRun(Connection connection, String conversationId)
      throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(sql.selectOpenRun())) {
      select.setString(1, conversationId);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? Sql.record(row) : null;
      }
    }
  }

  public void append(String runId, String owner, RunStep step) {
    transactions.run(
        "save a step of run " + runId,
        connection -> {
          long now = clock.millis();
          if (updateForStep(connection, runId, owner, step, now) == 0) {
            rows.require(connection, runId);
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
      if (ended.status().isFinal()) {
        update.append(", open_conversation = NULL"); // Its conversation may go on.
      }
      values.add(ended.status().name());
      values.add(ended.awaitingApproval().isEmpty() ? null : Rows.ids(ended.awaitingApproval()));
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
    RunRecord run = rows.require(connection, runId);
    String conversationId = run.conversationId();
    if (conversationId == null) {
      return;
    }
    List<MessageParam> own = RunStep.messages(runId, rows.steps(connection, runId));
    int seq = rows.count(connection, conversationId);
    try (PreparedStatement insert = connection.prepareStatement(sql.insertMessage())) {
      for (MessageParam message : own) {
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

  public Optional<RunRecord> find(String runId) {
    return transactions.run("read run " + runId, connection -> Optional.ofNullable(rows.row(connection, runId)));
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
          rows.require(connection, runId);
          return rows.steps(connection, runId);
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
                throw Rows.notFound(runId);
              }
              String conversationId = row.getString(1);
              if (conversationId != null) {
                prefix = rows.messages(connection, conversationId, row.getInt(2), row.getInt(3));
              }
            }
          }
          return RunStep.replay(RunState.start(runId, prefix), rows.steps(connection, runId));
        });
  }

  public List<MessageParam> conversation(String conversationId) {
    return transactions.run(
        "read conversation " + conversationId,
        connection -> rows.messages(connection, conversationId, 0, Integer.MAX_VALUE));
  }

}
