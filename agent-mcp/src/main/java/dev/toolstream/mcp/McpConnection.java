package dev.toolstream.mcp;

import dev.toolstream.agent.ToolSpec;
import dev.toolstream.mcp.internal.ServerConnection;
import dev.toolstream.mcp.internal.StdioTransport;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpClientTransport;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A connection from this application, as an MCP client, to one MCP server, whose tools it offers as
 * {@link ToolSpec}s. Not to be confused with {@link dev.toolstream.messages.McpServer}, which asks
 * the Messages API to connect to a server itself: here the application connects, and its agent runs
 * the calls.
 *
 * <pre>{@code
 * try (McpConnection files =
 *     McpConnection.stdio("files", "npx", "-y", "@modelcontextprotocol/server-filesystem", dir)
 *         .connect()) {
 *   Agent agent = Agent.builder().client(client).model(model).tools(files.tools()).build();
 *   ...
 * }
 * }</pre>
 *
 * <p>{@link Builder#connect()} starts the server's process (stdio) or reaches its URL (Streamable
 * HTTP), completes MCP's initialization (the SDK negotiates the protocol version) and lists the
 * tools. Each tool's handler calls the server: the agent checks the input against the server's
 * schema first, so a violation goes back to the model without a call; a timeout or a cancelled run
 * sends the server {@code notifications/cancelled}; a server that fails answers the model with an
 * error result, logs a warning and tells the {@link McpListener}, and the {@link ReconnectPolicy}
 * decides whether the next call connects again.
 *
 * <p>Thread-safe. {@link #close()} ends the session and, for stdio, stops the process and its
 * children and joins the threads that read it.
 */
public final class McpConnection implements AutoCloseable {
  private final String name;
  private final ServerConnection connection;

  private McpConnection(Builder builder) {
    this.name = builder.name;
    this.connection =
        new ServerConnection(
            new ServerConnection.Settings(
                builder.name,
                builder.where(),
                builder.transports(),
                builder.connectTimeout,
                builder.requestTimeout,
                builder.toolTimeout,
                Map.copyOf(builder.toolTimeouts),
                builder.reconnect::allows,
                builder.reconnect.toString(),
                builder.listener,
                builder.sent));
  }

  /**
   * Starts describing a server run as a process that speaks MCP over its stdin and stdout.
   *
   * @param name a short name for the server, used in logs, events, errors and prefixed tool names:
   *     letters, digits, {@code _} or {@code -}
   * @param command the program, such as {@code npx} or a path
   * @param args its arguments
   * @return a builder; {@link Builder#connect()} starts the process
   */
  public static Builder stdio(String name, String command, String... args) {
    List<String> line = new ArrayList<>();
    line.add(Objects.requireNonNull(command, "command == null"));
    line.addAll(List.of(args));
    return new Builder(name, line, null);
  }

  /**
   * Starts describing a remote server reached over Streamable HTTP.
   *
   * @param name a short name for the server, as for {@link #stdio}
   * @param url the server's MCP endpoint, such as {@code https://example.com/mcp}; messages and
   *     logs show it without its query, which may hold a key
   * @return a builder; {@link Builder#connect()} connects
   */
  public static Builder http(String name, URI url) {
    return new Builder(name, null, Objects.requireNonNull(url, "url == null"));
  }

  /**
   * Names the server, as given to {@link #stdio} or {@link #http}.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * Lists the server's tools as the agent's tools, as of the server's last word: its list changes
   * when it sends {@code notifications/tools/list_changed} or after a reconnection. Give an agent
   * {@link McpClientTools} to follow such changes from turn to turn.
   *
   * @return one {@link ToolSpec} per tool, named as the server names it, with the server's input
   *     schema and description; tools whose name or schema the agent cannot take are left out, with
   *     a warning in the log
   */
  public List<ToolSpec> tools() {
    return connection.tools();
  }

  /**
   * Tells which protocol version the server and this client agreed on at initialization.
   *
   * @return a version such as {@code 2025-06-18}
   */
  public String protocolVersion() {
    return connection.protocolVersion();
  }

  /**
   * Ends the session and stops a stdio server's process; idempotent. It does not wait for a
   * reconnection under way: that is given up, and the call that made it answered with an error.
   */
  @Override
  public void close() {
    connection.close();
  }

  @Override
  public String toString() {
    return "McpConnection{" + name + "}";
  }

  /** Offers {@code tool} of this server under another name, for {@link McpClientTools}. */
  ToolSpec renamed(ToolSpec tool, String newName) {
    return connection.renamed(tool, newName);
  }

  /** Describes an MCP server and how to treat it; {@link #connect()} makes the connection. */
  public static final class Builder {
    private final String name;
    private final @Nullable List<String> command;
    private final @Nullable URI url;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final Map<String, Duration> toolTimeouts = new HashMap<>();
    private @Nullable Path workingDirectory;
    private @Nullable Duration toolTimeout;
    private Duration connectTimeout = Duration.ofSeconds(30);
    private Duration requestTimeout = Duration.ofMinutes(10);
    private ReconnectPolicy reconnect = ReconnectPolicy.onNextCall(3);
    private McpListener listener = McpListener.NONE;
    private Consumer<String> sent = method -> {};

    private Builder(String name, @Nullable List<String> command, @Nullable URI url) {
      Objects.requireNonNull(name, "name == null");
      if (!name.matches("[a-zA-Z0-9_-]{1,32}")) {
        throw new IllegalArgumentException(
            "MCP server name \"" + name + "\" is invalid: use 1 to 32 letters, digits, '_' or '-'");
      }
      this.name = name;
      this.command = command;
      this.url = url;
    }

    /**
     * Sets an environment variable of the server's process, on top of this process's own.
     *
     * @param variable the variable's name
     * @param value its value
     * @return this builder
     * @throws IllegalStateException if the server is reached over HTTP
     */
    public Builder environment(String variable, String value) {
      requireStdio("environment");
      environment.put(
          Objects.requireNonNull(variable, "variable == null"),
          Objects.requireNonNull(value, "value == null"));
      return this;
    }

    /**
     * Runs the server's process in {@code directory} instead of this process's.
     *
     * @param directory an existing directory
     * @return this builder
     * @throws IllegalStateException if the server is reached over HTTP
     */
    public Builder workingDirectory(Path directory) {
      requireStdio("workingDirectory");
      this.workingDirectory = Objects.requireNonNull(directory, "directory == null");
      return this;
    }

    /**
     * Sends a header with every HTTP request to the server.
     *
     * @param header the header's name
     * @param value its value, which is never logged
     * @return this builder
     * @throws IllegalStateException if the server runs over stdio
     */
    public Builder header(String header, String value) {
      requireHttp("header");
      headers.put(
          Objects.requireNonNull(header, "header == null"),
          Objects.requireNonNull(value, "value == null"));
      return this;
    }

    /**
     * Authenticates to the server with {@code Authorization: Bearer <token>}. The token appears in
     * no log, message or {@code toString()}.
     *
     * @param token the token
     * @return this builder
     * @throws IllegalStateException if the server runs over stdio
     */
    public Builder bearerToken(String token) {
      return header("Authorization", "Bearer " + Objects.requireNonNull(token, "token == null"));
    }

    /**
     * Limits each call of this server's tools, overriding the agent's {@code toolTimeout}. A call
     * that runs out is answered as timed out and the server is sent {@code
     * notifications/cancelled}.
     *
     * @param timeout positive
     * @return this builder
     */
    public Builder toolTimeout(Duration timeout) {
      this.toolTimeout = positive(timeout);
      return this;
    }

    /**
     * Limits each call of one tool, overriding {@link #toolTimeout(Duration)}.
     *
     * @param tool the tool's name on the server
     * @param timeout positive
     * @return this builder
     */
    public Builder toolTimeout(String tool, Duration timeout) {
      toolTimeouts.put(Objects.requireNonNull(tool, "tool == null"), positive(timeout));
      return this;
    }

    /**
     * Limits how long connecting may take: starting, initialization and the first tool list.
     * Default 30 seconds.
     *
     * @param timeout positive
     * @return this builder
     */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive(timeout);
      return this;
    }

    /**
     * Says whether to connect again after the server failed. Default {@code
     * ReconnectPolicy.onNextCall(3)}.
     *
     * @param policy the policy
     * @return this builder
     */
    public Builder reconnect(ReconnectPolicy policy) {
      this.reconnect = Objects.requireNonNull(policy, "policy == null");
      return this;
    }

    /**
     * Tells {@code listener} of failures, cancelled calls, tool list changes and reconnections.
     *
     * @param listener replaces any set before
     * @return this builder
     */
    public Builder listener(McpListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener == null");
      return this;
    }

    /**
     * Tells {@code sent} the JSON-RPC method of each request and notification once it has gone to
     * the server, such as {@code tools/call}: a seam for tests, which time a call out only once the
     * server has it.
     */
    Builder sent(Consumer<String> sent) {
      this.sent = Objects.requireNonNull(sent, "sent == null");
      return this;
    }

    /**
     * Connects: starts the process or reaches the URL, initializes and lists the tools.
     *
     * @return the open connection; close it when done
     * @throws McpConnectionException if the server cannot be started or reached, or does not
     *     initialize within the connect timeout
     */
    public McpConnection connect() {
      return new McpConnection(this);
    }

    /** Makes transports from a copy of this builder's settings, which later calls do not change. */
    private Function<Consumer<String>, McpClientTransport> transports() {
      String server = name;
      Duration timeout = connectTimeout;
      if (command != null) {
        List<String> line = List.copyOf(command);
        Map<String, String> variables = Map.copyOf(environment);
        Path directory = workingDirectory;
        return onEnd ->
            new StdioTransport(
                server, line, variables, directory, McpJsonDefaults.getMapper(), onEnd);
      }
      URI target = Objects.requireNonNull(url);
      String base = target.getScheme() + "://" + target.getRawAuthority();
      String path =
          target.getRawPath() + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
      Map<String, String> sent = Map.copyOf(headers);
      return onEnd -> {
        HttpRequest.Builder request = HttpRequest.newBuilder();
        sent.forEach(request::header);
        return HttpClientStreamableHttpTransport.builder(base)
            .endpoint(path.isEmpty() ? "/" : path)
            .requestBuilder(request)
            .connectTimeout(timeout)
            .build();
      };
    }

    /**
     * Tells how the server is reached, for messages and logs: the command line, or the URL without
     * its user info and query, which may hold a key.
     */
    private String where() {
      if (command != null) {
        return "command " + command;
      }
      URI target = Objects.requireNonNull(url);
      String host = target.getHost() == null ? "" : target.getHost();
      return "url "
          + target.getScheme()
          + "://"
          + host
          + (target.getPort() == -1 ? "" : ":" + target.getPort())
          + (target.getRawPath() == null ? "" : target.getRawPath())
          + (target.getRawQuery() == null ? "" : "?…");
    }

    private void requireStdio(String method) {
      if (command == null) {
        throw new IllegalStateException(
            method + "(...) is for servers run over stdio; \"" + name + "\" is reached over HTTP");
      }
    }

    private void requireHttp(String method) {
      if (url == null) {
        throw new IllegalStateException(
            method + "(...) is for servers reached over HTTP; \"" + name + "\" runs over stdio");
      }
    }

    private static Duration positive(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be positive, was " + timeout);
      }
      return timeout;
    }
  }
}
