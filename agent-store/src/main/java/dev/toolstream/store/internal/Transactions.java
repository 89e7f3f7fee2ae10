package dev.toolstream.store.internal;

import dev.toolstream.store.StoreException;
import java.sql.Connection;
import java.sql.SQLException;

/** Runs one unit of work in one transaction, and turns JDBC failures into store exceptions. */
public final class Transactions {
  /** A unit of work on a connection. */
  public interface Work<T> {
    /** Does the work; the caller commits. */
    T run(Connection connection) throws SQLException;
  }

  private final Connections connections;
  private final String database;

  /**
   * Makes transactions on {@code connections}; {@code database} names it in errors (a URL
   * without its password, or "the DataSource").
   */
  public Transactions(Connections connections, String database) {
    this.connections = connections;
    this.database = database;
  }

  /** Runs {@code work} and commits; on any failure rolls back and throws. */
  public <T> T run(String what, Work<T> work) {
    Connection connection;
    try {
      connection = connections.take();
    } catch (SQLException e) {
      throw Failures.connect(database, e);
    }
    boolean broken = false;
    try {
      connection.setAutoCommit(false);
      T result = work.run(connection);
      connection.commit();
      return result;
    } catch (SQLException e) {
      broken = rollback(connection);
      throw new StoreException(
          "could not " + what + " in " + database + ": " + Failures.describe(e), e);
    } catch (RuntimeException | Error e) {
      broken = rollback(connection);
      throw e;
    } finally {
      connections.release(connection, broken);
    }
  }

  /** Rolls back; returns whether the connection is broken and must not be kept. */
  private static boolean rollback(Connection connection) {
    try {
      connection.rollback();
      return !connection.isValid(2);
    } catch (SQLException | RuntimeException e) {
      return true;
    }
  }
}
