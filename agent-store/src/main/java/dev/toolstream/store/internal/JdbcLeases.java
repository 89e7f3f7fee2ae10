package dev.toolstream.store.internal;

import dev.toolstream.agent.RunState;
import dev.toolstream.store.LeaseLostException;
import dev.toolstream.store.RunHeldException;
import dev.toolstream.store.RunRecord;
import dev.toolstream.store.RunStatus;
import dev.toolstream.store.RunStep;
import dev.toolstream.store.StoreException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Who holds a run: lease renewal, claims (one run, or the abandoned ones: {@code FOR UPDATE SKIP
 * LOCKED} on PostgreSQL, a compare-and-set per run on H2) and the decisions that make a waiting
 * run claimable again.
 */
public final class JdbcLeases {
  private final Transactions transactions;
  private final Dialect dialect;
  private final Sql sql;
  private final Rows rows;
  private final Clock clock;

  public JdbcLeases(Transactions transactions, Dialect dialect, String prefix, Clock clock) {
    this.transactions = transactions;
    this.dialect = dialect;
    this.sql = new Sql(prefix);
    this.rows = new Rows(sql);
    this.clock = clock;
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
              rows.require(connection, runId);
              throw new LeaseLostException(runId, owner);
            }
          }
          return null;
        });
  }

  public void release(String runId, String owner) {
    transactions.run(
        "release run " + runId,
        connection -> {
          try (PreparedStatement update =
              connection.prepareStatement(
                  "UPDATE " + sql.runs + " SET owner_id = NULL, lease_until = NULL, updated_at = ?"
                      + " WHERE run_id = ? AND owner_id = ? AND status = 'RUNNING'")) {
            update.setLong(1, clock.millis());
            update.setString(2, runId);
            update.setString(3, owner);
            update.executeUpdate();
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
              return rows.require(connection, runId);
            }
          }
          RunRecord run = rows.require(connection, runId);
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
                throw Rows.notFound(runId);
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
            update.setString(3, remaining.isEmpty() ? null : Rows.ids(remaining));
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
          return rows.require(connection, runId);
        });
  }

}
