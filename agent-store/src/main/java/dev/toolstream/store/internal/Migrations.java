package dev.toolstream.store.internal;

import dev.toolstream.store.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Brings a database's tables to the version this code needs, from the versioned scripts under
 * {@code dev/toolstream/store/migrations/<dialect>/} (or under {@code common/}, for a script that
 * is the same SQL on every database), and records each applied version in the {@code
 * schema_version} table.
 *
 * <p>Safe when several instances start at once: on PostgreSQL the whole migration is one
 * transaction under an advisory lock, so the second instance waits and then finds nothing to do;
 * on H2, whose DDL commits on its own, every script is written to be re-run ({@code IF NOT
 * EXISTS}) and instances in one JVM take turns.
 */
public final class Migrations {
  /** Every script, in order; the number after V is its version. */
  static final List<String> SCRIPTS = List.of("V1__runs.sql", "V2__open_conversation.sql");

  /** Where a script that is the same SQL on every database lives. */
  private static final String COMMON = "dev/toolstream/store/migrations/common/";

  private static final Object H2_LOCK = new Object();

  private Migrations() {}

  /** Returns the newest version this code knows. */
  public static int latest() {
    return SCRIPTS.size();
  }

  /** Applies the scripts the database lacks; returns how many it applied. */
  public static int migrate(Connection connection, Dialect dialect, String prefix)
      throws SQLException {
    if (dialect == Dialect.H2) {
      synchronized (H2_LOCK) {
        return apply(connection, dialect, prefix);
      }
    }
    return apply(connection, dialect, prefix);
  }

  private static int apply(Connection connection, Dialect dialect, String prefix)
      throws SQLException {
    connection.setAutoCommit(false);
    try (Statement statement = connection.createStatement()) {
      if (dialect == Dialect.POSTGRESQL) {
        // One lock per table prefix: instances sharing tables migrate one after the other.
        statement.execute(
            "SELECT pg_advisory_xact_lock(" + ("toolstream:" + prefix).hashCode() + ")");
      }
      statement.execute(
          "CREATE TABLE IF NOT EXISTS "
              + prefix
              + "schema_version (version INT PRIMARY KEY, script VARCHAR(255) NOT NULL,"
              + " installed_at BIGINT NOT NULL)");
      int current = current(connection, prefix);
      if (current > latest()) {
        throw new StoreException(
            "the database's run tables ("
                + prefix
                + "*) are at schema version "
                + current
                + ", newer than this agent-store knows ("
                + latest()
                + "): use the agent-store version that migrated them, or a newer one");
      }
      int applied = 0;
      for (int version = current + 1; version <= latest(); version++) {
        String script = SCRIPTS.get(version - 1);
        for (String sql : statements(read(dialect, script), prefix)) {
          statement.execute(sql);
        }
        if (record(connection, prefix, version, script)) {
          applied++;
        }
      }
      connection.commit();
      return applied;
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    }
  }

  private static int current(Connection connection, String prefix) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery("SELECT MAX(version) FROM " + prefix + "schema_version")) {
      rows.next();
      return rows.getInt(1);
    }
  }

  /** Records a version; false when another instance in this database did it first (H2). */
  private static boolean record(Connection connection, String prefix, int version, String script)
      throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO "
                + prefix
                + "schema_version (version, script, installed_at) VALUES (?, ?, ?)")) {
      insert.setInt(1, version);
      insert.setString(2, script);
      insert.setLong(3, System.currentTimeMillis());
      insert.executeUpdate();
      return true;
    } catch (SQLException e) {
      if ("23505".equals(e.getSQLState())) {
        return false;
      }
      throw e;
    }
  }

  /** Splits a script at the semicolons that end its lines, without its comment lines. */
  static List<String> statements(String script, String prefix) {
    StringBuilder text = new StringBuilder();
    for (String line : script.split("\n")) {
      if (!line.strip().startsWith("--")) {
        text.append(line).append('\n');
      }
    }
    return java.util.Arrays.stream(text.toString().replace("${prefix}", prefix).split(";\\s*\n"))
        .map(String::strip)
        .filter(sql -> !sql.isEmpty())
        .toList();
  }

  /** Reads {@code script} as the dialect writes it, or else as every database does. */
  private static String read(Dialect dialect, String script) {
    ClassLoader loader = Migrations.class.getClassLoader();
    String resource = dialect.migrations() + script;
    if (loader.getResource(resource) == null) {
      resource = COMMON + script;
    }
    try (InputStream in = loader.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(
            "the migration " + script + " is missing from the jar, in " + dialect.migrations()
                + " and in " + COMMON);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("could not read the migration " + resource, e);
    }
  }
}
