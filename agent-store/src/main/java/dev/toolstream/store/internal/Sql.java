package dev.toolstream.store.internal;

import dev.toolstream.internal.json.Json;
import dev.toolstream.messages.Usage;
import dev.toolstream.store.RunRecord;
import dev.toolstream.store.RunStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The statements of the store, with the table prefix filled in once. */
final class Sql {
  static final String RUN_COLUMNS =
      "run_id, conversation_id, status, owner_id, lease_until, steps, turns, input_tokens,"
          + " output_tokens, cache_creation_input_tokens, cache_read_input_tokens, claims,"
          + " awaiting_approval, error_message, created_at, updated_at";

  /** Who may claim a running run: nobody holds it, or its lease has expired (parameter: now). */
  static final String ABANDONED = "status = 'RUNNING' AND (owner_id IS NULL OR lease_until < ?)";

  final String runs;
  final String steps;
  final String messages;

  Sql(String prefix) {
    this.runs = prefix + "runs";
    this.steps = prefix + "run_steps";
    this.messages = prefix + "conversation_messages";
  }

  String insertRun() {
    return "INSERT INTO "
        + runs
        + " (run_id, conversation_id, open_conversation, conversation_from, conversation_to,"
        + " status, owner_id, lease_until, steps, turns, input_tokens, output_tokens,"
        + " cache_creation_input_tokens, cache_read_input_tokens, claims, created_at, updated_at)"
        + " VALUES (?, ?, ?, ?, ?, 'RUNNING', ?, ?, 1, 0, 0, 0, 0, 0, 0, ?, ?)";
  }

  /** Sets where a run's part of its conversation ends (parameters: the count, the run). */
  String setConversationTo() {
    return "UPDATE " + runs + " SET conversation_to = ? WHERE run_id = ?";
  }

  /** The conversation's run that has not ended, if any (parameter: the conversation). */
  String selectOpenRun() {
    return "SELECT " + RUN_COLUMNS + " FROM " + runs + " WHERE open_conversation = ?";
  }

  String insertStep() {
    return "INSERT INTO "
        + steps
        + " (run_id, seq, kind, tool_use_id, payload, created_at) VALUES (?, ?, ?, ?, ?, ?)";
  }

  /** Appends at the seq the run's row holds, which the caller's UPDATE has just locked. */
  String appendStep() {
    return "INSERT INTO "
        + steps
        + " (run_id, seq, kind, tool_use_id, payload, created_at)"
        + " SELECT run_id, steps - 1, ?, ?, ?, ? FROM "
        + runs
        + " WHERE run_id = ?";
  }

  String selectRun() {
    return "SELECT " + RUN_COLUMNS + " FROM " + runs + " WHERE run_id = ?";
  }

  String selectSteps() {
    return "SELECT kind, tool_use_id, payload FROM " + steps + " WHERE run_id = ? ORDER BY seq";
  }

  String countMessages() {
    return "SELECT COUNT(*) FROM " + messages + " WHERE conversation_id = ?";
  }

  String selectMessages() {
    return "SELECT payload FROM "
        + messages
        + " WHERE conversation_id = ? AND seq >= ? AND seq < ? ORDER BY seq";
  }

  String insertMessage() {
    return "INSERT INTO "
        + messages
        + " (conversation_id, seq, run_id, payload, created_at) VALUES (?, ?, ?, ?, ?)";
  }

  /** Claims one run if it can go on (parameters: owner, lease, now, run, owner, now). */
  String claim() {
    return "UPDATE "
        + runs
        + " SET owner_id = ?, lease_until = ?, claims = claims + 1, updated_at = ?"
        + " WHERE run_id = ? AND status = 'RUNNING'"
        + " AND (owner_id IS NULL OR owner_id = ? OR lease_until < ?)";
  }

  /** Claims one abandoned run, checked again under its row lock (owner, lease, now, run, now). */
  String claimIfAbandoned() {
    return "UPDATE "
        + runs
        + " SET owner_id = ?, lease_until = ?, claims = claims + 1, updated_at = ?"
        + " WHERE run_id = ? AND "
        + ABANDONED;
  }

  String selectAbandoned() {
    return "SELECT run_id FROM "
        + runs
        + " WHERE "
        + ABANDONED
        + " ORDER BY updated_at, run_id LIMIT ?";
  }

  /** PostgreSQL: claims up to N abandoned runs, skipping rows another claimer has locked. */
  String claimAbandonedSkipLocked() {
    return "UPDATE "
        + runs
        + " SET owner_id = ?, lease_until = ?, claims = claims + 1, updated_at = ?"
        + " WHERE run_id IN (SELECT run_id FROM "
        + runs
        + " WHERE "
        + ABANDONED
        + " ORDER BY updated_at, run_id LIMIT ? FOR UPDATE SKIP LOCKED) RETURNING run_id";
  }

  String renew() {
    return "UPDATE "
        + runs
        + " SET lease_until = ? WHERE run_id = ? AND owner_id = ? AND status = 'RUNNING'";
  }

  String selectByStatus() {
    return "SELECT "
        + RUN_COLUMNS
        + " FROM "
        + runs
        + " WHERE status = ? ORDER BY created_at, run_id LIMIT ?";
  }

  /** Reads the row a result set stands on, in {@link #RUN_COLUMNS} order. */
  static RunRecord record(ResultSet row) throws SQLException {
    long lease = row.getLong(5);
    boolean leased = !row.wasNull();
    String awaiting = row.getString(13);
    List<String> ids = new ArrayList<>();
    if (awaiting != null) {
      Json.parse(awaiting).forEach(id -> ids.add(id.asString()));
    }
    return new RunRecord(
        row.getString(1),
        row.getString(2),
        RunStatus.valueOf(row.getString(3)),
        row.getString(4),
        leased ? Instant.ofEpochMilli(lease) : null,
        row.getInt(6),
        row.getInt(7),
        new Usage(row.getLong(8), row.getLong(9), row.getLong(10), row.getLong(11)),
        row.getInt(12),
        ids,
        row.getString(14),
        Instant.ofEpochMilli(row.getLong(15)),
        Instant.ofEpochMilli(row.getLong(16)));
  }
}
