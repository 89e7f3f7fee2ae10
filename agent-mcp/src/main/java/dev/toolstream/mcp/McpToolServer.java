package dev.toolstream.mcp;

import dev.toolstream.agent.ToolSpec;
import dev.toolstream.mcp.internal.HttpEndpoint;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Serves {@link ToolSpec}s, such as {@code @Tool} methods from {@code AnnotatedTools}, as an MCP
 * server, so that Claude Desktop, Claude Code or any MCP client can call them.
 *
 * <pre>{@code
 * McpToolServer server = McpToolServer.builder().name("weather").tools(tools).build();
 * try (McpServing serving = server.serveStdio()) {
 *   serving.awaitClose();
 * }
 * }</pre>
 *
 * <p>Each call gets what the agent loop gives a tool: its input is checked against the tool's
 * compiled schema first (a violation goes back as an {@code isError} result naming each problem,
 * and the handler does not run); the handler runs on a thread of its own with the tool's {@link
 * ToolSpec#timeout()} or this server's {@link Builder#toolTimeout(Duration)} (past it the handler
 * is interrupted and the client gets an {@code isError} result); an exception from the handler
 * becomes an {@code isError} result with its message; a client's {@code notifications/cancelled}
 * interrupts the handler and turns its {@link dev.toolstream.agent.ToolContext#isCancelled()} true,
 * and no response is sent for the call. The handler's {@code ToolContext} gives the JSON-RPC
 * request id as its {@code toolUseId()} and an empty {@code history()}: an MCP client sends the
 * call, not its conversation.
 *
 * <p>Besides tools, a server can offer {@linkplain Builder#resource(McpResource) resources} and
 * {@linkplain Builder#prompt(McpPrompt) prompts}. When the client closes stdin, the SDK closes the
 * session: calls still running are interrupted and get no response.
 *
 * <p>Instances are immutable; one server can be served several times, over stdio and HTTP at once.
 */
public final class McpToolServer {
  private final String name;
  private final String version;
  private final List<ToolSpec> tools;
  private final List<McpResource> resources;
  private final List<McpPrompt> prompts;
  private final Duration toolTimeout;
  private final String bindAddress;
  private final List<String> allowedHosts;
  private final List<String> allowedOrigins;
  private final Scheduler timer;

  private McpToolServer(Builder builder) {
    this.name = builder.name;
    this.version = builder.version;
    this.tools = List.copyOf(builder.tools);
    this.resources = List.copyOf(builder.resources);
    this.prompts = List.copyOf(builder.prompts);
    this.toolTimeout = builder.toolTimeout;
    this.bindAddress = builder.bindAddress;
    this.allowedHosts = List.copyOf(builder.allowedHosts);
    this.allowedOrigins = List.copyOf(builder.allowedOrigins);
    this.timer = builder.timer;
  }

  /**
   * Starts describing a server.
   *
   * @return a builder that needs a name and at least one tool
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Serves the tools over this process's stdin and stdout, as an MCP client that started the
   * process expects. Nothing else may write to {@link System#out} meanwhile: route logs to stderr.
   *
   * @return the running server; it closes when stdin ends or on {@link McpServing#close()}
   */
  public McpServing serveStdio() {
    return serveStdio(System.in, System.out);
  }

  /**
   * Serves the tools over a pair of streams carrying newline-delimited JSON-RPC, as stdio does.
   *
   * @param in where the client's messages arrive
   * @param out where the server's messages go
   * @return the running server; it closes when {@code in} ends or on {@link McpServing#close()}
   */
  public McpServing serveStdio(InputStream in, OutputStream out) {
    Objects.requireNonNull(in, "in == null");
    Objects.requireNonNull(out, "out == null");
    return McpServing.stdio(this, in, out);
  }

  /**
   * Serves the tools over Streamable HTTP at {@code http://ADDRESS:PORT/mcp}, on the loopback
   * address unless {@link Builder#bindAddress(String)} says otherwise. Requests whose {@code Host}
   * is not this machine's loopback name (or one {@linkplain Builder#allowHost(String) allowed}) are
   * refused with 421, and requests from a browser page whose {@code Origin} was not {@linkplain
   * Builder#allowOrigin(String) allowed} with 403, as the MCP specification asks against DNS
   * rebinding.
   *
   * @param port the port, or 0 for any free one ({@link McpServing#url()} tells which)
   * @return the running server, until {@link McpServing#close()}
   * @throws IllegalArgumentException if the port is out of range
   * @throws java.io.UncheckedIOException if the port cannot be bound, such as when it is taken
   */
  public McpServing serveHttp(int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(
          "port must be 0 to 65535 (0 picks a free one), was " + port);
    }
    return McpServing.http(this, port);
  }

  String name() {
    return name;
  }

  String version() {
    return version;
  }

  List<ToolSpec> tools() {
    return tools;
  }

  List<McpResource> resources() {
    return resources;
  }

  List<McpPrompt> prompts() {
    return prompts;
  }

  Duration toolTimeout() {
    return toolTimeout;
  }

  Scheduler timer() {
    return timer;
  }

  HttpEndpoint.Options httpOptions(int port) {
    return new HttpEndpoint.Options(bindAddress, port, allowedHosts, allowedOrigins);
  }

  @Override
  public String toString() {
    List<String> names = new ArrayList<>();
    tools.forEach(tool -> names.add(tool.name()));
    return "McpToolServer{" + name + " " + version + ", tools=" + names + "}";
  }

  /** Builds an {@link McpToolServer}. */
  public static final class Builder {
    private String name = "";
    private String version = "1.0.0";
    private final List<ToolSpec> tools = new ArrayList<>();
    private final List<McpResource> resources = new ArrayList<>();
    private final List<McpPrompt> prompts = new ArrayList<>();
    private Duration toolTimeout = Duration.ofMinutes(2);
    private String bindAddress = "127.0.0.1";
    private final List<String> allowedHosts = new ArrayList<>();
    private final List<String> allowedOrigins = new ArrayList<>();
    private Scheduler timer = Schedulers.parallel();

    private Builder() {}

    /**
     * Names the server, as clients show it ({@code serverInfo.name}). Required.
     *
     * @param name such as {@code "weather"}; not blank (checked by {@link #build()})
     * @return this builder
     */
    public Builder name(String name) {
      this.name = Objects.requireNonNull(name, "name == null");
      return this;
    }

    /**
     * Gives the server's version, as clients show it ({@code serverInfo.version}).
     *
     * @param version such as {@code "1.2.0"}; {@code "1.0.0"} when not set
     * @return this builder
     */
    public Builder version(String version) {
      this.version = Objects.requireNonNull(version, "version == null");
      return this;
    }

    /**
     * Adds a tool to serve.
     *
     * @param tool the tool; its name must differ from every other tool's (checked by {@link
     *     #build()})
     * @return this builder
     */
    public Builder tool(ToolSpec tool) {
      tools.add(Objects.requireNonNull(tool, "tool == null"));
      return this;
    }

    /**
     * Adds tools to serve, such as {@code AnnotatedTools.from(new WeatherTools())}.
     *
     * @param tools the tools, in the order {@code tools/list} gives them
     * @return this builder
     */
    public Builder tools(List<ToolSpec> tools) {
      tools.forEach(this::tool);
      return this;
    }

    /**
     * Offers a resource besides the tools, such as a document the client can attach.
     *
     * @param resource the resource; its URI must differ from every other resource's
     * @return this builder
     */
    public Builder resource(McpResource resource) {
      resources.add(Objects.requireNonNull(resource, "resource == null"));
      return this;
    }

    /**
     * Offers a prompt besides the tools, such as a template the user picks in the client.
     *
     * @param prompt the prompt; its name must differ from every other prompt's
     * @return this builder
     */
    public Builder prompt(McpPrompt prompt) {
      prompts.add(Objects.requireNonNull(prompt, "prompt == null"));
      return this;
    }

    /**
     * Limits how long a call may run, for tools without a {@link ToolSpec#timeout()} of their own.
     *
     * @param toolTimeout positive; two minutes when not set
     * @return this builder
     * @throws IllegalArgumentException if {@code toolTimeout} is zero or negative
     */
    public Builder toolTimeout(Duration toolTimeout) {
      if (toolTimeout.isNegative() || toolTimeout.isZero()) {
        throw new IllegalArgumentException("toolTimeout must be positive, was " + toolTimeout);
      }
      this.toolTimeout = toolTimeout;
      return this;
    }

    /**
     * Sets the address {@link #serveHttp(int)} listens on. Anything but loopback lets other
     * machines call the tools, with no authentication: put a proxy that checks one in front.
     *
     * @param bindAddress an IP address or host name; {@code 127.0.0.1} when not set
     * @return this builder
     */
    public Builder bindAddress(String bindAddress) {
      this.bindAddress = Objects.requireNonNull(bindAddress, "bindAddress == null");
      return this;
    }

    /**
     * Lets HTTP requests name this server by another {@code Host}, such as the machine's name when
     * it listens on more than loopback. {@code localhost}, {@code 127.0.0.1} and {@code [::1]} on
     * any port are always allowed.
     *
     * @param host a host name, optionally with {@code :PORT}, or {@code :*} for any port
     * @return this builder
     */
    public Builder allowHost(String host) {
      allowedHosts.add(Objects.requireNonNull(host, "host == null"));
      return this;
    }

    /**
     * Lets browser pages from {@code origin} call the server over HTTP. Requests without an {@code
     * Origin} header, which non-browser clients send, are always allowed.
     *
     * @param origin such as {@code https://app.example} or {@code http://localhost:*}
     * @return this builder
     */
    public Builder allowOrigin(String origin) {
      allowedOrigins.add(Objects.requireNonNull(origin, "origin == null"));
      return this;
    }

    /** Times calls out on {@code timer} instead of Reactor's parallel scheduler: a test seam. */
    Builder timer(ScheduledExecutorService timer) {
      this.timer = Schedulers.fromExecutorService(Objects.requireNonNull(timer, "timer == null"));
      return this;
    }

    /**
     * Checks the description.
     *
     * @return an immutable server description, ready to serve
     * @throws IllegalArgumentException if the name is blank, there is no tool, or two tools share a
     *     name (the message names it)
     */
    public McpToolServer build() {
      if (name.isBlank()) {
        throw new IllegalArgumentException(
            "the MCP server has no name: call name(...), such as name(\"weather\")");
      }
      if (tools.isEmpty()) {
        throw new IllegalArgumentException(
            "the MCP server \"" + name + "\" has no tools: add some with tools(...) or tool(...)");
      }
      Set<String> seen = new HashSet<>();
      for (ToolSpec tool : tools) {
        if (!seen.add(tool.name())) {
          throw new IllegalArgumentException(
              "two tools are named \""
                  + tool.name()
                  + "\": MCP clients call tools by name, so rename one");
        }
      }
      Set<String> uris = new HashSet<>();
      for (McpResource resource : resources) {
        if (!uris.add(resource.uri())) {
          throw new IllegalArgumentException(
              "two resources have the URI " + resource.uri() + ": clients read them by URI");
        }
      }
      Set<String> promptNames = new HashSet<>();
      for (McpPrompt prompt : prompts) {
        if (!promptNames.add(prompt.name())) {
          throw new IllegalArgumentException(
              "two prompts are named \"" + prompt.name() + "\": clients get them by name");
        }
      }
      return new McpToolServer(this);
    }
  }
}
