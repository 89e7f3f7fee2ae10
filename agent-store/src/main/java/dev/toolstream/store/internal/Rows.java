package dev.toolstream.store.internal;

import dev.toolstream.internal.json.Json;
import dev.toolstream.internal.json.MessageCodec;
import dev.toolstream.messages.MessageParam;
import dev.toolstream.store.RunRecord;
import dev.toolstream.store.RunStep;
import dev.toolstream.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;

/** Reads shared by the store's operations, inside their transactions. */
final class Rows {
  private final Sql sql;

  Rows(Sql sql) {
    this.sql = sql;
  }

  List<MessageParam> messages(Connection connection, String conversationId, int from, int to)
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

  List<RunStep> steps(Connection connection, String runId) throws SQLException {
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

  int count(Connection connection, String conversationId) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(sql.countMessages())) {
      select.setString(1, conversationId);
      try (ResultSet row = select.executeQuery()) {
        row.next();
        return row.getInt(1);
      }
    }
  }

  @Nullable RunRecord row(Connection connection, String runId) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(sql.selectRun())) {
      select.setString(1, runId);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? Sql.record(row) : null;
      }
    }
  }

  RunRecord require(Connection connection, String runId) throws SQLException {
    RunRecord run = row(connection, runId);
    if (run == null) {
      throw notFound(runId);
    }
    return run;
  }

  static StoreException notFound(String runId) {
    return new StoreException("there is no run " + runId + " in this store: check the id");
  }

  static String ids(List<String> ids) {
    ArrayNode array = Json.MAPPER.createArrayNode();
    ids.forEach(array::add);
    return Json.write(array);
  }
}
