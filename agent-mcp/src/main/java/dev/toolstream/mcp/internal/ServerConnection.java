package dev.toolstream.mcp.internal;

import dev.toolstream.agent.ToolContext;
import dev.toolstream.agent.ToolOutput;
import dev.toolstream.agent.ToolSpec;
import dev.toolstream.mcp.McpConnectionException;
import dev.toolstream.mcp.McpListener;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntPredicate;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * What an {@code McpConnection} does: holds the current {@link ServerSession}, turns the server's
 * tools into {@link ToolSpec}s whose handlers call it, answers every outcome of a call as a result
 * for the model, reports failures, and opens a new session when the reconnect policy allows.
 */
public final class ServerConnection {
  private static final Logger log = LoggerFactory.getLogger("dev.toolstream.mcp");
  private static final String CLOSED = "the connection was closed";

  private final Settings settings;
  // Held while a failed session is replaced, which may take up to the connect timeout: a call
  // waiting for it can be interrupted, and close() does not wait for it.
  private final ReentrantLock lock = new ReentrantLock();
  private volatile ServerSession session; // Replaced with lock held.
  private int failedReconnects; // Guarded by lock.
  private final AtomicBoolean closed = new AtomicBoolean();
  // Completed by close(), to give up a reconnection under way.
  private final CompletableFuture<String> closing = new CompletableFuture<>();
  private volatile List<ToolSpec> tools;
  // Tools offered under another name, built once per tool list: ToolSpec compares by identity.
  private final Map<ToolSpec, ToolSpec> renamed = new ConcurrentHashMap<>();

  /**
   * How to reach and treat a server.
   *
   * @param name the server's short name, in logs, events and messages
   * @param where how it is reached, for messages: a command line or a URL, never a header
   * @param transports makes a transport, given what to tell when the server ends on its own
   * @param toolTimeouts limits per tool name; {@code toolTimeout} for the others, or null
   * @param mayReconnect whether to reconnect after that many failed reconnections in a row
   * @param reconnectPolicy the policy, as its {@code toString()}, for messages
   * @param sent told the method of each request and notification once sent: a seam for tests
   */
  public record Settings(
      String name,
      String where,
      Function<Consumer<String>, McpClientTransport> transports,
      Duration connectTimeout,
      Duration requestTimeout,
      @Nullable Duration toolTimeout,
      Map<String, Duration> toolTimeouts,
      IntPredicate mayReconnect,
      String reconnectPolicy,
      McpListener listener,
      Consumer<String> sent) {}

  /**
   * Connects, initializes and lists the tools.
   *
   * @throws McpConnectionException if that fails
   */
  public ServerConnection(Settings settings) {
    this.settings = settings;
    this.session = open();
    this.tools = toSpecs(session.tools());
  }

  /** Returns the server's tools as of its last word. */
  public List<ToolSpec> tools() {
    return tools;
  }

  /** Returns the protocol version agreed on with the server. */
  public String protocolVersion() {
    return session.protocolVersion();
  }

