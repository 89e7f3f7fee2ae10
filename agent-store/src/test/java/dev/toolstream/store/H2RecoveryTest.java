package dev.toolstream.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Runs finished by another instance, on an embedded H2 file database. */
class H2RecoveryTest extends RecoveryContract {
  @TempDir Path folder;

  @Override
  JdbcRunStore.Builder database() {
    return JdbcRunStore.builder().h2(folder.resolve("runs"));
  }
}
