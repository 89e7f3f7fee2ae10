package dev.toolstream.store;

import dev.toolstream.agent.RunState;
import dev.toolstream.messages.MessageParam;
import dev.toolstream.store.internal.Connections;
import dev.toolstream.store.internal.Dialect;
import dev.toolstream.store.internal.Failures;
import dev.toolstream.store.internal.JdbcLeases;
import dev.toolstream.store.internal.JdbcRuns;
import dev.toolstream.store.internal.Migrations;
import dev.toolstream.store.internal.Transactions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * A {@link RunStore} on a relational database through JDBC: an embedded H2 file for one machine
 * ({@link #h2}), PostgreSQL for several ({@link #open}), or any {@code DataSource} of either
 * ({@link #builder}).
 *
 * <p>Building a store brings its tables up to date: versioned migrations, recorded in a {@code
 * schema_version} table, safe when several instances start at once. The tables are {@code
 * runs} (one row per run, updated in place), {@code run_steps} and {@code
 * conversation_messages} (append-only), each name after a prefix ({@code toolstream_} unless
 * {@link Builder#tablePrefix} says otherwise). A checkpoint writes one step row and updates the
 * run's row: its cost does not grow with the run's history. Messages and results are stored as
 * their wire JSON, so every block and field comes back as it was received.
 *
 * <p>With a URL the store opens its connections itself with {@code DriverManager} and keeps up to
 * {@link Builder#maxIdleConnections} (default 4) open between operations; with a {@code
 * DataSource}, the application's pool decides. Lease times come from {@link Builder#clock}
 * (default the system clock): the clocks of machines sharing a database must agree to well
 * within a lease.
 *
 * <p>Thread-safe. Close it to release the connections it opened.
 */
public final class JdbcRunStore implements RunStore {
  private static final Pattern PREFIX = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,29}|");

  private final JdbcRuns runs;
  private final JdbcLeases leases;
  private final Connections connections;
  private final String database;

  private JdbcRunStore(Builder builder) {
    this.database = builder.description();
    this.connections = builder.connections();
    Transactions transactions = new Transactions(connections, database);
    Dialect dialect;
    try {
      dialect =
          transactions.run(
              "update the run tables",
              connection -> {
                Dialect found = Dialect.of(connection);
                Migrations.migrate(connection, found, builder.tablePrefix);
                return found;
              });
    } catch (RuntimeException e) {
      connections.close();
      throw e;
    }
    this.runs = new JdbcRuns(transactions, builder.tablePrefix, builder.clock);
    this.leases = new JdbcLeases(transactions, dialect, builder.tablePrefix, builder.clock);
  }

  /**
   * Opens (creating if needed) an embedded H2 database in a file, for runs on one machine.
   *
   * @param file the database file's path without H2's {@code .mv.db} ending; its folder is
   *     created if missing
   * @return the store, its tables up to date
   * @throws StoreException if the file cannot be opened (another process has it open, or the
   *     folder is not writable)
   */
  public static JdbcRunStore h2(Path file) {
    return builder().h2(file).build();
  }

  /**
   * Opens a store on a database URL: {@code jdbc:postgresql://host:port/db} or {@code jdbc:h2:...}.
   *
   * @param jdbcUrl the JDBC URL, which may carry the user and password
   * @return the store, its tables up to date
   * @throws StoreException if the database cannot be reached or refuses the login; the message
   *     says what to check and never contains the password
   */
  public static JdbcRunStore open(String jdbcUrl) {
    return builder().url(jdbcUrl).build();
  }

  /**
   * Opens a store on a database URL with a user and password.
   *
   * @param jdbcUrl the JDBC URL
   * @param user the database user
   * @param password the user's password; never printed
   * @return the store, its tables up to date
   * @throws StoreException if the database cannot be reached or refuses the login
   */
  public static JdbcRunStore open(String jdbcUrl, String user, String password) {
    return builder().url(jdbcUrl, user, password).build();
  }

  /**
   * Returns a builder, for a {@code DataSource}, a table prefix or a clock.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public RunRecord create(
      String runId,
      @Nullable String conversationId,
      int fromMessage,
      List<MessageParam> messages,
      String owner,
      Duration lease) {
    Objects.requireNonNull(runId, "runId == null");
    Objects.requireNonNull(messages, "messages == null");
    Objects.requireNonNull(owner, "owner == null");
    return runs.create(runId, conversationId, fromMessage, messages, owner, positive(lease));
  }

  @Override
  public void append(String runId, String owner, RunStep step) {
    Objects.requireNonNull(step, "step == null");
    runs.append(runId, owner, step);
  }

  @Override
  public void renew(String runId, String owner, Duration lease) {
    leases.renew(runId, owner, positive(lease));
  }

  @Override
  public void release(String runId, String owner) {
    leases.release(runId, owner);
  }

  @Override
  public RunRecord claim(String runId, String owner, Duration lease) {
    return leases.claim(runId, owner, positive(lease));
  }

  @Override
  public List<String> claimAbandoned(String owner, int limit, Duration lease) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit is " + limit + ": claim at least 1 run");
    }
    return leases.claimAbandoned(owner, limit, positive(lease));
  }

  @Override
  public RunRecord decide(String runId, String toolUseId, RunState.Approval approval) {
    return leases.decide(runId, toolUseId, approval);
  }

  @Override
  public Optional<RunRecord> find(String runId) {
    return runs.find(runId);
  }

  @Override
  public List<RunRecord> list(RunStatus status, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit is " + limit + ": list at least 1 run");
    }
    return runs.list(status, limit);
  }

  @Override
  public List<RunStep> steps(String runId) {
    return runs.steps(runId);
  }

  @Override
  public RunState state(String runId) {
    return runs.state(runId);
  }

  @Override
  public List<MessageParam> conversation(String conversationId) {
    return runs.conversation(conversationId);
  }

  @Override
  public Optional<RunRecord> openRun(String conversationId) {
    return runs.openRun(conversationId);
  }

  @Override
  public void close() {
    connections.close();
  }

  @Override
  public String toString() {
    return "JdbcRunStore{" + database + "}";
  }

  private static Duration positive(Duration lease) {
    if (lease.isNegative() || lease.isZero()) {
      throw new IllegalArgumentException("lease is " + lease + ": give a positive duration");
    }
    return lease;
  }

  /** Configures a {@link JdbcRunStore}: where the database is, the tables' prefix, the clock. */
  public static final class Builder {
    private @Nullable DataSource dataSource;
    private @Nullable String url;
    private @Nullable String user;
    private @Nullable String password;
    private String tablePrefix = "toolstream_";
    private Clock clock = Clock.systemUTC();
    private int maxIdleConnections = 4;

    private Builder() {}

    /**
     * Uses the application's data source (a pool, typically); the store never closes it.
     *
     * @param dataSource an H2 or PostgreSQL data source
     * @return this builder
     */
    public Builder dataSource(DataSource dataSource) {
      this.dataSource = Objects.requireNonNull(dataSource, "dataSource == null");
      this.url = null;
      return this;
    }

    /**
     * Connects to a JDBC URL with {@code DriverManager}.
     *
     * @param jdbcUrl {@code jdbc:postgresql://...} or {@code jdbc:h2:...}
     * @return this builder
     */
    public Builder url(String jdbcUrl) {
      Objects.requireNonNull(jdbcUrl, "jdbcUrl == null");
      if (!jdbcUrl.startsWith("jdbc:postgresql:") && !jdbcUrl.startsWith("jdbc:h2:")) {
        throw new IllegalArgumentException(
            "not a database agent-store supports: "
                + Failures.redact(jdbcUrl)
                + "; give a jdbc:postgresql://host:port/database or jdbc:h2:... URL");
      }
      this.url = jdbcUrl;
      this.dataSource = null;
      return this;
    }

    /**
     * Connects to a JDBC URL as a user.
     *
     * @param jdbcUrl the URL
     * @param user the database user
     * @param password the user's password; never printed
     * @return this builder
     */
    public Builder url(String jdbcUrl, String user, String password) {
      url(jdbcUrl);
      this.user = Objects.requireNonNull(user, "user == null");
      this.password = Objects.requireNonNull(password, "password == null");
      return this;
    }

    /**
     * Uses an embedded H2 database in a file.
     *
     * @param file the database file's path without {@code .mv.db}
     * @return this builder
     */
    public Builder h2(Path file) {
      Path absolute = file.toAbsolutePath();
      try {
        if (absolute.getParent() != null) {
          java.nio.file.Files.createDirectories(absolute.getParent());
        }
      } catch (java.io.IOException e) {
        throw new StoreException(
            "could not create the folder of the H2 database " + absolute + ": " + e.getMessage(),
            e);
      }
      return url("jdbc:h2:file:" + absolute);
    }

    /**
     * Sets the prefix of the store's table names, so several stores can share one schema.
     *
     * @param tablePrefix letters, digits and underscores, not starting with a digit, at most 30;
     *     empty for none; default {@code toolstream_}
     * @return this builder
     */
    public Builder tablePrefix(String tablePrefix) {
      if (!PREFIX.matcher(tablePrefix).matches()) {
        throw new IllegalArgumentException(
            "table prefix \"" + tablePrefix + "\" is not allowed: use letters, digits and"
                + " underscores, not starting with a digit, at most 30 characters");
      }
      this.tablePrefix = tablePrefix;
      return this;
    }

    /**
     * Sets the clock that lease times are read from; tests move it to expire leases.
     *
     * @param clock the clock; default the system's UTC clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /**
     * Sets how many connections a store opened from a URL keeps open between operations.
     *
     * @param maxIdleConnections at least 0; default 4
     * @return this builder
     */
    public Builder maxIdleConnections(int maxIdleConnections) {
      if (maxIdleConnections < 0) {
        throw new IllegalArgumentException(
            "maxIdleConnections is " + maxIdleConnections + ": give 0 or more");
      }
      this.maxIdleConnections = maxIdleConnections;
      return this;
    }

    /**
     * Builds the store and brings its tables up to date.
     *
     * @return the store
     * @throws IllegalStateException if neither a data source nor a URL was given
     * @throws StoreException if the database cannot be reached, refuses the login, is neither H2
     *     nor PostgreSQL, or holds tables of a newer schema version
     */
    public JdbcRunStore build() {
      if (dataSource == null && url == null) {
        throw new IllegalStateException(
            "no database: call h2(file), url(jdbcUrl) or dataSource(dataSource) first");
      }
      return new JdbcRunStore(this);
    }

    Connections connections() {
      if (dataSource != null) {
        return Connections.of(dataSource);
      }
      return Connections.of(Objects.requireNonNull(url), user, password, maxIdleConnections);
    }

    String description() {
      return dataSource != null ? "the DataSource" : Failures.redact(Objects.requireNonNull(url));
    }
  }
}