  /**
   * Ends the session; idempotent. A reconnection under way is given up at once, and the session it
   * was opening is closed.
   */
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    closing.complete(CLOSED); // After closed is set, which the reconnection checks once it ends.
    session.close(); // A reconnection that sets a session after this sees closed, and closes it.
  }

  private ServerSession open() {
    try {
      return ServerSession.open(
          settings.transports(),
          settings.connectTimeout(),
          settings.requestTimeout(),
          closing,
          this::serverFailed,
          this::toolsChanged,
          settings.sent());
    } catch (RuntimeException e) {
      throw new McpConnectionException(
          "could not connect to MCP server \""
              + settings.name()
              + "\" ("
              + settings.where()
              + "): "
              + e.getMessage()
              + "; check that the server starts and speaks MCP, and its log",
          e);
    }
  }

  private void serverFailed(String problem) {
    log.warn("MCP server \"{}\" failed: {}", settings.name(), problem);
    settings.listener().onServerFailed(settings.name(), problem);
  }

  private void toolsChanged(List<McpSchema.Tool> listed) {
    tools = toSpecs(listed);
    renamed.clear();
    List<String> names = listed.stream().map(McpSchema.Tool::name).toList();
    log.info("MCP server \"{}\" changed its tools: {}", settings.name(), names);
    settings.listener().onToolsChanged(settings.name(), names);
  }

  /** Offers {@code tool} of this server under another name, built once per tool list. */
  public ToolSpec renamed(ToolSpec tool, String name) {
    return renamed.computeIfAbsent(tool, original -> rename(original, name));
  }

  private static ToolSpec rename(ToolSpec tool, String name) {
    ToolSpec.Builder spec =
        ToolSpec.builder(name)
            .description(tool.definition().description())
            .inputSchema(tool.definition().inputSchema())
            .handler(tool.handler())
            .idempotent(tool.idempotent())
            .requiresApproval(tool.requiresApproval());
    if (tool.timeout() != null) {
      spec.timeout(tool.timeout());
    }
    return spec.build();
  }

  private List<ToolSpec> toSpecs(List<McpSchema.Tool> listed) {
    List<ToolSpec> specs = new ArrayList<>();
    for (McpSchema.Tool tool : listed) {
      try {
        specs.add(toSpec(tool));
      } catch (IllegalArgumentException e) {
        log.warn(
            "MCP server \"{}\": leaving out tool \"{}\": {}",
            settings.name(),
            tool.name(),
            e.getMessage());
      }
    }
    return List.copyOf(specs);
  }

  private ToolSpec toSpec(McpSchema.Tool tool) {
    String description =
        tool.description() != null && !tool.description().isBlank()
            ? tool.description()
            : tool.title() != null && !tool.title().isBlank()
                ? tool.title()
                : "The tool " + tool.name() + " of the MCP server " + settings.name() + ".";
    ToolSpec.Builder spec =
        ToolSpec.builder(tool.name())
            .description(description)
            .inputSchema(McpContent.toJson(tool.inputSchema()))
            .handler((input, context) -> call(tool.name(), input, context))
            .idempotent(idempotent(tool.annotations()));
    Duration timeout = settings.toolTimeouts().getOrDefault(tool.name(), settings.toolTimeout());
    if (timeout != null) {
      spec.timeout(timeout);
    }
    return spec.build();
  }

  /**
   * Returns whether the server says a call of the tool may run twice: it is read-only or
   * idempotent. Hints are the server's word, not checked; without them a tool is not idempotent.
   */
  private static boolean idempotent(McpSchema.@Nullable ToolAnnotations hints) {
    return hints != null
        && (Boolean.TRUE.equals(hints.idempotentHint()) || Boolean.TRUE.equals(hints.readOnlyHint()));
  }

  /**
   * Runs one call of {@code tool}; every outcome but an {@link Error} is a result for the model.
   */
  private ToolOutput call(String tool, JsonNode input, ToolContext context) {
    ServerSession current;
    try {
      current = liveSession();
    } catch (McpConnectionException e) {
      return ToolOutput.error(e.getMessage());
    } catch (InterruptedException e) { // While another call reconnected.
      Thread.currentThread().interrupt();
      return ToolOutput.error("the call of " + tool + " was cancelled");
    }
    try {
      return McpContent.toOutput(current.call(tool, input));
    } catch (ServerSession.CancelledCall e) {
      log.info(
          "MCP server \"{}\": call of {} ({}) abandoned; notifications/cancelled sent: {}",
          settings.name(),
          tool,
          context.toolUseId(),
          e.serverTold());
      settings.listener().onCallCancelled(settings.name(), tool);
      Thread.currentThread().interrupt();
      return ToolOutput.error("the call of " + tool + " was cancelled");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof CancellingTransport.UnreadableResult unreadable) {
        return ToolOutput.error(
            "the MCP server \""
                + settings.name()
                + "\" answered the call of "
                + tool
                + " with a result that could not be read: "
                + unreadable.getMessage());
      }
      if (cause instanceof McpError refused) {
        return ToolOutput.error(
            "the MCP server \""
                + settings.name()
                + "\" refused the call of "
                + tool
                + ": "
                + refused.getMessage());
      }
      String problem =
          cause instanceof ServerSession.ServerFailedException
              ? cause.getMessage()
              : "answered the call of " + tool + " with a failure: " + cause;
      if (current.failure() == null) { // Else the transport has already reported it.
        current.fail(problem);
        serverFailed(problem);
      }
      return ToolOutput.error("the MCP server \"" + settings.name() + "\" failed: " + problem);
    }
  }

  private McpConnectionException closedConnection() {
    return new McpConnectionException(
        "the connection to MCP server \"" + settings.name() + "\" is closed", null);
  }

  /**
   * Returns the working session, reconnecting to a failed server if the policy allows.
   *
   * @throws InterruptedException if interrupted while another call reconnects
   */
  private ServerSession liveSession() throws InterruptedException {
    ServerSession working = session;
    if (!closed.get() && working.failure() == null) {
      return working;
    }
    ServerSession failed;
    ServerSession reconnected;
    lock.lockInterruptibly();
    try {
      if (closed.get()) {
        throw closedConnection();
      }
      String problem = session.failure();
      if (problem == null) {
        return session;
      }
      if (!settings.mayReconnect().test(failedReconnects)) {
        throw new McpConnectionException(
            "the MCP server \""
                + settings.name()
                + "\" failed ("
                + problem
                + ") and the connection does not reconnect ("
                + settings.reconnectPolicy()
                + ")",
            null);
      }
      failed = session;
      try {
        session = open();
      } catch (McpConnectionException e) {
        if (closed.get()) { // close() gave the reconnection up.
          throw closedConnection();
        }
        failedReconnects++;
        throw e;
      }
      if (closed.get()) { // close() came meanwhile: it closed one of the two sessions, or none.
        session.close();
        failed.close();
        throw closedConnection();
      }
      failedReconnects = 0;
      tools = toSpecs(session.tools());
      renamed.clear();
      reconnected = session;
    } finally {
      lock.unlock();
    }
    failed.close();
    log.info("MCP server \"{}\": reconnected", settings.name());
    settings.listener().onReconnected(settings.name());
    return reconnected;
  }
}
