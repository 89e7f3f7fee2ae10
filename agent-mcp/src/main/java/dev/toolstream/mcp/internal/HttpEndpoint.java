package dev.toolstream.mcp.internal;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.transport.DefaultServerTransportSecurityValidator;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.server.transport.ServerHttpHeaderValidator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The SDK's Streamable HTTP servlet in an embedded Jetty, at {@code /mcp}, with the {@code Host}
 * and {@code Origin} checks the MCP specification asks for against DNS rebinding.
 */
public final class HttpEndpoint implements AutoCloseable {
  private static final String PATH = "/mcp";
  private static final List<String> LOOPBACK_HOSTS =
      List.of("localhost:*", "127.0.0.1:*", "[::1]:*");

  private final Server jetty;
  private final URI url;

  private HttpEndpoint(Server jetty, URI url) {
    this.jetty = jetty;
    this.url = url;
  }

  /**
   * Where and to whom to serve.
   *
   * @param bindAddress the address to listen on
   * @param port the port, 0 for any free one
   * @param allowedHosts {@code Host} values allowed besides loopback names
   * @param allowedOrigins {@code Origin} values allowed; requests without one are always allowed
   */
  public record Options(
      String bindAddress, int port, List<String> allowedHosts, List<String> allowedOrigins) {
    /** Copies the lists. */
    public Options {
      allowedHosts = List.copyOf(allowedHosts);
      allowedOrigins = List.copyOf(allowedOrigins);
    }
  }

  /**
   * Makes the SDK's servlet, with the checks of {@code options}; hand it to the SDK's server, then
   * to {@link #start}.
   *
   * @param jsonMapper the SDK's JSON mapper
   * @param options the hosts and origins to allow
   * @return the servlet, not yet serving
   */
  public static HttpServletStreamableServerTransportProvider servlet(
      McpJsonMapper jsonMapper, Options options) {
    return HttpServletStreamableServerTransportProvider.builder()
        .jsonMapper(jsonMapper)
        .mcpEndpoint(PATH)
        .contextExtractor(RequestIdServlet.contextExtractor())
        .httpHeaderValidator(headerChecks(options))
        .build();
  }

  /** The {@code Host} and {@code Origin} checks of {@code options}, for the SDK's servlet and ours. */
  private static ServerHttpHeaderValidator headerChecks(Options options) {
    List<String> hosts = new ArrayList<>(LOOPBACK_HOSTS);
    hosts.addAll(options.allowedHosts());
    return DefaultServerTransportSecurityValidator.builder()
        .allowedHosts(hosts)
        .allowedOrigins(options.allowedOrigins())
        .build();
  }

  /**
   * Starts Jetty with the servlet at {@code /mcp}.
   *
   * @param servlet the servlet from {@link #servlet}, already given to the SDK's server
   * @param options where to listen
   * @return the running endpoint
   * @throws UncheckedIOException if the address cannot be bound
   */
  public static HttpEndpoint start(
      HttpServletStreamableServerTransportProvider servlet, Options options) {
    QueuedThreadPool threads = new QueuedThreadPool();
    threads.setName("toolstream-mcp-http");
    threads.setDaemon(true);
    Server jetty = new Server(threads);
    ServerConnector connector = new ServerConnector(jetty);
    connector.setHost(options.bindAddress());
    connector.setPort(options.port());
    jetty.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    ServletHolder holder = new ServletHolder(new RequestIdServlet(servlet, headerChecks(options)));
    holder.setAsyncSupported(true);
    context.addServlet(holder, PATH);
    jetty.setHandler(context);
    try {
      jetty.start();
    } catch (Exception e) {
      stopQuietly(jetty);
      String where = options.bindAddress() + ":" + options.port();
      if (e instanceof IOException io) {
        throw new UncheckedIOException(
            "cannot serve MCP on " + where + ": " + io.getMessage() + "; pick another port", io);
      }
      throw new IllegalStateException("cannot serve MCP on " + where + ": " + e.getMessage(), e);
    }
    String host =
        options.bindAddress().contains(":")
            ? "[" + options.bindAddress() + "]"
            : options.bindAddress();
    return new HttpEndpoint(
        jetty, URI.create("http://" + host + ":" + connector.getLocalPort() + PATH));
  }

  /**
   * Tells where clients connect.
   *
   * @return {@code http://ADDRESS:PORT/mcp}
   */
  public URI url() {
    return url;
  }

  /** Stops Jetty and its threads. */
  @Override
  public void close() {
    stopQuietly(jetty);
  }

  private static void stopQuietly(Server jetty) {
    try {
      jetty.stop();
    } catch (Exception e) {
      // Stopping is best effort: the threads are daemons and the port is released with the socket.
    }
  }
}
