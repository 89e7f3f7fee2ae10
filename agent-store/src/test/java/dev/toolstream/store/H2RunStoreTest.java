package dev.toolstream.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.io.TempDir;

/** The run store contract on an embedded H2 file database. */
class H2RunStoreTest extends RunStoreContract {
  @TempDir Path folder;

  @Override
  JdbcRunStore.Builder database() {
    return JdbcRunStore.builder().h2(folder.resolve("runs")).clock(clock);
  }

  @Override
  String prefix() {
    return "toolstream_";
  }

  @Override
  Connection connect() throws SQLException {
    return DriverManager.getConnection("jdbc:h2:file:" + folder.resolve("runs").toAbsolutePath());
  }
}
