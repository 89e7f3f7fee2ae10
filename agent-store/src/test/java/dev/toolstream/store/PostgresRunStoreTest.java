package dev.toolstream.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/** The run store contract on a real PostgreSQL server; each test has tables of its own. */
@ExtendWith(PostgresServer.class)
class PostgresRunStoreTest extends RunStoreContract {
  private static final AtomicInteger TESTS = new AtomicInteger();

  private final PostgresServer.Database database;
  private String prefix;

  PostgresRunStoreTest(PostgresServer.Database database) {
    this.database = database;
  }

  @BeforeEach
  @Override
  void openStore() {
    prefix = "t" + TESTS.incrementAndGet() + "_";
    super.openStore();
  }

  @Override
  JdbcRunStore.Builder database() {
    return JdbcRunStore.builder().url(database.url()).tablePrefix(prefix).clock(clock);
  }

  @Override
  String prefix() {
    return prefix;
  }

  @Override
  Connection connect() throws SQLException {
    return database.connect();
  }
}
