package dev.toolstream.store.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Properties;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Where the store gets its connections: the application's {@code DataSource} (which pools as it
 * likes), or, for a bare URL, a few connections the store opens with {@code DriverManager} and
 * keeps between operations. Keeping them matters: a PostgreSQL connection costs a server process
 * and an H2 file database closes when its last connection does.
 */
public abstract class Connections implements AutoCloseable {
  /** Returns a connection for one operation; give it back with {@link #release}. */
  public abstract Connection take() throws SQLException;

  /** Takes back a connection; {@code broken} ones are closed rather than kept. */
  public abstract void release(Connection connection, boolean broken);

  @Override
  public abstract void close();

  /** Connections from the application's data source, closed (returned to its pool) after use. */
  public static Connections of(DataSource dataSource) {
    return new Connections() {
      @Override
      public Connection take() throws SQLException {
        return dataSource.getConnection();
      }

      @Override
      public void release(Connection connection, boolean broken) {
        closeQuietly(connection);
      }

      @Override
      public void close() {}
    };
  }

  /** Connections to a URL, at most {@code maxIdle} kept open between operations. */
  public static Connections of(
      String url, @Nullable String user, @Nullable String password, int maxIdle) {
    return new Kept(url, user, password, maxIdle);
  }

  static void closeQuietly(Connection connection) {
    try {
      connection.close();
    } catch (SQLException | RuntimeException ignored) {
      // The connection is being dropped; a failure to close it changes nothing for the caller.
    }
  }

  private static final class Kept extends Connections {
    private final String url;
    private final Properties properties = new Properties();
    private final int maxIdle;
    private final Deque<Connection> idle = new ArrayDeque<>();
    private boolean closed;

    Kept(String url, @Nullable String user, @Nullable String password, int maxIdle) {
      this.url = url;
      if (user != null) {
        properties.setProperty("user", user);
      }
      if (password != null) {
        properties.setProperty("password", password);
      }
      this.maxIdle = maxIdle;
    }

    @Override
    public Connection take() throws SQLException {
      synchronized (this) {
        if (closed) {
          throw new SQLException("the run store is closed");
        }
        Connection kept = idle.pollFirst();
        if (kept != null) {
          return kept;
        }
      }
      return java.sql.DriverManager.getConnection(url, properties);
    }

    @Override
    public void release(Connection connection, boolean broken) {
      synchronized (this) {
        if (!broken && !closed && idle.size() < maxIdle) {
          idle.addFirst(connection);
          return;
        }
      }
      closeQuietly(connection);
    }

    @Override
    public void close() {
      Deque<Connection> toClose;
      synchronized (this) {
        closed = true;
        toClose = new ArrayDeque<>(idle);
        idle.clear();
      }
      toClose.forEach(Connections::closeQuietly);
    }
  }
}
