package dev.toolstream.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Durable runs on an embedded H2 file database. */
class H2DurableRunsTest extends DurableRunsContract {
  @TempDir Path folder;

  @Override
  JdbcRunStore.Builder database() {
    return JdbcRunStore.builder().h2(folder.resolve("runs"));
  }
}
