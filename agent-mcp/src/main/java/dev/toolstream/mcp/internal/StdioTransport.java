package dev.toolstream.mcp.internal;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Speaks MCP over a server process's stdin and stdout: one JSON-RPC message a line.
 *
 * <p>Ours rather than the SDK's {@code StdioClientTransport}, which stops reading at the first line
 * it cannot parse and never says that the process ended, so a call waits for an answer that cannot
 * come. This one tells {@code onEnd} when the process exits, closes its stdout, writes a line that
 * is not JSON-RPC or one longer than {@link #MAX_MESSAGE_CHARS} (it is not buffered past that), and
 * stops the process. Its stderr is logged at debug, each line cut at 8,192 characters. Closing it
 * closes stdin, then stops the process and its children (TERM, then KILL), and joins its two
 * reader threads, so nothing it started outlives it.
 */
public final class StdioTransport implements McpClientTransport {
  private static final Logger log = LoggerFactory.getLogger("dev.toolstream.mcp");
  private static final long GRACE_MILLIS = 2_000;
  /** The longest message read, in characters: the SDK's own stdio transport's bound. */
  static final int MAX_MESSAGE_CHARS = 16 * 1024 * 1024;
  /** The longest line of the server's stderr logged; the rest of a longer one is dropped. */
  private static final int MAX_LOG_LINE_CHARS = 8 * 1024;

  private final String serverName;
  private final List<String> command;
  private final Map<String, String> environment;
  private final @Nullable Path workingDirectory;
  private final McpJsonMapper json;
  private final Consumer<String> onEnd;
  private final Object writeLock = new Object();
  private final List<Thread> readers = new ArrayList<>(2);
  private volatile @Nullable Process process;
  private volatile boolean closing;
  private volatile @Nullable Thread stdoutReader;

  /**
   * Prepares to start {@code command}; {@link #connect} starts it.
   *
   * @param onEnd told once, with the reason, when the server ends without being closed
   */
  public StdioTransport(
      String serverName,
      List<String> command,
      Map<String, String> environment,
      @Nullable Path workingDirectory,
      McpJsonMapper json,
      Consumer<String> onEnd) {
    this.serverName = serverName;
    this.command = List.copyOf(command);
    this.environment = Map.copyOf(environment);
    this.workingDirectory = workingDirectory;
    this.json = json;
    this.onEnd = onEnd;
  }

  @Override
  public Mono<Void> connect(
      Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
    return Mono.fromRunnable(() -> start(handler));
  }

  private void start(
      Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(environment);
    if (workingDirectory != null) {
      builder.directory(workingDirectory.toFile());
    }
    Process started;
    try {
      started = builder.start();
    } catch (IOException e) {
      throw new IllegalStateException(
          "could not start MCP server \""
              + serverName
              + "\" with "
              + command
              + ": "
              + e.getMessage(),
          e);
    }
    process = started;
    stdoutReader = startReader("stdout", () -> readMessages(started.getInputStream(), handler));
    startReader("stderr", () -> readLog(started.getErrorStream()));
  }

  private Thread startReader(String stream, Runnable body) {
    Thread thread = new Thread(body, "toolstream-mcp-" + serverName + "-" + stream);
    thread.setDaemon(true);
    readers.add(thread);
    thread.start();
    return thread;
  }

  private void readMessages(
      InputStream stdout,
      Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
    String problem = "closed its output";
    try (InputStreamReader stream = new InputStreamReader(stdout, StandardCharsets.UTF_8)) {
      BoundedLineReader reader = new BoundedLineReader(stream, MAX_MESSAGE_CHARS);
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        McpSchema.JSONRPCMessage message;
        try {
          message = McpSchema.deserializeJsonRpcMessage(json, line);
        } catch (IOException | RuntimeException e) {
          problem = "wrote a line that is not a JSON-RPC message: " + abbreviate(line);
          break;
        }
        handler
            .apply(Mono.just(message))
            .subscribe(
                ignored -> {},
                error ->
                    log.warn("MCP server \"{}\": handling a message failed", serverName, error));
      }
    } catch (BoundedLineReader.TooLong e) {
      problem = "wrote a message longer than " + MAX_MESSAGE_CHARS + " characters";
    } catch (IOException e) {
      problem = "could not be read: " + e.getMessage();
    }
    ended(problem);
  }

  private void ended(String problem) {
    if (closing) {
      return;
    }
    Process running = process;
    String reason = problem;
    if (running != null) {
      stop(running, 0);
      reason = problem + (running.isAlive() ? "" : " (exit code " + running.exitValue() + ")");
    }
    onEnd.accept(reason);
  }

  private void readLog(InputStream stderr) {
    try (InputStreamReader stream = new InputStreamReader(stderr, StandardCharsets.UTF_8)) {
      BoundedLineReader reader = new BoundedLineReader(stream, MAX_LOG_LINE_CHARS);
      String line;
      while ((line = reader.readLineCut()) != null) {
        log.debug("MCP server \"{}\" stderr: {}", serverName, line);
      }
    } catch (IOException e) {
      log.debug("MCP server \"{}\": stderr closed: {}", serverName, e.getMessage());
    }
  }

  @Override
  public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
    return Mono.fromRunnable(
        () -> {
          Process running = process;
          if (running == null || closing) {
            throw new IllegalStateException("MCP server \"" + serverName + "\" is not running");
          }
          try {
            byte[] line =
                (json.writeValueAsString(message) + "\n").getBytes(StandardCharsets.UTF_8);
            synchronized (writeLock) {
              OutputStream stdin = running.getOutputStream();
              stdin.write(line);
              stdin.flush();
            }
          } catch (IOException e) {
            // Its stdin is closed, most likely because it exited: let its reader tell onEnd why
            // (with the exit code) before this failure reaches the caller.
            awaitStdoutEnd();
            throw new IllegalStateException(
                "could not write to MCP server \"" + serverName + "\": " + e.getMessage(), e);
          }
        });
  }

  @Override
  public Mono<Void> closeGracefully() {
    return Mono.fromRunnable(this::close);
  }

  /** Stops the process and its children and joins the reader threads; idempotent. */
  @Override
  public void close() {
    closing = true;
    Process running = process;
    if (running != null) {
      stop(running, GRACE_MILLIS);
    }
    for (Thread reader : readers) {
      if (reader != Thread.currentThread()) {
        join(reader);
      }
    }
  }

  /** Closes stdin, gives the process {@code graceMillis} to exit, then TERM, then KILL. */
  private static void stop(Process running, long graceMillis) {
    List<ProcessHandle> children = running.descendants().toList();
    try {
      running.getOutputStream().close();
    } catch (IOException e) {
      // Already closed: the process is going anyway.
    }
    if (!awaitExit(running, graceMillis)) {
      running.destroy();
      if (!awaitExit(running, GRACE_MILLIS)) {
        running.destroyForcibly();
        awaitExit(running, GRACE_MILLIS);
      }
    }
    children.forEach(ProcessHandle::destroyForcibly);
  }

  private static boolean awaitExit(Process running, long millis) {
    try {
      running.onExit().get(millis, TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException | ExecutionException e) {
      return !running.isAlive();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !running.isAlive();
    }
  }

  private void awaitStdoutEnd() {
    Thread reader = stdoutReader;
    if (reader != null && reader != Thread.currentThread()) {
      join(reader);
    }
  }

  private static void join(Thread reader) {
    try {
      reader.join(GRACE_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String abbreviate(String line) {
    return line.length() <= 200 ? line : line.substring(0, 200) + "…";
  }

  @Override
  public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
    return json.convertValue(data, typeRef);
  }
}
