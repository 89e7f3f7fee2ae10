package dev.toolstream.store;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.ExtendWith;

/** Runs finished by another instance, on a real PostgreSQL server; each test has tables of its own. */
@ExtendWith(PostgresServer.class)
class PostgresRecoveryTest extends RecoveryContract {
  private static final AtomicInteger TESTS = new AtomicInteger();

  private final PostgresServer.Database database;
  private final String prefix = "r" + TESTS.incrementAndGet() + "_";

  PostgresRecoveryTest(PostgresServer.Database database) {
    this.database = database;
  }

  @Override
  JdbcRunStore.Builder database() {
    return JdbcRunStore.builder().url(database.url()).tablePrefix(prefix);
  }
}
