package dev.toolstream.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A database the store cannot use gets a typed error that says what to do, never the password. */
class StoreErrorsTest {
  private static final String PASSWORD = "hunter2-must-never-show";

  @TempDir Path folder;

  @Test
  void anUnreachableServerSaysToCheckTheServerAndHidesThePassword() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    String url = "jdbc:postgresql://127.0.0.1:" + closedPort + "/runs?user=app&password=" + PASSWORD;

    assertThatThrownBy(() -> JdbcRunStore.open(url))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("could not connect to jdbc:postgresql://127.0.0.1:" + closedPort)
        .hasMessageContaining("check that the database server runs")
        .satisfies(e -> assertThat(everythingPrinted(e)).doesNotContain(PASSWORD));
  }

  @Test
  void aWrongPasswordSaysToCheckTheCredentialsAndIsNotPrinted() throws Exception {
    String url = "jdbc:h2:file:" + folder.resolve("secured").toAbsolutePath();
    try (Connection owner = DriverManager.getConnection(url, "app", "the-right-one")) {
      assertThat(owner.isValid(1)).isTrue();
    }

    assertThatThrownBy(() -> JdbcRunStore.open(url, "app", PASSWORD))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("check the user name and password")
        .satisfies(e -> assertThat(everythingPrinted(e)).doesNotContain(PASSWORD));
  }

  @Test
  void aUrlOfAnotherDatabaseIsRefusedAtTheDoor() {
    assertThatThrownBy(() -> JdbcRunStore.open("jdbc:mysql://db/runs?password=" + PASSWORD))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("give a jdbc:postgresql://host:port/database or jdbc:h2:... URL")
        .satisfies(e -> assertThat(everythingPrinted(e)).doesNotContain(PASSWORD));
  }

  @Test
  void aStoreWithoutADatabaseSaysWhatToCall() {
    assertThatThrownBy(() -> JdbcRunStore.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("call h2(file), url(jdbcUrl) or dataSource(dataSource)");
  }

  @Test
  void aBadTablePrefixIsRefused() {
    assertThatThrownBy(() -> JdbcRunStore.builder().tablePrefix("runs; DROP TABLE x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("use letters, digits and underscores");
  }

  @Test
  void tablesOfANewerSchemaAreNotTouched() throws Exception {
    Path file = folder.resolve("newer");
    JdbcRunStore.h2(file).close();
    try (Connection connection = DriverManager.getConnection("jdbc:h2:file:" + file.toAbsolutePath())) {
      connection
          .createStatement()
          .execute("INSERT INTO toolstream_schema_version VALUES (99, 'V99__future.sql', 0)");
    }

    assertThatThrownBy(() -> JdbcRunStore.h2(file))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("at schema version 99, newer than this agent-store knows (2)");
  }

  @Test
  void anH2FileKeepsItsRunsAcrossStores() {
    Path file = folder.resolve("kept");
    try (JdbcRunStore store = JdbcRunStore.h2(file)) {
      store.create("run-1", null, 0, java.util.List.of(dev.toolstream.messages.MessageParam.user("Hi")),
          "me", java.time.Duration.ofSeconds(30));
    }
    try (JdbcRunStore store = JdbcRunStore.h2(file)) {
      assertThat(store.find("run-1")).isPresent();
    }
  }

  private static String everythingPrinted(Throwable e) {
    StringWriter text = new StringWriter();
    e.printStackTrace(new PrintWriter(text));
    return text + " " + e;
  }
}
